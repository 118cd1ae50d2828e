using System.Text.Json.Nodes;

namespace ChatClean.WebApi.IntegrationTests.Webhooks;

/// <summary>Polls the webhook admin API until what a test waits for is there.</summary>
public static class WebhookWaits
{
    public static async Task<string> FirstDeliveryAsync(HttpClient admin, string webhook)
    {
        var deliveries = await UntilAsync(admin, $"/api/v1/admin/webhooks/{webhook}/deliveries", list => list.Count > 0);
        return deliveries[0]!["id"]!.GetValue<string>();
    }

    public static async Task<JsonArray> UntilAsync(HttpClient admin, string path, Func<JsonArray, bool> done, int seconds = 20)
    {
        var deadline = DateTime.UtcNow.AddSeconds(seconds);
        while (true)
        {
            var list = (await (await admin.GetAsync(path)).ShouldHaveStatusAsync(System.Net.HttpStatusCode.OK)).AsArray();
            if (done(list) || DateTime.UtcNow > deadline)
            {
                return list;
            }

            await Task.Delay(100);
        }
    }
}
