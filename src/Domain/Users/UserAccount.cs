using ChatClean.Domain.Common;

namespace ChatClean.Domain.Users;

/// <summary>A person who can sign in. Accounts are plain state (not event-sourced): they change rarely and are not audited as a stream.</summary>
public sealed record UserAccount(
    UserId Id,
    Username Username,
    string DisplayName,
    UserRole Role,
    string PasswordHash,
    bool IsDisabled,
    DateTimeOffset CreatedAt,
    string? Email = null,
    string? Phone = null);
