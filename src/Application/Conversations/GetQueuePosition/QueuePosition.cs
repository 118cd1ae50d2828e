using Microsoft.Extensions.Options;

namespace ChatClean.Application.Conversations;

/// <summary>Where a waiting conversation stands: its place in the queue and how long its customer should expect to wait.</summary>
public sealed record QueuePosition(
    Guid ConversationId,
    Guid CustomerId,
    int Episode,
    int Position,
    int QueueLength,
    DateTimeOffset WaitingSince,
    double WaitedSeconds,
    double ExpectedWaitSeconds,
    DateTimeOffset TimesOutAt);

/// <summary>The answer to a customer asking about their conversation; <see cref="Queue"/> is null unless it is waiting.</summary>
public sealed record QueueStatus(Guid ConversationId, bool Waiting, QueuePosition? Queue);
