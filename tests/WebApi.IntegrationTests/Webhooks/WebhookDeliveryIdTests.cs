using ChatClean.Infrastructure.Webhooks;

namespace ChatClean.WebApi.IntegrationTests.Webhooks;

/// <summary>The delivery id a replay must derive again, the signature receivers check, and the back-off.</summary>
public sealed class WebhookDeliveryIdTests
{
    private static readonly Guid Endpoint = Guid.Parse("0193a1b2-0000-7000-8000-000000000001");
    private static readonly Guid Event = Guid.Parse("0193a1b2-0000-7000-8000-0000000000aa");

    [Fact]
    public void The_same_endpoint_and_event_give_the_same_id_and_a_different_endpoint_another()
    {
        var id = WebhookDeliveryId.For(Endpoint, Event);

        WebhookDeliveryId.For(Endpoint, Event).ShouldBe(id);
        WebhookDeliveryId.For(Guid.CreateVersion7(), Event).ShouldNotBe(id);
        WebhookDeliveryId.For(Endpoint, Guid.CreateVersion7()).ShouldNotBe(id);
        id.Version.ShouldBe(8);
        (id.Variant & 0b1100).ShouldBe(0b1000);
    }

    [Fact]
    public void The_signature_is_the_hex_hmac_of_timestamp_dot_body()
    {
        // The same value as `printf '1796400000.' | cat - body.json | openssl dgst -sha256 -hmac "$SECRET"` (docs/webhooks.md).
        WebhookDeliveryId.Signature("receiver-secret-0123456789abcdef", 1796400000, """{"id":"x","type":"message.posted"}""")
            .ShouldBe("v1=85e405aa4e98b1a810f9d283dd611daf6fe077b3d094ed8aa316755f1d4678fa");
    }

    [Fact]
    public void Retries_wait_one_two_four_seconds_and_so_on_up_to_the_cap()
    {
        var settings = new WebhookOptions { FirstRetryDelay = TimeSpan.FromSeconds(1), MaxRetryDelay = TimeSpan.FromSeconds(10) };

        Enumerable.Range(1, 6).Select(n => WebhookDispatcher.RetryDelay(n, settings).TotalSeconds).ShouldBe([1, 2, 4, 8, 10, 10]);
        WebhookDispatcher.RetryDelay(1000, settings).ShouldBe(TimeSpan.FromSeconds(10));
    }
}
