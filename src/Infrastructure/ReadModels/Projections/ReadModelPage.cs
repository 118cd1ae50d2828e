namespace ChatClean.Infrastructure.ReadModels;

/// <summary>A page of events being applied in one transaction: the context, the conversations it touches and their start days.</summary>
public sealed record ReadModelPage(ChatCleanDbContext Db, IReadOnlyList<Guid> ConversationIds, IReadOnlyList<DateTime> StartDays);
