using System.ComponentModel;
using System.Text.Json;
using System.Text.Json.Serialization;
using Spectre.Console.Cli;

namespace ChatClean.Cli.Commands;

/// <summary>What every command takes: <c>--json</c> for machine output.</summary>
public class OutputSettings : CommandSettings
{
    [CommandOption("--json")]
    [Description("Print JSON instead of text (one document, or one line per event).")]
    public bool Json { get; init; }

    public static JsonSerializerOptions JsonOptions { get; } = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseLower) },
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };
}

/// <summary>A command about one conversation, by id.</summary>
public class ConversationSettings : OutputSettings
{
    [CommandArgument(0, "<conversationId>")]
    [Description("The conversation's id (a GUID).")]
    public string ConversationId { get; init; } = "";

    public Guid Id => Guid.TryParse(ConversationId, out var id) ? id : throw new CliUsageException($"'{ConversationId}' is not a conversation id (a GUID).");
}
