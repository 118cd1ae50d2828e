using System.Collections.Frozen;

namespace ChatClean.Application.Common;

/// <summary>
/// Named permissions. Every request a caller can send declares the one it needs (<see cref="RequiresPermissionAttribute"/>);
/// <see cref="AuthorizationBehavior{TMessage,TResponse}"/> checks it before anything else runs. Which conversation a
/// caller may see is checked after that, in one step (<see cref="ConversationVisibilityBehavior{TMessage,TResponse}"/>); the decider keeps the conversation's own rules.
/// </summary>
public static class Permissions
{
    public const string AccountReadOwn = "account.read.own";
    public const string ConversationsStart = "conversations.start";
    public const string ConversationsReadOwn = "conversations.read.own";
    public const string ConversationsReadAll = "conversations.read.all";
    public const string ConversationsParticipate = "conversations.participate";
    public const string ConversationsCancelRequest = "conversations.cancel_request";
    public const string ConversationsFeedback = "conversations.feedback";
    public const string ConversationsTakeover = "conversations.takeover";
    public const string ConversationsTransfer = "conversations.transfer";
    public const string QueueRead = "queue.read";
    public const string PresenceRead = "presence.read";
    public const string PresenceWrite = "presence.write";
    public const string AdminUsersManage = "admin.users.manage";
    public const string AdminCustomersManage = "admin.customers.manage";
    public const string AdminConversationsRead = "admin.conversations.read";
    public const string AnalyticsRead = "analytics.read";
    public const string KnowledgeManage = "knowledge.manage";
    public const string AuditRead = "audit.read";
    public const string OperationsManage = "operations.manage";
    public const string WebhooksManage = "webhooks.manage";

    private static readonly FrozenDictionary<UserRole, FrozenSet<string>> ByRole = new Dictionary<UserRole, FrozenSet<string>>
    {
        [UserRole.Customer] = FrozenSet.Create(
            AccountReadOwn, ConversationsStart, ConversationsReadOwn, ConversationsParticipate, ConversationsCancelRequest, ConversationsFeedback),
        [UserRole.Agent] = FrozenSet.Create(
            AccountReadOwn, ConversationsReadAll, ConversationsParticipate, ConversationsTakeover, ConversationsTransfer, QueueRead, PresenceRead,
            PresenceWrite),
        [UserRole.Admin] = FrozenSet.Create(
            AccountReadOwn, ConversationsReadAll, ConversationsParticipate, ConversationsCancelRequest, ConversationsTransfer, QueueRead, PresenceRead,
            AdminUsersManage, AdminCustomersManage, AdminConversationsRead, AnalyticsRead, KnowledgeManage, AuditRead, OperationsManage, WebhooksManage),
    }.ToFrozenDictionary();

    public static bool Has(this Caller caller, string permission) => ByRole[caller.Role].Contains(permission);

    /// <exception cref="ForbiddenException">The caller's role lacks <paramref name="permission"/>.</exception>
    public static void Ensure(this Caller caller, string permission)
    {
        if (!caller.Has(permission))
        {
            throw new ForbiddenException("auth.forbidden", $"A {caller.Role.ToWire()} may not do this ({permission}).");
        }
    }
}
