using ChatClean.Infrastructure.EventStore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace ChatClean.Infrastructure.Persistence.Configurations;

internal sealed class EventRowConfiguration : IEntityTypeConfiguration<EventRow>
{
    public void Configure(EntityTypeBuilder<EventRow> builder)
    {
        builder.ToTable("es_events");
        // Positions are assigned by the event store under the log-head lock, never by AUTO_INCREMENT.
        builder.HasKey(e => e.Position);
        builder.Property(e => e.Position).HasColumnName("position").ValueGeneratedNever();
        builder.Property(e => e.StreamId).HasColumnName("stream_id").HasMaxLength(200);
        builder.Property(e => e.Revision).HasColumnName("revision");
        // varchar, not char(36): Pomelo reads char(36) as a Guid column, which breaks the mapping of a string property.
        builder.Property(e => e.EventId).HasColumnName("event_id").HasMaxLength(36);
        builder.Property(e => e.EventType).HasColumnName("event_type").HasMaxLength(200);
        builder.Property(e => e.Data).HasColumnName("data");
        builder.Property(e => e.Metadata).HasColumnName("metadata");
        builder.Property(e => e.CreatedAt).HasColumnName("created_at");
        builder.Property(e => e.Hash).HasColumnName("hash").HasMaxLength(EventHashing.HashLength).IsFixedLength();
        builder.HasIndex(e => new { e.StreamId, e.Revision }).IsUnique().HasDatabaseName("ux_es_events_stream_revision");
        builder.HasIndex(e => new { e.StreamId, e.EventId }).IsUnique().HasDatabaseName("ux_es_events_stream_event_id");
    }
}

internal sealed class CheckpointRowConfiguration : IEntityTypeConfiguration<CheckpointRow>
{
    public void Configure(EntityTypeBuilder<CheckpointRow> builder)
    {
        builder.ToTable("es_checkpoints");
        builder.HasKey(c => c.Position);
        builder.Property(c => c.Position).ValueGeneratedNever();
        builder.Property(c => c.Hash).HasMaxLength(EventHashing.HashLength).IsFixedLength();
        builder.Property(c => c.KeyId).HasMaxLength(64);
        builder.Property(c => c.Signature).HasMaxLength(132);
    }
}

internal sealed class LogHeadRowConfiguration : IEntityTypeConfiguration<LogHeadRow>
{
    public void Configure(EntityTypeBuilder<LogHeadRow> builder)
    {
        builder.ToTable("es_log_head");
        builder.HasKey(h => h.Id);
        builder.Property(h => h.Id).HasColumnName("id").ValueGeneratedNever();
        builder.Property(h => h.LastPosition).HasColumnName("last_position");
        builder.Property(h => h.LastHash).HasColumnName("last_hash").HasMaxLength(EventHashing.HashLength).IsFixedLength();
        builder.Property(h => h.PayloadDigestsFrom).HasColumnName("payload_digests_from").HasDefaultValue(1L);
        builder.HasData(new LogHeadRow { Id = 1, LastPosition = 0, LastHash = new byte[EventHashing.HashLength], PayloadDigestsFrom = 1 });
    }
}
