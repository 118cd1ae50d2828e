namespace ChatClean.Application.Common;

/// <summary>
/// The one resource-visibility step, after the permission and the validation: a request about a conversation goes
/// on only if the conversation exists and its caller is its customer or may read every conversation. Requests the
/// service sends itself (no caller) only need the conversation to exist.
/// </summary>
public sealed class ConversationVisibilityBehavior<TMessage, TResponse>(ConversationOwners owners) : IPipelineBehavior<TMessage, TResponse>
    where TMessage : notnull, IMessage
{
    public async ValueTask<TResponse> Handle(TMessage message, MessageHandlerDelegate<TMessage, TResponse> next, CancellationToken cancellationToken)
    {
        if (message is IConversationRequest request)
        {
            var owner = await owners.CustomerOfAsync(request.ConversationId, cancellationToken);
            if (owner is not { } customerId || (message is ICallerRequest { Caller: var caller } && !ConversationVisibility.CanSee(caller, customerId)))
            {
                throw ConversationVisibility.NotFound();
            }
        }

        return await next(message, cancellationToken);
    }
}
