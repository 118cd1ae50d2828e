using ChatClean.Application.Abstractions.Identity;

namespace ChatClean.Application.Users;

/// <summary>Creates an account with a hashed password; shared by registration, admin creation and the bootstrap admin.</summary>
public sealed class AccountCreator(IUserRepository users, IPasswordHasher hasher, TimeProvider clock)
{
    public async Task<UserAccount> CreateAsync(
        string username, string password, string? displayName, UserRole role, CancellationToken cancellationToken, string? email = null, string? phone = null)
    {
        var name = Username.Create(username);
        var account = new UserAccount(
            UserId.New(),
            name,
            string.IsNullOrWhiteSpace(displayName) ? name.Value : displayName.Trim(),
            role,
            hasher.Hash(password),
            IsDisabled: false,
            clock.GetUtcNow(),
            string.IsNullOrWhiteSpace(email) ? null : email.Trim(),
            string.IsNullOrWhiteSpace(phone) ? null : phone.Trim());
        await users.AddAsync(account, cancellationToken);
        return account;
    }
}
