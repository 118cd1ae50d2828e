using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace ChatClean.Infrastructure.Persistence.Configurations;

internal sealed class ConversationRowConfiguration : IEntityTypeConfiguration<ConversationRow>
{
    public void Configure(EntityTypeBuilder<ConversationRow> builder)
    {
        builder.ToTable("rm_conversations");
        builder.HasKey(c => c.Id);
        builder.Property(c => c.Mode).HasMaxLength(16);
        builder.Property(c => c.Subject).HasMaxLength(200);
        builder.Property(c => c.ClosedBy).HasMaxLength(16);
        builder.Property(c => c.FirstHandoffReason).HasMaxLength(32);
        builder.Property(c => c.WaitingReason).HasMaxLength(32);
        builder.Property(c => c.FeedbackComment).HasMaxLength(2000);
        builder.HasIndex(c => new { c.StartedAt, c.Id }).HasDatabaseName("ix_rm_conversations_started");
        builder.HasIndex(c => new { c.CustomerId, c.StartedAt }).HasDatabaseName("ix_rm_conversations_customer_started");
        builder.HasIndex(c => new { c.AgentId, c.StartedAt }).HasDatabaseName("ix_rm_conversations_agent_started");
        builder.HasIndex(c => new { c.Mode, c.StartedAt }).HasDatabaseName("ix_rm_conversations_mode_started");
    }
}

internal sealed class MessageRowConfiguration : IEntityTypeConfiguration<MessageRow>
{
    public void Configure(EntityTypeBuilder<MessageRow> builder)
    {
        builder.ToTable("rm_messages");
        builder.HasKey(m => new { m.ConversationId, m.Seq });
        builder.Property(m => m.Sender).HasMaxLength(16);
        builder.Property(m => m.Body).HasMaxLength(4000);
        builder.Property(m => m.ClientMessageId).HasMaxLength(100);
        builder.HasIndex(m => m.MessageId).IsUnique().HasDatabaseName("ux_rm_messages_message_id");
    }
}

internal sealed class WaitingEpisodeRowConfiguration : IEntityTypeConfiguration<WaitingEpisodeRow>
{
    public void Configure(EntityTypeBuilder<WaitingEpisodeRow> builder)
    {
        builder.ToTable("rm_waiting_episodes");
        builder.HasKey(e => new { e.ConversationId, e.Episode });
        builder.Property(e => e.Reason).HasMaxLength(32);
        builder.Property(e => e.Outcome).HasMaxLength(16);
        builder.HasIndex(e => new { e.EndedAt, e.RequestedAt }).HasDatabaseName("ix_rm_waiting_episodes_open");
        builder.HasIndex(e => e.ConversationStartedAt).HasDatabaseName("ix_rm_waiting_episodes_conversation_started");
    }
}

internal sealed class AgentSessionRowConfiguration : IEntityTypeConfiguration<AgentSessionRow>
{
    public void Configure(EntityTypeBuilder<AgentSessionRow> builder)
    {
        builder.ToTable("rm_agent_sessions");
        builder.HasKey(s => new { s.ConversationId, s.Session });
        builder.Property(s => s.StartedBy).HasMaxLength(16);
        builder.Property(s => s.EndedBy).HasMaxLength(16);
        builder.HasIndex(s => new { s.AgentId, s.EndedAt }).HasDatabaseName("ix_rm_agent_sessions_agent_open");
        builder.HasIndex(s => s.ConversationStartedAt).HasDatabaseName("ix_rm_agent_sessions_conversation_started");
    }
}

internal sealed class SearchTermRowConfiguration : IEntityTypeConfiguration<SearchTermRow>
{
    public void Configure(EntityTypeBuilder<SearchTermRow> builder)
    {
        builder.ToTable("rm_search_terms");
        builder.HasKey(t => new { t.ConversationId, t.Term });
        builder.Property(t => t.Term).HasMaxLength(ReadModels.Search.SearchTerms.MaxLength);
        builder.HasIndex(t => new { t.Term, t.StartedAt, t.ConversationId }).HasDatabaseName("ix_rm_search_terms_term_started");
    }
}

internal sealed class DailyStatsRowConfiguration : IEntityTypeConfiguration<DailyStatsRow>
{
    public void Configure(EntityTypeBuilder<DailyStatsRow> builder)
    {
        builder.ToTable("rm_daily_stats");
        builder.HasKey(d => d.Day);
    }
}

internal sealed class ProjectionCheckpointConfiguration : IEntityTypeConfiguration<ProjectionCheckpointRecord>
{
    public void Configure(EntityTypeBuilder<ProjectionCheckpointRecord> builder)
    {
        builder.ToTable("projection_checkpoints");
        builder.HasKey(c => c.Name);
        builder.Property(c => c.Name).HasColumnName("name").HasMaxLength(100);
        builder.Property(c => c.Position).HasColumnName("position");
    }
}
