using ChatClean.Cli.Commands;
using ChatClean.Cli.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Spectre.Console;
using Spectre.Console.Cli;

namespace ChatClean.Cli;

/// <summary>
/// <c>chatclean</c>, the audit and maintenance command line (docs/audit.md). Exit codes: 0 done (for <c>verify</c>: the
/// log is intact), 1 <c>verify</c> found the log broken, 2 a wrong command, option, id or configuration setting.
/// </summary>
public static class CliApp
{
    public const int Intact = 0;
    public const int Broken = 1;
    public const int UsageError = 2;

    /// <param name="settings">Configuration set on top of the service's (tests pass their database here).</param>
    public static async Task<int> RunAsync(string[] args, IAnsiConsole console, IReadOnlyDictionary<string, string?>? settings = null)
    {
        await using var services = new CliServices(settings);
        var registrations = new ServiceCollection();
        registrations.AddSingleton(console);
        registrations.AddSingleton(services);
        var app = new CommandApp(new TypeRegistrar(registrations));
        app.Configure(config =>
        {
            config.SetApplicationName("chatclean");
            config.ConfigureConsole(console);
            config.Settings.ExceptionHandler = (exception, _) =>
            {
                if (exception is System.Data.Common.DbException && (exception.Message.Contains("no such table", StringComparison.OrdinalIgnoreCase)
                    || exception.Message.Contains("doesn't exist", StringComparison.OrdinalIgnoreCase)))
                {
                    console.MarkupLineInterpolated($"[red]error:[/] the database has no ChatClean schema yet (start the service once: it migrates). {exception.Message}");
                    return UsageError;
                }

                console.MarkupLineInterpolated($"[red]error:[/] {exception.Message}");
                return exception is CommandRuntimeException or CommandParseException or CliUsageException or Microsoft.Extensions.Options.OptionsValidationException
                    ? UsageError
                    : Broken;
            };
            config.AddCommand<HistoryCommand>("history").WithDescription("A conversation's timeline: time, seq, actor, what happened, message text.");
            config.AddCommand<StateCommand>("state").WithDescription("A conversation as it stood at a version or a time.");
            config.AddCommand<VerifyCommand>("verify").WithDescription("Walk the whole log and check every link; exit 0 only when everything holds.");
            config.AddCommand<ExportCommand>("export").WithDescription("The log as JSON lines, one event a line.");
            config.AddCommand<CheckpointCommand>("checkpoint").WithDescription("Sign the log's head now (needs Audit:Checkpoints:SigningKey).");
            config.AddCommand<RebuildCommand>("rebuild").WithDescription("Rebuild every read model from position 0 into fresh tables and swap them in; --check compares without swapping.");
            config.AddCommand<EraseCustomerCommand>("erase-customer").WithDescription("Erase a customer's personal data: account fields and conversation texts (needs --yes).");
            config.AddBranch("keys", keys => keys.AddCommand<NewKeysCommand>("new").WithDescription("A new key pair for signed checkpoints."));
        });
        return await app.RunAsync(args);
    }
}

/// <summary>A wrong id, option or value: printed, exit code 2.</summary>
public sealed class CliUsageException(string message) : Exception(message);
