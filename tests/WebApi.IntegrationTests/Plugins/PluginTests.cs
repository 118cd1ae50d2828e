using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using ChatClean.Plugins;
using ChatClean.TestSupport;
using ChatClean.WebApi.IntegrationTests.Operations;
using ChatClean.WebApi.IntegrationTests.Realtime;
using Microsoft.Extensions.DependencyInjection;

namespace ChatClean.WebApi.IntegrationTests.Plugins;

/// <summary>
/// Plugins on the real service: the shipped word filter (reject mode) and masker, a plugin loaded from a folder (the
/// sample plugin's build output), and two registered in DI that throw and hang. Messages are masked or refused as the
/// filters say, the broken plugins cost nothing but their time limit, and the observer hears every transition.
/// </summary>
public sealed class PluginTests(PluginTests.Api api) : IClassFixture<PluginTests.Api>
{
    public sealed class Api : ChatCleanApiFactory
    {
        public string Folder { get; } = Path.Combine(Path.GetTempPath(), "chatclean-tests", "plugins-" + Guid.NewGuid().ToString("N")[..8]);

        public string Notices => Path.Combine(Folder, "notices.txt");

        protected override IEnumerable<KeyValuePair<string, string>> ExtraSettings
        {
            get
            {
                Directory.CreateDirectory(Folder);
                File.Copy(SamplePluginDll(), Path.Combine(Folder, Path.GetFileName(SamplePluginDll())), overwrite: true);
                return
                [
                    new("Plugins:Folder", Folder),
                    new("Plugins:Timeout", "00:00:00.200"),
                    new("Plugins:NoticeRecorder:File", Notices),
                    new("Plugins:SensitiveWordFilter:Enabled", "true"),
                    new("Plugins:SensitiveWordFilter:Mode", "reject"),
                    new("Plugins:SensitiveWordFilter:Words:0", "笨蛋"),
                    new("Plugins:SensitiveWordFilter:Words:1", "idiot"),
                    new("Plugins:PersonalDataMasker:Enabled", "true"),
                ];
            }
        }

        protected override void ConfigureTestServices(IServiceCollection services)
        {
            services.AddSingleton<IChatPlugin, ThrowingPlugin>();
            services.AddSingleton<IChatPlugin, HangingPlugin>();
        }

        private static string SamplePluginDll()
        {
            for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
            {
                var candidate = Path.Combine(directory.FullName, "tests", "SamplePlugin", "bin", "Release", "net10.0", "ChatClean.SamplePlugin.dll");
                if (File.Exists(candidate))
                {
                    return candidate;
                }
            }

            throw new FileNotFoundException("The sample plugin is not built (dotnet build ChatClean.sln -c Release).");
        }
    }

    [Fact]
    public async Task Filters_mask_and_refuse_and_broken_plugins_do_not_break_sending()
    {
        using var customer = await api.RegisterCustomerAsync();
        var id = await TestConversations.StartAsync(customer);

        var masked = await (await customer.Http.PostJsonAsync($"/api/v1/conversations/{id}/messages", new { body = "card 4111 1111 1111 1111, mail bob.jones@example.com #tag" }))
            .ShouldHaveStatusAsync(HttpStatusCode.Created);
        masked["message"]!.Str("body").ShouldBe("card **** **** **** 1111, mail b***@example.com [tagged by the sample plugin]");

        await (await customer.Http.PostJsonAsync($"/api/v1/conversations/{id}/messages", new { body = "你这个笨蛋" }))
            .ShouldBeProblemAsync(HttpStatusCode.UnprocessableEntity, "message.rejected");
        await using (var ws = await WsClient.ConnectAsync(api.Anonymous().BaseAddress!, customer.AccessToken))
        {
            await ws.SendAsync(new { type = "message.send", conversationId = id, clientMessageId = "w1", body = "what an IDIOT" });
            (await ws.ExpectTypeAsync("error")).Text("code").ShouldBe("message.rejected");
        }

        var bodies = (await customer.Http.GetFromJsonAsync<JsonObject>($"/api/v1/conversations/{id}/messages"))!["messages"]!.AsArray()
            .Where(m => m!["sender"]!.GetValue<string>() == "customer").Select(m => m!["body"]!.GetValue<string>()).ToArray();
        bodies.ShouldBe(["card **** **** **** 1111, mail b***@example.com [tagged by the sample plugin]"], "refused messages are not stored, and the card number never was");

        var metrics = new PrometheusText(await api.Anonymous().GetStringAsync("/metrics"));
        metrics.Sum("chatclean_plugin_calls_total", ("plugin", "Throwing"), ("outcome", "failed")).ShouldBeGreaterThanOrEqualTo(1);
        metrics.Sum("chatclean_plugin_calls_total", ("plugin", "Hanging"), ("outcome", "timed_out")).ShouldBeGreaterThanOrEqualTo(1);
        metrics.Sum("chatclean_plugin_calls_total", ("plugin", "SensitiveWordFilter"), ("outcome", "rejected")).ShouldBeGreaterThanOrEqualTo(2);
    }

