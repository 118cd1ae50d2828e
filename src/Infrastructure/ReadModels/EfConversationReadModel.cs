using ChatClean.Application.Abstractions.ReadModels;
using ChatClean.Domain.Common;
using ChatClean.Domain.Conversations;
using ChatClean.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace ChatClean.Infrastructure.ReadModels;

public sealed class EfConversationReadModel(ChatCleanDbContext db) : IConversationReadModel
{
    private static readonly string WaitingMode = WireNames.Of(ConversationMode.Waiting);

    public async Task<IReadOnlyList<ConversationSummary>> ListForCustomerAsync(UserId customerId, int limit, CancellationToken cancellationToken) =>
        (await db.Conversations.AsNoTracking()
            .Where(c => c.CustomerId == customerId.Value)
            .OrderByDescending(c => c.StartedAt)
            .Take(limit)
            .ToListAsync(cancellationToken))
        .Select(ToSummary).ToArray();

    public async Task<IReadOnlyList<ConversationSummary>> ListForAgentAsync(UserId agentId, int limit, CancellationToken cancellationToken) =>
        (await db.Conversations.AsNoTracking()
            .Where(c => c.AgentId == agentId.Value)
            .OrderByDescending(c => c.StartedAt)
            .Take(limit)
            .ToListAsync(cancellationToken))
        .Select(ToSummary).ToArray();

    public async Task<IReadOnlyList<ConversationSummary>> ListWaitingAsync(int limit, CancellationToken cancellationToken) =>
        (await db.Conversations.AsNoTracking()
            .Where(c => c.Mode == WaitingMode)
            .OrderBy(c => c.WaitingSince)
            .Take(limit)
            .ToListAsync(cancellationToken))
        .Select(ToSummary).ToArray();

    private static ConversationSummary ToSummary(ConversationRow row) => new(
        row.Id,
        row.CustomerId,
        WireNames.Parse<ConversationMode>(row.Mode),
        row.AgentId,
        row.Subject,
        row.Version,
        Utc(row.StartedAt),
        row.ClosedAt is { } closed ? Utc(closed) : null,
        row.LastMessageAt is { } last ? Utc(last) : null,
        row.MessageCount,
        row.WaitingReason is { } reason ? WireNames.Parse<HandoffReason>(reason) : null,
        row.WaitingSince is { } since ? Utc(since) : null);

    private static DateTimeOffset Utc(DateTime value) => new(DateTime.SpecifyKind(value, DateTimeKind.Utc));
}
