using System.Reflection;

namespace ChatClean.Application.Common;

/// <summary>The one place where requests are authorised: the permission its type declares, against the caller's role.</summary>
public sealed class AuthorizationBehavior<TMessage, TResponse> : IPipelineBehavior<TMessage, TResponse>
    where TMessage : notnull, IMessage
{
    private static readonly string? Permission = typeof(TMessage).GetCustomAttribute<RequiresPermissionAttribute>()?.Permission;

    public ValueTask<TResponse> Handle(TMessage message, MessageHandlerDelegate<TMessage, TResponse> next, CancellationToken cancellationToken)
    {
        if (Permission is not null)
        {
            var caller = (message as ICallerRequest)?.Caller
                ?? throw new InvalidOperationException($"{typeof(TMessage).Name} requires a permission but carries no caller.");
            caller.Ensure(Permission);
        }
        else if (message is ICallerRequest)
        {
            throw new InvalidOperationException($"{typeof(TMessage).Name} carries a caller but declares no permission.");
        }

        return next(message, cancellationToken);
    }
}
