using ChatClean.Application.Ai;
using ChatClean.Application.Abstractions.Observability;
using Hangfire;
using Mediator;

namespace ChatClean.Infrastructure.Scheduling;

/// <summary>
/// The Hangfire job that answers one customer message (any node runs it; a retry posts nothing twice). It runs in
/// the trace of the request or frame that posted the message (from the message's metadata), so the reply's events,
/// the call to the model and the logs of the answer share the question's trace id.
/// Hangfire stores this type and method by name: renaming them orphans the jobs already scheduled.
/// </summary>
public sealed class AiReplyJob(IMediator mediator, IEventStore eventStore)
{
    [AutomaticRetry(Attempts = 3, DelaysInSeconds = [1, 2, 5])]
    [JobDisplayName("AI reply in {0} to seq {1}")]
    public async Task RunAsync(Guid conversationId, long customerSeq, CancellationToken cancellationToken)
    {
        var question = await eventStore.ReadStreamAsync(new ConversationId(conversationId).StreamName, customerSeq, 1, cancellationToken);
        using var activity = question is [{ Metadata: var metadata }]
            ? Tracing.StartFollowing("ai reply", metadata, System.Diagnostics.ActivityKind.Consumer)
            : Tracing.StartRoot("ai reply", System.Diagnostics.ActivityKind.Consumer);
        activity?.SetTag("chatclean.conversation.id", conversationId);
        await mediator.Send(new AnswerCustomerCommand(conversationId, customerSeq), cancellationToken);
    }
}
