namespace ChatClean.Application.Abstractions.ReadModels;

/// <summary>Admin queries over accounts.</summary>
public interface IUserDirectory
{
    Task<UserPage> ListAsync(UserRole? role, string? search, int page, int pageSize, CancellationToken cancellationToken);

    Task<IReadOnlyDictionary<Guid, UserListItem>> FindManyAsync(IReadOnlyCollection<Guid> ids, CancellationToken cancellationToken);
}

public sealed record UserListItem(
    Guid Id, string Username, string DisplayName, UserRole Role, bool IsDisabled, DateTimeOffset CreatedAt, int Conversations, string? Email = null, string? Phone = null);

public sealed record UserPage(IReadOnlyList<UserListItem> Items, int Page, int PageSize, int Total);
