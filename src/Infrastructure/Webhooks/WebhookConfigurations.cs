using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace ChatClean.Infrastructure.Webhooks;

internal sealed class WebhookEndpointRowConfiguration : IEntityTypeConfiguration<WebhookEndpointRow>
{
    public void Configure(EntityTypeBuilder<WebhookEndpointRow> builder)
    {
        builder.ToTable("webhook_endpoints");
        builder.HasKey(e => e.Id);
        builder.Property(e => e.Url).HasMaxLength(2000);
        builder.Property(e => e.Secret).HasMaxLength(1000);
        builder.Property(e => e.EventTypes).HasMaxLength(1000);
    }
}

internal sealed class WebhookDeliveryRowConfiguration : IEntityTypeConfiguration<WebhookDeliveryRow>
{
    public void Configure(EntityTypeBuilder<WebhookDeliveryRow> builder)
    {
        builder.ToTable("webhook_deliveries");
        builder.HasKey(d => d.Id);
        builder.Property(d => d.Type).HasMaxLength(64);
        builder.Property(d => d.Status).HasMaxLength(16);
        builder.HasIndex(d => new { d.Status, d.NextAttemptAt });
        builder.HasIndex(d => new { d.EndpointId, d.ConversationId, d.Position });
        builder.HasIndex(d => new { d.EndpointId, d.CreatedAt });
    }
}

internal sealed class WebhookAttemptRowConfiguration : IEntityTypeConfiguration<WebhookAttemptRow>
{
    public void Configure(EntityTypeBuilder<WebhookAttemptRow> builder)
    {
        builder.ToTable("webhook_attempts");
        builder.HasKey(a => a.Id);
        builder.Property(a => a.Id).ValueGeneratedOnAdd();
        builder.Property(a => a.Outcome).HasMaxLength(32);
        builder.Property(a => a.Error).HasMaxLength(1000);
        builder.HasIndex(a => new { a.EndpointId, a.Id });
        builder.HasIndex(a => a.DeliveryId);
    }
}
