using ChatClean.Application.Common;

namespace ChatClean.Infrastructure.EventStore;

public sealed class EventStoreOptions
{
    /// <summary>At most this many appends share one transaction (and so one disk sync).</summary>
    [Positive]
    public int MaxAppendsPerBatch { get; set; } = 256;

    /// <summary>At most this many events are written by one batch (appends beyond it wait for the next).</summary>
    [Positive]
    public int MaxEventsPerBatch { get; set; } = 2000;

    /// <summary>How often a caught-up subscription reads the log when no local append woke it (appends on other nodes).</summary>
    [Positive]
    public TimeSpan SubscriptionPollInterval { get; set; } = TimeSpan.FromSeconds(1);

    [Positive]
    public int SubscriptionPageSize { get; set; } = 500;
}
