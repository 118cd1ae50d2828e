using ChatClean.Application.Ai;
using Hangfire;
using Mediator;

namespace ChatClean.Infrastructure.Scheduling;

/// <summary>
/// The Hangfire job that answers one customer message (any node runs it; a retry posts nothing twice).
/// Hangfire stores this type and method by name: renaming them orphans the jobs already scheduled.
/// </summary>
public sealed class AiReplyJob(IMediator mediator)
{
    [AutomaticRetry(Attempts = 3, DelaysInSeconds = [1, 2, 5])]
    [JobDisplayName("AI reply in {0} to seq {1}")]
    public async Task RunAsync(Guid conversationId, long customerSeq, CancellationToken cancellationToken) =>
        await mediator.Send(new AnswerCustomerCommand(conversationId, customerSeq), cancellationToken);
}
