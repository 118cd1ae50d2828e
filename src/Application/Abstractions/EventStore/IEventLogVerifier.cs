namespace ChatClean.Application.Abstractions.EventStore;

/// <summary>Walks the whole global log and checks every hash link and that positions run 1, 2, … without a hole.</summary>
public interface IEventLogVerifier
{
    Task<ChainVerification> VerifyAsync(CancellationToken cancellationToken);
}

/// <summary>
/// The verdict on the log: intact, or the first position where it breaks and why
/// (<c>gap</c>, <c>hash_mismatch</c>, <c>head_mismatch</c>).
/// </summary>
public sealed record ChainVerification(bool Intact, long EventsChecked, long? FirstBrokenPosition, string? Problem);
