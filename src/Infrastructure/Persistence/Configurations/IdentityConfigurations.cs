using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace ChatClean.Infrastructure.Persistence.Configurations;

internal sealed class UserRecordConfiguration : IEntityTypeConfiguration<UserRecord>
{
    public void Configure(EntityTypeBuilder<UserRecord> builder)
    {
        builder.ToTable("users");
        builder.HasKey(u => u.Id);
        builder.Property(u => u.Id).HasColumnName("id");
        builder.Property(u => u.Username).HasColumnName("username").HasMaxLength(64);
        // Room for an encrypted value (enc:v1:{key}:{base64(nonce|tag|text)}) where display names are encrypted.
        builder.Property(u => u.DisplayName).HasColumnName("display_name").HasMaxLength(800);
        builder.Property(u => u.Email).HasMaxLength(1000);
        builder.Property(u => u.EmailHash).HasMaxLength(64);
        builder.Property(u => u.Phone).HasMaxLength(300);
        builder.HasIndex(u => u.EmailHash).HasDatabaseName("ix_users_email_hash");
        builder.Property(u => u.Role).HasColumnName("role").HasMaxLength(16);
        builder.Property(u => u.PasswordHash).HasColumnName("password_hash").HasMaxLength(100);
        builder.Property(u => u.IsDisabled).HasColumnName("is_disabled");
        builder.Property(u => u.CreatedAt).HasColumnName("created_at");
        builder.HasIndex(u => u.Username).IsUnique().HasDatabaseName("ux_users_username");
        builder.HasIndex(u => u.Role).HasDatabaseName("ix_users_role");
    }
}

internal sealed class RefreshTokenRecordConfiguration : IEntityTypeConfiguration<RefreshTokenRecord>
{
    public void Configure(EntityTypeBuilder<RefreshTokenRecord> builder)
    {
        builder.ToTable("refresh_tokens");
        builder.HasKey(t => t.Id);
        builder.Property(t => t.Id).HasColumnName("id");
        builder.Property(t => t.TokenHash).HasColumnName("token_hash").HasMaxLength(64).IsFixedLength();
        builder.Property(t => t.UserId).HasColumnName("user_id");
        builder.Property(t => t.FamilyId).HasColumnName("family_id");
        builder.Property(t => t.CreatedAt).HasColumnName("created_at");
        builder.Property(t => t.ExpiresAt).HasColumnName("expires_at");
        builder.Property(t => t.UsedAt).HasColumnName("used_at");
        builder.Property(t => t.RevokedAt).HasColumnName("revoked_at");
        builder.HasIndex(t => t.TokenHash).IsUnique().HasDatabaseName("ux_refresh_tokens_token_hash");
        builder.HasIndex(t => t.FamilyId).HasDatabaseName("ix_refresh_tokens_family");
        builder.HasIndex(t => t.UserId).HasDatabaseName("ix_refresh_tokens_user");
    }
}
