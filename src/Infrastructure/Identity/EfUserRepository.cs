using ChatClean.Application.Abstractions.Identity;
using ChatClean.Application.Common;
using ChatClean.Domain.Common;
using ChatClean.Domain.Users;
using ChatClean.Infrastructure.Security;

namespace ChatClean.Infrastructure.Identity;

/// <summary>Accounts in the <c>users</c> table; email, phone (and, where configured, display name) are encrypted there.</summary>
public sealed class EfUserRepository(ChatCleanDbContext db, FieldCipher cipher) : IUserRepository
{
    public async Task<UserAccount?> FindByIdAsync(UserId id, CancellationToken cancellationToken)
    {
        var record = await db.Users.AsNoTracking().FirstOrDefaultAsync(u => u.Id == id.Value, cancellationToken);
        return record is null ? null : ToAccount(record);
    }

    public async Task<UserAccount?> FindByUsernameAsync(Username username, CancellationToken cancellationToken)
    {
        var record = await db.Users.AsNoTracking().FirstOrDefaultAsync(u => u.Username == username.Value, cancellationToken);
        return record is null ? null : ToAccount(record);
    }

    public async Task<UserAccount?> FindByEmailAsync(string email, CancellationToken cancellationToken)
    {
        var hash = cipher.LookupHash(email);
        var record = await db.Users.AsNoTracking().FirstOrDefaultAsync(u => u.EmailHash == hash, cancellationToken);
        return record is null ? null : ToAccount(record);
    }

    public async Task AddAsync(UserAccount account, CancellationToken cancellationToken)
    {
        db.Users.Add(new UserRecord
        {
            Id = account.Id.Value,
            Username = account.Username.Value,
            DisplayName = cipher.EncryptDisplayName ? cipher.Encrypt(account.DisplayName)! : account.DisplayName,
            Email = cipher.Encrypt(account.Email),
            EmailHash = cipher.LookupHash(account.Email),
            Phone = cipher.Encrypt(account.Phone),
            Role = account.Role.ToWire(),
            PasswordHash = account.PasswordHash,
            IsDisabled = account.IsDisabled,
            CreatedAt = account.CreatedAt.UtcDateTime,
        });
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            db.ChangeTracker.Clear();
            if (await db.Users.AnyAsync(u => u.Username == account.Username.Value, cancellationToken))
            {
                throw new ConflictException("user.username_taken", "This username is taken.");
            }

            throw;
        }

        db.ChangeTracker.Clear();
    }

    public Task<bool> AnyWithRoleAsync(UserRole role, CancellationToken cancellationToken) =>
        db.Users.AnyAsync(u => u.Role == role.ToWire(), cancellationToken);

    public Task<int> CountActiveAsync(UserRole role, CancellationToken cancellationToken) =>
        db.Users.CountAsync(u => u.Role == role.ToWire() && !u.IsDisabled, cancellationToken);

    public Task SetDisabledAsync(UserId id, bool disabled, CancellationToken cancellationToken) =>
        db.Users.Where(u => u.Id == id.Value).ExecuteUpdateAsync(s => s.SetProperty(u => u.IsDisabled, disabled), cancellationToken);

    public Task SetPasswordHashAsync(UserId id, string passwordHash, CancellationToken cancellationToken) =>
        db.Users.Where(u => u.Id == id.Value).ExecuteUpdateAsync(s => s.SetProperty(u => u.PasswordHash, passwordHash), cancellationToken);

    /// <summary>A stored role name; an unknown one is corrupt data, not a customer.</summary>
    internal static UserRole RoleOf(UserRecord record) =>
        UserRoleNames.TryParse(record.Role, out var role) ? role : throw new InvalidOperationException($"User {record.Id} has the unknown role '{record.Role}'.");

    private UserAccount ToAccount(UserRecord record) => new(
        new UserId(record.Id),
        Username.Create(record.Username),
        cipher.Decrypt(record.DisplayName)!,
        RoleOf(record),
        record.PasswordHash,
        record.IsDisabled,
        new DateTimeOffset(DateTime.SpecifyKind(record.CreatedAt, DateTimeKind.Utc)),
        cipher.Decrypt(record.Email),
        cipher.Decrypt(record.Phone));
}
