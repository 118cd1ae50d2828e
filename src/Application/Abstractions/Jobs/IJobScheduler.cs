namespace ChatClean.Application.Abstractions.Jobs;

/// <summary>
/// Durable jobs that send a command later, on whichever node is free: at most one live job per key, however many
/// nodes ask and however often, so every node can react to the same event.
/// </summary>
public interface IJobScheduler
{
    /// <summary>Makes sure a job times waiting episode <paramref name="episode"/> out at <paramref name="dueAt"/> (at once if that has passed).</summary>
    JobArming ArmWaitingTimeout(Guid conversationId, int episode, DateTimeOffset dueAt);

    /// <summary>The episode is over: no job is needed any more; its pending job is deleted unless the job itself ended it.</summary>
    void EndWaitingTimeout(Guid conversationId, int episode, bool deletePendingJob);

    /// <summary>Makes sure a job answers the customer message at <paramref name="customerSeq"/>.</summary>
    JobArming ArmAiReply(Guid conversationId, long customerSeq);
}

/// <summary>What arming a job found and did.</summary>
public enum JobArming
{
    /// <summary>A job was created (scheduled, or enqueued at once when already due).</summary>
    Armed,

    /// <summary>A live job already exists for the key.</summary>
    AlreadyArmed,

    /// <summary>The key was marked ended: no job is needed.</summary>
    Ended,
}
