using ChatClean.Domain.Conversations;

// Deliberate breaches of the layer rules. They exist so that each rule is seen failing (LayerRuleTests);
// nothing uses them.

namespace ChatClean.Architecture.Tests.Violations.Domain
{
    /// <summary>A "domain" type that leans on EF Core.</summary>
    public sealed class EntityWithDbContext
    {
        public Microsoft.EntityFrameworkCore.DbContext? Context { get; init; }
    }
}

namespace ChatClean.Architecture.Tests.Violations.Application
{
    /// <summary>An "application" handler that talks to the database directly.</summary>
    public sealed class HandlerUsingDbContext(ChatClean.Infrastructure.Persistence.ChatCleanDbContext db)
    {
        public object Users => db.Users;
    }
}

namespace ChatClean.Architecture.Tests.Violations.Infrastructure
{
    /// <summary>An "infrastructure" type reaching up into the web host.</summary>
    public static class UsesWebHost
    {
        public static string Code(int status) => ChatClean.WebApi.Infrastructure.ProblemCodes.ForStatus(status);
    }
}

namespace ChatClean.Architecture.Tests.Violations.WebApi
{
    /// <summary>A "web host" type that takes an infrastructure class instead of a port.</summary>
    public sealed class EndpointUsingTheSigningKey(ChatClean.Infrastructure.Security.JwtSigningKey key)
    {
        public object Key => key.Key;
    }
}

namespace ChatClean.Architecture.Tests.Violations.Events
{
    /// <summary>An "event" with a setter.</summary>
    public sealed class MutableEvent : IConversationEvent
    {
        public Guid ConversationId { get; set; }

        public DateTimeOffset At { get; set; }
    }
}

namespace ChatClean.Architecture.Tests.Violations.Requests
{
    /// <summary>A request a caller sends that declares no permission: nothing would authorise it.</summary>
    public sealed record UnguardedQuery(ChatClean.Application.Common.Caller Caller) : ChatClean.Application.Common.ICallerRequest, Mediator.IQuery<int>;

    /// <summary>A request that says nothing about who may send it.</summary>
    public sealed record UndecidedCommand(Guid Id) : Mediator.ICommand;

    /// <summary>Says it needs a permission but carries no caller to check it against.</summary>
    [ChatClean.Application.Common.RequiresPermission(ChatClean.Application.Common.Permissions.AuditRead)]
    public sealed record PermissionWithoutCaller(Guid Id) : Mediator.ICommand;

    /// <summary>A well-formed request, which the rule lets through.</summary>
    [ChatClean.Application.Common.RequiresPermission(ChatClean.Application.Common.Permissions.AuditRead)]
    public sealed record GuardedQuery(ChatClean.Application.Common.Caller Caller) : ChatClean.Application.Common.ICallerRequest, Mediator.IQuery<int>;
}
