using ChatClean.Application.Abstractions.EventStore;
using ChatClean.Domain.Conversations;
using ChatClean.Infrastructure.Scheduling;
using Microsoft.Extensions.DependencyInjection;

namespace ChatClean.WebApi.IntegrationTests.WaitingTimeouts;

/// <summary>
/// The service of the waiting-timeout tests: Hangfire on Redis and the event log on MariaDB, with a 4-second wait
/// (30 s when an admin asks through the API). Times are read from the event log.
/// </summary>
public sealed class WaitingTimeoutApi : ChatCleanApiFactory
{
    /// <summary>Long enough that a test's set-up (several conversations asking for a human) ends before the first deadline on a loaded CI machine.</summary>
    public static readonly TimeSpan Wait = TimeSpan.FromSeconds(4);
    public static readonly TimeSpan ApiWait = TimeSpan.FromSeconds(30);

    /// <summary>How late a timeout may fire: the schedule poll is 0.5 s; the rest is slack for a loaded CI machine.</summary>
    public static readonly TimeSpan Lateness = TimeSpan.FromSeconds(1.5);

    public HangfireJobScheduler Scheduler => Services.GetRequiredService<HangfireJobScheduler>();

    protected override IEnumerable<KeyValuePair<string, string>> ExtraSettings =>
    [
        new("Conversations:WaitingTimeout", Wait.ToString()),
        new("Conversations:WaitingTimeoutByReason:api", ApiWait.ToString()),
    ];

    public Task<IReadOnlyList<IConversationEvent>> EventsAsync(string id) => TestConversations.EventsAsync(Services.GetRequiredService<IEventStore>(), id);
}
