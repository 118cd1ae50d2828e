using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace ChatClean.Infrastructure.Persistence.Configurations;

internal sealed class ConversationRowConfiguration : IEntityTypeConfiguration<ConversationRow>
{
    public void Configure(EntityTypeBuilder<ConversationRow> builder)
    {
        builder.ToTable("rm_conversations");
        builder.HasKey(c => c.Id);
        builder.Property(c => c.Id).HasColumnName("id");
        builder.Property(c => c.CustomerId).HasColumnName("customer_id");
        builder.Property(c => c.AgentId).HasColumnName("agent_id");
        builder.Property(c => c.Mode).HasColumnName("mode").HasMaxLength(16);
        builder.Property(c => c.Subject).HasColumnName("subject").HasMaxLength(200);
        builder.Property(c => c.Version).HasColumnName("version");
        builder.Property(c => c.StartedAt).HasColumnName("started_at");
        builder.Property(c => c.ClosedAt).HasColumnName("closed_at");
        builder.Property(c => c.LastMessageAt).HasColumnName("last_message_at");
        builder.Property(c => c.MessageCount).HasColumnName("message_count");
        builder.Property(c => c.WaitingReason).HasColumnName("waiting_reason").HasMaxLength(32);
        builder.Property(c => c.WaitingSince).HasColumnName("waiting_since");
        builder.Property(c => c.LastPosition).HasColumnName("last_position");
        builder.HasIndex(c => new { c.CustomerId, c.StartedAt }).HasDatabaseName("ix_rm_conversations_customer_started");
        builder.HasIndex(c => new { c.AgentId, c.StartedAt }).HasDatabaseName("ix_rm_conversations_agent_started");
        builder.HasIndex(c => new { c.Mode, c.WaitingSince }).HasDatabaseName("ix_rm_conversations_mode_waiting");
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
