using System.Text.Json;
using ChatClean.Application.Abstractions.Files;
using Microsoft.Extensions.Options;

namespace ChatClean.Application.Attachments;

/// <summary>A stored file of a conversation, as clients see it.</summary>
public sealed record AttachmentView(Guid Id, Guid ConversationId, string FileName, string ContentType, long Size, string Sha256, string UploaderKind, Guid? UploaderId, DateTimeOffset UploadedAt);

/// <summary>A file to send back: its description and its bytes.</summary>
public sealed record AttachmentContent(AttachmentView Attachment, Stream Content);

/// <summary>Where an attachment and its description live: <c>conversations/{conversation}/{attachment}</c> and the same key with <c>.json</c>.</summary>
public static class AttachmentKeys
{
    public static string Conversation(Guid conversationId) => $"conversations/{conversationId:N}/";

    public static string Content(Guid conversationId, Guid attachmentId) => $"{Conversation(conversationId)}{attachmentId:N}";

    public static string Description(Guid conversationId, Guid attachmentId) => Content(conversationId, attachmentId) + ".json";
}

/// <summary>
/// Uploads a file to a conversation the caller takes part in. Its kind is recognised from its first bytes
/// (<see cref="FileKinds"/>) and must be allowed (<c>Attachments:AllowedTypes</c>); it may not exceed
/// <c>Attachments:MaxBytes</c>. The name is kept for the download only (reduced to a plain file name).
/// </summary>
[RequiresPermission(Permissions.ConversationsParticipate)]
public sealed record UploadAttachmentCommand(Caller Caller, Guid ConversationId, string? FileName, Stream Content)
    : ICallerRequest, IConversationRequest, ICommand<AttachmentView>;

public sealed class UploadAttachmentHandler(IFileStorage storage, IOptions<AttachmentOptions> options, TimeProvider clock)
    : ICommandHandler<UploadAttachmentCommand, AttachmentView>
{
    public async ValueTask<AttachmentView> Handle(UploadAttachmentCommand command, CancellationToken cancellationToken)
    {
        var settings = options.Value;
        var head = new byte[FileKinds.HeaderBytes];
        var headLength = await command.Content.ReadAtLeastAsync(head, head.Length, throwOnEndOfStream: false, cancellationToken);
        if (headLength == 0)
        {
            throw new RejectedException("attachment.empty", "The file is empty.");
        }

        var kind = FileKinds.Recognise(head.AsSpan(0, headLength));
        if (kind is null || !settings.AllowedTypes.Contains(kind, StringComparer.OrdinalIgnoreCase))
        {
            throw new UnsupportedContentException(
                "attachment.type_not_allowed", $"Files of this kind are not accepted. Accepted: {string.Join(", ", settings.AllowedTypes)} (recognised from the content, not the name).");
        }

        // One pass from the upload into the storage, counted and hashed on the way (a file over the limit stops it, and
        // the storage keeps nothing of it); the description is written last, so an attachment without one does not exist.
        var id = Guid.CreateVersion7();
        await using var upload = new UploadStream(head.AsMemory(0, headLength), command.Content, settings.MaxBytes);
        await storage.SaveAsync(AttachmentKeys.Content(command.ConversationId, id), upload, cancellationToken);
        var actor = command.Caller.ToActor();
        var view = new AttachmentView(
            id, command.ConversationId, FileNames.Clean(command.FileName, kind), kind, upload.Count,
            upload.Sha256, actor.Kind.ToString().ToLowerInvariant(), actor.UserId?.Value, clock.GetUtcNow());
        using var description = new MemoryStream(JsonSerializer.SerializeToUtf8Bytes(view, AttachmentJson.Options));
        await storage.SaveAsync(AttachmentKeys.Description(view.ConversationId, view.Id), description, cancellationToken);
        return view;
    }
}

/// <summary>An attachment of a conversation the caller may read; 404 <c>attachment.not_found</c> otherwise.</summary>
[RequiresPermission(Permissions.ConversationsParticipate)]
public sealed record GetAttachmentQuery(Caller Caller, Guid ConversationId, Guid AttachmentId) : ICallerRequest, IConversationRequest, IQuery<AttachmentContent>;

public sealed class GetAttachmentHandler(IFileStorage storage) : IQueryHandler<GetAttachmentQuery, AttachmentContent>
{
    public async ValueTask<AttachmentContent> Handle(GetAttachmentQuery query, CancellationToken cancellationToken)
    {
        await using var description = await storage.OpenReadAsync(AttachmentKeys.Description(query.ConversationId, query.AttachmentId), cancellationToken);
        var content = description is null ? null : await storage.OpenReadAsync(AttachmentKeys.Content(query.ConversationId, query.AttachmentId), cancellationToken);
        if (description is null || content is null)
        {
            throw new NotFoundException("attachment.not_found", "No such attachment in this conversation.");
        }

        var view = await JsonSerializer.DeserializeAsync<AttachmentView>(description, AttachmentJson.Options, cancellationToken);
        return new AttachmentContent(view!, content);
    }
}

internal static class AttachmentJson
{
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web);
}
