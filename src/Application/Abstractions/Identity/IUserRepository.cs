namespace ChatClean.Application.Abstractions.Identity;

public interface IUserRepository
{
    Task<UserAccount?> FindByIdAsync(UserId id, CancellationToken cancellationToken);

    Task<UserAccount?> FindByUsernameAsync(Username username, CancellationToken cancellationToken);

    /// <summary>By email address (case-insensitive), through its keyed hash: the address itself is stored encrypted.</summary>
    Task<UserAccount?> FindByEmailAsync(string email, CancellationToken cancellationToken);

    /// <exception cref="Common.ConflictException">The username is taken (code <c>user.username_taken</c>).</exception>
    Task AddAsync(UserAccount account, CancellationToken cancellationToken);

    Task<bool> AnyWithRoleAsync(UserRole role, CancellationToken cancellationToken);

    Task<int> CountActiveAsync(UserRole role, CancellationToken cancellationToken);

    Task SetDisabledAsync(UserId id, bool disabled, CancellationToken cancellationToken);

    Task SetPasswordHashAsync(UserId id, string passwordHash, CancellationToken cancellationToken);
}
