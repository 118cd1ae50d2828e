using System.ComponentModel.DataAnnotations;
using System.Text.Json;

namespace ChatClean.Application.Conversations;

/// <summary>The <c>Conversations</c> configuration section: how long a conversation waits for a human, and what the customer is told.</summary>
public sealed class ConversationOptions : IValidatableObject
{
    public const string SectionName = "Conversations";

    /// <summary>How long <c>waiting</c> lasts before <c>TimedOutToAI</c> (<c>Conversations:WaitingTimeout</c>).</summary>
    [Positive]
    public TimeSpan WaitingTimeout { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>
    /// Per-reason overrides of <see cref="WaitingTimeout"/>, keyed by the reason's wire name
    /// (<c>Conversations:WaitingTimeoutByReason:ai_failed = 00:00:30</c>).
    /// </summary>
    [Positive]
    public Dictionary<string, TimeSpan> WaitingTimeoutByReason { get; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>The system message posted together with <c>TimedOutToAI</c>; empty posts none.</summary>
    public string TimeoutNotice { get; set; } =
        "No agent is free right now, so our assistant will keep helping you. You can ask for a human again at any time.";

    public TimeSpan WaitFor(HandoffReason reason) =>
        WaitingTimeoutByReason.TryGetValue(JsonNamingPolicy.SnakeCaseLower.ConvertName(reason.ToString()), out var wait) ||
        WaitingTimeoutByReason.TryGetValue(reason.ToString(), out wait)
            ? wait
            : WaitingTimeout;

    /// <summary>When the waiting episode that <paramref name="requested"/> opened times out.</summary>
    public DateTimeOffset DeadlineOf(HumanRequested requested) => requested.At + WaitFor(requested.Reason);

    public DateTimeOffset DeadlineOf(HandoffReason reason, DateTimeOffset requestedAt) => requestedAt + WaitFor(reason);

    /// <summary>An override for a reason that does not exist (a typo) would never apply: it stops the start instead.</summary>
    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        var reasons = Enum.GetNames<HandoffReason>().SelectMany(name => new[] { name, JsonNamingPolicy.SnakeCaseLower.ConvertName(name) }).ToHashSet(StringComparer.OrdinalIgnoreCase);
        return WaitingTimeoutByReason.Keys.Where(key => !reasons.Contains(key)).Select(key => new ValidationResult(
            $"'{key}' is not a handoff reason (one of {string.Join(", ", Enum.GetNames<HandoffReason>().Select(JsonNamingPolicy.SnakeCaseLower.ConvertName))})",
            [$"{nameof(WaitingTimeoutByReason)}:{key}"]));
    }
}
