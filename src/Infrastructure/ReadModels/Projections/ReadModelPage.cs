namespace ChatClean.Infrastructure.ReadModels;

/// <summary>A page of events being applied in one transaction: the context, its changes, the conversations they touch and their start days.</summary>
public sealed record ReadModelPage(ChatCleanDbContext Db, IReadOnlyList<ProjectedEvent> Changes, IReadOnlyList<Guid> ConversationIds, IReadOnlyList<DateTime> StartDays);
