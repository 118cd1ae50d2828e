using ChatClean.Application.Abstractions.ReadModels;
using ChatClean.Domain.Users;
using ChatClean.Infrastructure.Identity;
using ChatClean.Infrastructure.Security;

namespace ChatClean.Infrastructure.ReadModels;

public sealed class EfUserDirectory(ChatCleanDbContext db, FieldCipher cipher) : IUserDirectory
{
    public async Task<UserPage> ListAsync(UserRole? role, string? search, int page, int pageSize, CancellationToken cancellationToken)
    {
        var query = db.Users.AsNoTracking();
        if (role is { } r)
        {
            var name = r.ToWire();
            query = query.Where(u => u.Role == name);
        }

        if (!string.IsNullOrWhiteSpace(search))
        {
            var pattern = "%" + ConversationSearch.EscapeLike(search.Trim()) + "%";
            // Encrypted display names cannot be matched: then the search is on usernames only.
            query = cipher.EncryptDisplayName
                ? query.Where(u => EF.Functions.Like(u.Username, pattern, "\\"))
                : query.Where(u => EF.Functions.Like(u.Username, pattern, "\\") || EF.Functions.Like(u.DisplayName, pattern, "\\"));
        }

        var rows = await query
            .OrderBy(u => u.Username)
            .Skip((page - 1) * pageSize)
            .Take(pageSize)
            .Select(u => new { User = u, Conversations = db.Conversations.Count(c => c.CustomerId == u.Id) + db.Conversations.Count(c => c.AgentId == u.Id) })
            .ToListAsync(cancellationToken);

        // A first page that is not full is the whole answer: no second scan to count (a search usually finds a few).
        var total = page == 1 && rows.Count < pageSize ? rows.Count : await query.CountAsync(cancellationToken);
        return new UserPage(rows.Select(r => ToItem(r.User, r.Conversations)).ToArray(), page, pageSize, total);
    }

    public async Task<IReadOnlyDictionary<Guid, UserListItem>> FindManyAsync(IReadOnlyCollection<Guid> ids, CancellationToken cancellationToken) =>
        (await db.Users.AsNoTracking().Where(u => ids.Contains(u.Id)).ToListAsync(cancellationToken)).ToDictionary(u => u.Id, u => ToItem(u, 0));

    private UserListItem ToItem(UserRecord user, int conversations) => new(
        user.Id,
        user.Username,
        cipher.Decrypt(user.DisplayName)!,
        EfUserRepository.RoleOf(user),
        user.IsDisabled,
        ConversationRows.Utc(user.CreatedAt),
        conversations,
        cipher.Decrypt(user.Email),
        cipher.Decrypt(user.Phone));
}
