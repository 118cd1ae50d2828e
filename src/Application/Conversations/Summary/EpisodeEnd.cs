namespace ChatClean.Application.Conversations;

/// <summary>The end of a waiting episode: which one, how, when, and the agent who took it over (for a takeover).</summary>
public sealed record EpisodeEnd(int Episode, EpisodeOutcome Outcome, DateTimeOffset At, Guid? AgentId)
{
    /// <summary>The waiting episode <paramref name="event"/> ends, if it ends one.</summary>
    public static EpisodeEnd? Of(IConversationEvent @event) => @event switch
    {
        HumanRequestCancelled e => new(e.Episode, EpisodeOutcome.Cancelled, e.At, null),
        AgentTookOver { Episode: { } episode } e => new(episode, EpisodeOutcome.TakenOver, e.At, e.AgentId),
        TimedOutToAi e => new(e.Episode, EpisodeOutcome.TimedOut, e.At, null),
        ConversationClosed { Episode: { } episode } e => new(episode, EpisodeOutcome.Closed, e.At, null),
        _ => null,
    };
}
