using System.Text.Json;

namespace ChatClean.Infrastructure.Persistence;

/// <summary>
/// The relational schema: identity, read models, projection checkpoints and the event-store tables. Each
/// provider has its own subclass so that each keeps its own migrations.
/// </summary>
public abstract class ChatCleanDbContext(DbContextOptions options) : DbContext(options)
{
    public DbSet<UserRecord> Users => Set<UserRecord>();

    public DbSet<RefreshTokenRecord> RefreshTokens => Set<RefreshTokenRecord>();

    public DbSet<ConversationRow> Conversations => Set<ConversationRow>();

    public DbSet<MessageRow> Messages => Set<MessageRow>();

    public DbSet<SearchTermRow> SearchTerms => Set<SearchTermRow>();

    public DbSet<WaitingEpisodeRow> WaitingEpisodes => Set<WaitingEpisodeRow>();

    public DbSet<AgentSessionRow> AgentSessions => Set<AgentSessionRow>();

    public DbSet<DailyStatsRow> DailyStats => Set<DailyStatsRow>();

    public DbSet<ProjectionCheckpointRecord> ProjectionCheckpoints => Set<ProjectionCheckpointRecord>();

    public DbSet<CheckpointRow> Checkpoints => Set<CheckpointRow>();

    public DbSet<KnowledgeDocumentRecord> KnowledgeDocuments => Set<KnowledgeDocumentRecord>();

    public DbSet<Webhooks.WebhookEndpointRow> WebhookEndpoints => Set<Webhooks.WebhookEndpointRow>();

    public DbSet<Webhooks.WebhookDeliveryRow> WebhookDeliveries => Set<Webhooks.WebhookDeliveryRow>();

    public DbSet<Webhooks.WebhookAttemptRow> WebhookAttempts => Set<Webhooks.WebhookAttemptRow>();

    /// <summary>
    /// Appended to the read-model tables' names this context maps: empty for the live tables, <see cref="ReadModels.Rebuild.ReadModelTables.RebuildSuffix"/>
    /// for a rebuild's fresh ones. Set it before the context is first used (the model is cached per suffix).
    /// </summary>
    public string ReadModelSuffix { get; set; } = "";

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.ApplyConfigurationsFromAssembly(typeof(ChatCleanDbContext).Assembly);
        if (ReadModelSuffix.Length > 0)
        {
            foreach (var entity in ReadModels.Rebuild.ReadModelTables.EntityTypes.Select(t => modelBuilder.Entity(t).Metadata))
            {
                entity.SetTableName(entity.GetTableName() + ReadModelSuffix);
                foreach (var index in entity.GetIndexes())
                {
                    index.SetDatabaseName(index.GetDatabaseName() + ReadModelSuffix);
                }
            }
        }

        // Columns are snake_case, like the tables (the event store's raw SQL relies on it).
        foreach (var property in modelBuilder.Model.GetEntityTypes().SelectMany(e => e.GetProperties()))
        {
            property.SetColumnName(JsonNamingPolicy.SnakeCaseLower.ConvertName(property.Name));
        }
    }
}

public sealed class MySqlChatCleanDbContext(DbContextOptions<MySqlChatCleanDbContext> options) : ChatCleanDbContext(options)
{
    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.HasCharSet("utf8mb4");
        base.OnModelCreating(modelBuilder);

        // Stream and event ids compare byte for byte, as in any event store (the default collation ignores case).
        modelBuilder.Entity<EventRow>().Property(e => e.StreamId).UseCollation("utf8mb4_bin");
        modelBuilder.Entity<EventRow>().Property(e => e.EventId).UseCollation("utf8mb4_bin");
        modelBuilder.Entity<ProjectionCheckpointRecord>().Property(e => e.Name).UseCollation("utf8mb4_bin");

        // Search terms are normalised by the service; two that differ only by accent are two terms (ADR 17).
        modelBuilder.Entity<SearchTermRow>().Property(e => e.Term).UseCollation("utf8mb4_bin");
    }
}

public sealed class SqliteChatCleanDbContext(DbContextOptions<SqliteChatCleanDbContext> options) : ChatCleanDbContext(options);
