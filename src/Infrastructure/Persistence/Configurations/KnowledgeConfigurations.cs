using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace ChatClean.Infrastructure.Persistence.Configurations;

internal sealed class KnowledgeDocumentRecordConfiguration : IEntityTypeConfiguration<KnowledgeDocumentRecord>
{
    public void Configure(EntityTypeBuilder<KnowledgeDocumentRecord> builder)
    {
        builder.ToTable("kb_documents");
        builder.HasKey(d => d.Id);
        builder.Property(d => d.Title).HasMaxLength(200);
        builder.Property(d => d.Content).HasMaxLength(100_000);
        builder.HasIndex(d => d.UpdatedAt).HasDatabaseName("ix_kb_documents_updated");
    }
}