    [Fact]
    public async Task The_folder_plugin_hears_the_start_each_message_and_each_mode_change()
    {
        using var customer = await api.RegisterCustomerAsync();
        using var agent = await api.CreateStaffAsync("agent");
        var id = await TestConversations.StartAsync(customer);
        await (await customer.Http.PostJsonAsync($"/api/v1/conversations/{id}/messages", new { body = "hello" })).ShouldHaveStatusAsync(HttpStatusCode.Created);
        await (await customer.Http.PostAsync($"/api/v1/conversations/{id}/human-request", null)).ShouldHaveStatusAsync(HttpStatusCode.OK);
        await (await agent.Http.PostAsync($"/api/v1/conversations/{id}/takeover", null)).ShouldHaveStatusAsync(HttpStatusCode.OK);
        await (await agent.Http.PostAsync($"/api/v1/conversations/{id}/release", null)).ShouldHaveStatusAsync(HttpStatusCode.OK);
        await (await customer.Http.PostAsync($"/api/v1/conversations/{id}/close", null)).ShouldHaveStatusAsync(HttpStatusCode.OK);

        string[] expected =
        [
            $"started {id}", $"message {id} 2 customer hello", $"mode {id} handoff ai->waiting", $"mode {id} takeover waiting->human",
            $"mode {id} release human->ai", $"mode {id} close ai->closed",
        ];
        var lines = await Eventually.ReturnsAsync(
            () => Task.FromResult(File.Exists(api.Notices) ? File.ReadAllLines(api.Notices).Where(l => l.Contains(id, StringComparison.Ordinal)).ToArray() : []),
            l => l.Length >= expected.Length,
            TimeSpan.FromSeconds(15),
            "the observer's notices");
        lines.Where(l => !l.StartsWith($"message {id} ", StringComparison.Ordinal) || l.EndsWith(" customer hello", StringComparison.Ordinal)).ShouldBe(expected);
    }

    private sealed class ThrowingPlugin : IMessageFilter, IConversationObserver
    {
        public string Name => "Throwing";

        public ValueTask<MessageVerdict> BeforeStoreAsync(MessageDraft message, CancellationToken cancellationToken) =>
            throw new InvalidOperationException("a plugin bug");

        public ValueTask OnMessageStoredAsync(StoredMessage message, CancellationToken cancellationToken) =>
            throw new InvalidOperationException("a plugin bug");
    }

    private sealed class HangingPlugin : IMessageFilter
    {
        public string Name => "Hanging";

        public async ValueTask<MessageVerdict> BeforeStoreAsync(MessageDraft message, CancellationToken cancellationToken)
        {
            // Ignores its token on purpose: the host must not wait for it.
            await Task.Delay(Timeout.Infinite, CancellationToken.None);
            return MessageVerdict.Accept;
        }
    }
}
