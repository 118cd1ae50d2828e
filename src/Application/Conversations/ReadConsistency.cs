namespace ChatClean.Application.Conversations;

/// <summary>
/// The one consistency rule of the queries about one conversation: they read the read models once those hold
/// <c>minVersion</c> of it, by default everything its stream holds at the time of the question, so a caller always
/// reads its own writes. The wait is bounded by <see cref="MaxWait"/>; a read model still behind then answers
/// <c>409 read_model.behind</c> (retryable).
/// </summary>
public sealed class ReadConsistency(IEventStore eventStore, IConversationReadModel readModel)
{
    public static readonly TimeSpan MaxWait = TimeSpan.FromSeconds(2);

    /// <summary>Waits until the read models hold <paramref name="minVersion"/> of the conversation (default: its stream's revision now); returns the version waited for.</summary>
    public async Task<long> WaitAsync(Guid conversationId, long? minVersion, CancellationToken cancellationToken)
    {
        var version = minVersion ?? await eventStore.ReadStreamRevisionAsync(new ConversationId(conversationId).StreamName, cancellationToken);
        if (version > 0 && !await readModel.WaitForVersionAsync(conversationId, version, MaxWait, cancellationToken))
        {
            throw new ConflictException("read_model.behind", $"The read models did not reach version {version} within {MaxWait.TotalSeconds:0} s; retry.");
        }

        return version;
    }
}
