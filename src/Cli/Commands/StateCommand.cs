using System.ComponentModel;
using System.Globalization;
using System.Text.Json;
using ChatClean.Application.Abstractions.EventStore;
using ChatClean.Application.Audit;
using ChatClean.Application.Common;
using ChatClean.Cli.Hosting;
using ChatClean.Domain.Common;
using ChatClean.Domain.Users;
using Microsoft.Extensions.DependencyInjection;
using Spectre.Console;
using Spectre.Console.Cli;

namespace ChatClean.Cli.Commands;

public sealed class StateSettings : ConversationSettings
{
    [CommandOption("--at-version <N>")]
    [Description("The state after event N of the conversation.")]
    public long? AtVersion { get; init; }

    [CommandOption("--at-time <T>")]
    [Description("The state after the last event recorded at or before T (ISO 8601, e.g. 2026-12-03T14:03:00Z).")]
    public string? AtTime { get; init; }

    public override ValidationResult Validate() =>
        AtVersion is null == AtTime is null ? ValidationResult.Error("Give exactly one of --at-version and --at-time.")
        : AtVersion < 1 ? ValidationResult.Error("--at-version starts at 1.")
        : AtTime is not null && !DateTimeOffset.TryParse(AtTime, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out _) ? ValidationResult.Error($"'{AtTime}' is not a time.")
        : ValidationResult.Success();
}

/// <summary><c>state &lt;conversationId&gt; --at-version N | --at-time T</c>: time travel, as the audit API answers it.</summary>
public sealed class StateCommand(IAnsiConsole console, CliServices services) : AsyncCommand<StateSettings>
{
    private static readonly JsonSerializerOptions Indented = new(OutputSettings.JsonOptions) { WriteIndented = true };

    public override async Task<int> ExecuteAsync(CommandContext context, StateSettings settings, CancellationToken cancellationToken)
    {
        DateTimeOffset? atTime = settings.AtTime is { } text ? DateTimeOffset.Parse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal) : null;
        ConversationStateAt state;
        try
        {
            state = await new GetStateAtHandler(services.Provider.GetRequiredService<IEventStore>())
                .Handle(new GetStateAtQuery(new Caller(new UserId(Guid.Empty), UserRole.Admin), settings.Id, settings.AtVersion, atTime), cancellationToken);
        }
        catch (NotFoundException e)
        {
            throw new CliUsageException(e.Message);
        }

        var json = JsonSerializer.Serialize(state, settings.Json ? OutputSettings.JsonOptions : Indented);
        if (settings.Json)
        {
            console.Profile.Out.Writer.WriteLine(json);
        }
        else
        {
            console.MarkupLineInterpolated($"conversation {settings.Id} at version [bold]{state.Version}[/] (recorded {state.RecordedAt.UtcDateTime:yyyy-MM-dd HH:mm:ss.fff} UTC):");
            console.Profile.Out.Writer.WriteLine(json);
        }

        return CliApp.Intact;
    }
}
