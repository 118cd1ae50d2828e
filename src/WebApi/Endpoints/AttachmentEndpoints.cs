using ChatClean.Application.Attachments;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;

namespace ChatClean.WebApi.Endpoints;

/// <summary>
/// <c>POST /conversations/{id}/attachments</c> (multipart, one part named <c>file</c>) and
/// <c>GET /conversations/{id}/attachments/{attachmentId}</c>: only the conversation's customer, agents and admins (as
/// for its messages), always as a download (<c>Content-Disposition: attachment</c>, <c>nosniff</c>), with the type
/// recognised at upload.
/// </summary>
public static class AttachmentEndpoints
{
    /// <summary>Room for the multipart envelope around the largest file.</summary>
    private const long Envelope = 64 * 1024;

    public static RouteGroupBuilder MapAttachmentEndpoints(this RouteGroupBuilder api)
    {
        var attachments = api.MapGroup("/conversations/{id:guid}/attachments").WithTags("Attachments").RequireAuthorization();

        attachments.MapPost("/", async (Guid id, HttpContext http, IMediator mediator, IOptions<AttachmentOptions> options, CancellationToken ct) =>
        {
            if (http.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit)
            {
                limit.MaxRequestBodySize = options.Value.MaxBytes + Envelope;
            }

            if (!http.Request.HasFormContentType)
            {
                throw new UnsupportedContentException("attachment.multipart_required", "Send the file as multipart/form-data, in a part named 'file'.");
            }

            var form = await http.Request.ReadFormAsync(new FormOptions { MultipartBodyLengthLimit = options.Value.MaxBytes + Envelope }, ct);
            var file = form.Files.GetFile("file") ?? throw new RejectedException("attachment.file_missing", "The form has no part named 'file'.");

            await using var content = file.OpenReadStream();
            var view = await mediator.Send(new UploadAttachmentCommand(http.User.ToCaller(), id, file.FileName, content), ct);
            return TypedResults.Created($"/api/v1/conversations/{id}/attachments/{view.Id}", view);
        }).DisableAntiforgery();

        attachments.MapGet("/{attachmentId:guid}", async (Guid id, Guid attachmentId, HttpContext http, IMediator mediator, CancellationToken ct) =>
        {
            var found = await mediator.Send(new GetAttachmentQuery(http.User.ToCaller(), id, attachmentId), ct);
            var disposition = new ContentDispositionHeaderValue("attachment");
            disposition.SetHttpFileName(found.Attachment.FileName);
            http.Response.Headers.ContentDisposition = disposition.ToString();
            http.Response.Headers.XContentTypeOptions = "nosniff";
            http.Response.Headers.CacheControl = "private, no-store";
            return TypedResults.Stream(found.Content, found.Attachment.ContentType);
        });

        return api;
    }
}
