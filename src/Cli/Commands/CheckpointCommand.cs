using ChatClean.Cli.Hosting;
using ChatClean.Infrastructure.Audit.Checkpoints;
using Microsoft.Extensions.DependencyInjection;
using Spectre.Console;
using Spectre.Console.Cli;

namespace ChatClean.Cli.Commands;

/// <summary><c>checkpoint</c>: sign the log's head now (the service also does so every N events or T seconds).</summary>
public sealed class CheckpointCommand(IAnsiConsole console, CliServices services) : AsyncCommand<OutputSettings>
{
    public override async Task<int> ExecuteAsync(CommandContext context, OutputSettings settings, CancellationToken cancellationToken)
    {
        if (!services.Provider.GetRequiredService<CheckpointSigner>().CanSign)
        {
            throw new CliUsageException("No Audit:Checkpoints:SigningKey is configured (see `keys new`).");
        }

        var position = await services.Provider.GetRequiredService<CheckpointWriter>().WriteIfDueAsync(cancellationToken, force: true);
        console.WriteLine(position is { } p ? $"signed a checkpoint at position {p}" : "the head is checkpointed already");
        return CliApp.Intact;
    }
}

/// <summary><c>keys new</c>: a new ECDSA P-256 key pair for checkpoints, as configuration to paste.</summary>
public sealed class NewKeysCommand(IAnsiConsole console) : Command<OutputSettings>
{
    public override int Execute(CommandContext context, OutputSettings settings, CancellationToken cancellationToken)
    {
        var (privateKey, publicKey) = CheckpointSigner.NewKeyPair();
        console.Profile.Out.Writer.WriteLine("# The service signs with the private key: keep it secret (an environment variable or a file only the service reads).");
        console.Profile.Out.Writer.WriteLine("# Audit__Checkpoints__SigningKey:");
        console.Profile.Out.Writer.WriteLine(privateKey);
        console.Profile.Out.Writer.WriteLine("# Verifiers hold only the public key, e.g. Audit__Checkpoints__PublicKeys__k1:");
        console.Profile.Out.Writer.WriteLine(publicKey);
        return CliApp.Intact;
    }
}
