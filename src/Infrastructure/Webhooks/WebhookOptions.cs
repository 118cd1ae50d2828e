using ChatClean.Application.Common;

namespace ChatClean.Infrastructure.Webhooks;

/// <summary>Delivery of webhooks (<c>Webhooks:*</c>, docs/webhooks.md).</summary>
public sealed class WebhookOptions
{
    public const string SectionName = "Webhooks";

    /// <summary>How long one attempt may take before it counts as a timeout (and is retried).</summary>
    [Positive]
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>The wait after the first failed attempt; it doubles with each further failure, up to <see cref="MaxRetryDelay"/>.</summary>
    [Positive]
    public TimeSpan FirstRetryDelay { get; set; } = TimeSpan.FromSeconds(1);

    [Positive]
    public TimeSpan MaxRetryDelay { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>Attempts of one delivery before it fails for good (and the conversation's next delivery goes).</summary>
    [Between(1, 1000)]
    public int MaxAttempts { get; set; } = 12;

    /// <summary>Failed attempts in a row, over all of an endpoint's deliveries, after which the endpoint is paused.</summary>
    [Between(1, 100_000)]
    public int PauseAfterFailures { get; set; } = 50;

    /// <summary>How often each node looks for due deliveries when nothing woke it.</summary>
    [Positive]
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Deliveries one node sends at the same time (different conversations or endpoints).</summary>
    [Between(1, 256)]
    public int Concurrency { get; set; } = 8;
}
