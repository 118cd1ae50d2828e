using ChatClean.Application.Abstractions.Audit;
using ChatClean.Application.Abstractions.Files;
using ChatClean.Application.Abstractions.Identity;

namespace ChatClean.Application.Audit;

/// <param name="AccountErased">Whether an account was found and erased (a customer's conversations are erased even when the account is gone).</param>
/// <param name="EventsKept">Events whose text stays: recorded before the chain held payload digests (docs/audit.md).</param>
/// <param name="FilesDeleted">Stored files of the customer's conversations deleted (each attachment and its description).</param>
public sealed record ErasureReport(Guid CustomerId, bool AccountErased, int Conversations, int EventsErased, int EventsKept, int FilesDeleted);

/// <summary>
/// The right to be forgotten: a customer's account loses its personal fields and its sessions, and every conversation
/// they started loses its texts and its attachments (whoever uploaded them), in the log (each rewritten event keeps the digest of what it replaced, so verification
/// still passes) and, through the erasure event each conversation then records, in the read models. Running it again
/// finishes an erasure that stopped half-way and otherwise changes nothing.
/// </summary>
public sealed class CustomerErasure(
    IPersonalDataStore store, IUserRepository users, ISessionRevocation sessions, ConversationWriter writer, IFileStorage files, TimeProvider clock)
{
    public async Task<ErasureReport> EraseAsync(UserId customerId, Actor by, CancellationToken cancellationToken)
    {
        var account = await users.FindByIdAsync(customerId, cancellationToken);
        if (account is { Role: not UserRole.Customer })
        {
            throw new ConflictException("user.not_a_customer", $"User {customerId.Value} is {account.Role.ToWire()}, not a customer: only a customer's data is erased this way.");
        }

        if (account is not null)
        {
            await store.EraseAccountAsync(customerId, cancellationToken);
            await sessions.RevokeAsync(customerId, clock.GetUtcNow(), cancellationToken);
        }

        var conversations = await store.ConversationsStartedByAsync(customerId, cancellationToken);
        int erased = 0, kept = 0, deleted = 0;
        foreach (var id in conversations)
        {
            deleted += await files.DeletePrefixAsync(Attachments.AttachmentKeys.Conversation(id.Value), cancellationToken);
            var erasure = await store.EraseTextsAsync(id, cancellationToken);
            erased += erasure.Erased;
            kept += erasure.Kept;
            if (erasure.Erased > 0 || erasure.Unrecorded)
            {
                await writer.ExecuteAsync(id, by, (_, now) => new ErasePersonalData(by, erasure.Erased, now), cancellationToken);
            }
        }

        return new ErasureReport(customerId.Value, account is not null, conversations.Count, erased, kept, deleted);
    }
}
