namespace ChatClean.Infrastructure.Persistence;

/// <summary>Counts per day for the conversations that started that day (UTC), kept up to date as those conversations go on.</summary>
public sealed class DailyStatsRow
{
    public DateTime Day { get; set; }

    public int Conversations { get; set; }

    public int ConversationsWithCustomerMessage { get; set; }

    public int ConversationsWithHandoff { get; set; }

    public int CustomerMessages { get; set; }

    public int AiMessages { get; set; }

    public int AgentMessages { get; set; }

    public int SystemMessages { get; set; }

    public int Episodes { get; set; }

    public int EpisodesTakenOver { get; set; }

    public int EpisodesTimedOut { get; set; }

    public int EpisodesCancelled { get; set; }

    public int EpisodesClosed { get; set; }

    public int ClosedConversations { get; set; }

    public int AiResolvedConversations { get; set; }

    public int FeedbackCount { get; set; }

    public int FeedbackSum { get; set; }
}
