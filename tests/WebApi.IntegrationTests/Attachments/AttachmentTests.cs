using System.Net;
using System.Net.Http.Headers;
using System.Text.Json.Nodes;

namespace ChatClean.WebApi.IntegrationTests.Attachments;

/// <summary>
/// Uploads and downloads on the real service: the kind is recognised from the content (a renamed executable is
/// refused), the size is limited, and only the conversation's customer, agents and admins download, always as an
/// attachment with the recognised type and <c>nosniff</c>.
/// </summary>
public sealed class AttachmentTests(AttachmentTests.Api api) : IClassFixture<AttachmentTests.Api>
{
    public sealed class Api : ChatCleanApiFactory
    {
        public const int MaxBytes = 64 * 1024;

        protected override IEnumerable<KeyValuePair<string, string>> ExtraSettings => [new("Attachments:MaxBytes", MaxBytes.ToString(System.Globalization.CultureInfo.InvariantCulture))];
    }

    private static readonly byte[] Png = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52, 1, 2, 3, 4];

    [Fact]
    public async Task A_picture_goes_up_and_comes_down_to_the_people_of_the_conversation_only()
    {
        using var customer = await api.RegisterCustomerAsync();
        using var other = await api.RegisterCustomerAsync();
        using var agent = await api.CreateStaffAsync("agent");
        using var admin = await api.AdminAsync();
        var id = await TestConversations.StartAsync(customer);

        var uploaded = await (await customer.Http.PostAsync($"/api/v1/conversations/{id}/attachments", Form(Png, "../../etc/screen shot", "application/octet-stream")))
            .ShouldHaveStatusAsync(HttpStatusCode.Created);
        uploaded.Str("contentType").ShouldBe("image/png", "recognised from the bytes, not the declared type");
        uploaded.Str("fileName").ShouldBe("screen shot.png");
        uploaded.Number("size").ShouldBe(Png.Length);
        var path = $"/api/v1/conversations/{id}/attachments/{uploaded.Str("id")}";

        foreach (var reader in new[] { customer.Http, agent.Http, admin.Http })
        {
            using var download = await reader.GetAsync(path);
            download.StatusCode.ShouldBe(HttpStatusCode.OK);
            (await download.Content.ReadAsByteArrayAsync()).ShouldBe(Png);
            download.Content.Headers.ContentType!.MediaType.ShouldBe("image/png");
            download.Content.Headers.ContentDisposition!.DispositionType.ShouldBe("attachment");
            download.Content.Headers.ContentDisposition.FileNameStar.ShouldBe("screen shot.png");
            download.Headers.GetValues("X-Content-Type-Options").ShouldBe(["nosniff"]);
        }

        // To another customer the conversation does not exist, as for its messages.
        await (await other.Http.GetAsync(path)).ShouldBeProblemAsync(HttpStatusCode.NotFound, "conversation.not_found");
        await (await other.Http.PostAsync($"/api/v1/conversations/{id}/attachments", Form(Png, "x.png", "image/png"))).ShouldBeProblemAsync(HttpStatusCode.NotFound, "conversation.not_found");
        await (await customer.Http.GetAsync($"/api/v1/conversations/{id}/attachments/{Guid.NewGuid()}")).ShouldBeProblemAsync(HttpStatusCode.NotFound, "attachment.not_found");
    }

    [Theory]
    [InlineData("MZ", "photo.png")]
    [InlineData("\u007fELF", "cat.jpg")]
    [InlineData("PK\u0003\u0004", "notes.txt")]
    public async Task A_file_whose_content_is_not_an_allowed_kind_is_refused_whatever_its_name(string magic, string name)
    {
        using var customer = await api.RegisterCustomerAsync();
        var id = await TestConversations.StartAsync(customer);
        byte[] content = [.. System.Text.Encoding.Latin1.GetBytes(magic), 0x90, 0x00, 0x03, 0x00, 0x00, 0x00, 0x04, 0x00];

        await (await customer.Http.PostAsync($"/api/v1/conversations/{id}/attachments", Form(content, name, "image/png")))
            .ShouldBeProblemAsync(HttpStatusCode.UnsupportedMediaType, "attachment.type_not_allowed");
    }

    [Fact]
    public async Task Text_is_accepted_and_oversized_or_malformed_uploads_are_refused_with_a_code()
    {
        using var customer = await api.RegisterCustomerAsync();
        var id = await TestConversations.StartAsync(customer);
        var uploads = $"/api/v1/conversations/{id}/attachments";

        var text = await (await customer.Http.PostAsync(uploads, Form("订单号 12345\nthank you"u8.ToArray(), "order.txt", "text/plain"))).ShouldHaveStatusAsync(HttpStatusCode.Created);
        text.Str("contentType").ShouldBe("text/plain");

        var large = new byte[Api.MaxBytes + 1];
        Png.CopyTo(large, 0);
        await (await customer.Http.PostAsync(uploads, Form(large, "big.png", "image/png"))).ShouldBeProblemAsync(HttpStatusCode.RequestEntityTooLarge, "attachment.too_large");
        var huge = await customer.Http.PostAsync(uploads, Form(new byte[Api.MaxBytes * 4], "huge.png", "image/png"));
        huge.StatusCode.ShouldBe(HttpStatusCode.RequestEntityTooLarge);

        await (await customer.Http.PostAsync(uploads, new StringContent("{}", System.Text.Encoding.UTF8, "application/json")))
            .ShouldBeProblemAsync(HttpStatusCode.UnsupportedMediaType, "attachment.multipart_required");
        await (await customer.Http.PostAsync(uploads, new MultipartFormDataContent { { new StringContent("x"), "other" } }))
            .ShouldBeProblemAsync(HttpStatusCode.UnprocessableEntity, "attachment.file_missing");
        await (await customer.Http.PostAsync(uploads, Form([], "empty.txt", "text/plain"))).ShouldBeProblemAsync(HttpStatusCode.UnprocessableEntity, "attachment.empty");
    }

    private static MultipartFormDataContent Form(byte[] content, string fileName, string contentType)
    {
        var file = new ByteArrayContent(content);
        file.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
        return new MultipartFormDataContent { { file, "file", fileName } };
    }
}
