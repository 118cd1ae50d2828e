using System.ComponentModel;
using System.Text.Json;
using ChatClean.Application.Audit;
using ChatClean.Application.Common;
using ChatClean.Cli.Hosting;
using ChatClean.Domain.Common;
using ChatClean.Domain.Conversations;
using Microsoft.Extensions.DependencyInjection;
using Spectre.Console;
using Spectre.Console.Cli;

namespace ChatClean.Cli.Commands;

public sealed class EraseCustomerSettings : OutputSettings
{
    [CommandArgument(0, "<userId>")]
    [Description("The customer's user id (a GUID).")]
    public string UserId { get; init; } = "";

    [CommandOption("--by <adminId>")]
    [Description("The admin who asked for the erasure, recorded as the erasure events' actor (else: system).")]
    public string? By { get; init; }

    [CommandOption("--yes")]
    [Description("Erase: there is no undo.")]
    public bool Yes { get; init; }

    public override ValidationResult Validate() =>
        !Guid.TryParse(UserId, out _) ? ValidationResult.Error($"'{UserId}' is not a user id (a GUID).")
        : By is not null && !Guid.TryParse(By, out _) ? ValidationResult.Error($"--by '{By}' is not a user id (a GUID).")
        : !Yes ? ValidationResult.Error("Erasure cannot be undone: add --yes to erase.")
        : ValidationResult.Success();
}

/// <summary>
/// <c>erase-customer &lt;userId&gt; --yes</c>: the right to be forgotten (docs/audit.md). The account's personal fields and
/// the texts of every conversation the customer started are erased; each conversation records an erasure event, and
/// <c>verify</c> still passes.
/// </summary>
public sealed class EraseCustomerCommand(IAnsiConsole console, CliServices services) : AsyncCommand<EraseCustomerSettings>
{
    public override async Task<int> ExecuteAsync(CommandContext context, EraseCustomerSettings settings, CancellationToken cancellationToken)
    {
        var by = settings.By is { } admin ? Actor.Admin(new UserId(Guid.Parse(admin))) : Actor.System;
        await using var scope = services.Provider.CreateAsyncScope();
        ErasureReport report;
        try
        {
            report = await scope.ServiceProvider.GetRequiredService<CustomerErasure>().EraseAsync(new UserId(Guid.Parse(settings.UserId)), by, cancellationToken);
        }
        catch (ConflictException e)
        {
            throw new CliUsageException(e.Message);
        }

        if (settings.Json)
        {
            console.Profile.Out.Writer.WriteLine(JsonSerializer.Serialize(report, OutputSettings.JsonOptions));
            return CliApp.Intact;
        }

        console.WriteLine(report.AccountErased ? $"account {report.CustomerId}: personal fields erased, sessions ended" : $"no account {report.CustomerId} (its conversations are still erased)");
        console.WriteLine($"{report.Conversations} conversations: {report.EventsErased} events erased, {report.FilesDeleted} attachment files deleted");
        if (report.EventsKept > 0)
        {
            console.MarkupLineInterpolated($"[yellow]{report.EventsKept} events recorded before payload digests keep their text in the log[/] (their read-model rows are erased; see docs/audit.md)");
        }

        return CliApp.Intact;
    }
}
