using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using ChatClean.Application.Conversations;
using ChatClean.Domain.Conversations;
using Mediator;
using Microsoft.Extensions.DependencyInjection;

namespace ChatClean.WebApi.IntegrationTests.Analytics;

/// <summary>
/// The script, in seconds after T0 (the window is [T0, T0 + 3600 s)):
/// C1 @0    customer 10, ai 12, customer 20, ai 23, customer closes 60, rates 5 at 70.
/// C2 @300  customer 310, ai 315, asks a human 320, agent A takes over 350, A writes 370, customer 380, A closes 420, rates 4 at 430.
/// C3 @600  customer 610, ai 611, asks 620, cancels 640, ai 650, asks again 660, times out 720, customer closes 800.
/// C4 @900  customer 905, an admin asks a human (api) 910, agent B takes over 1000, B writes 1030, B transfers to A 1050,
///          A writes 1060, A releases 1100, ai 1110, customer closes 1150, rates 2 at 1160.
/// C5 @1200 customer 1210, asks 1220, customer closes while waiting 1260.
/// C6 @1500 nothing until a customer message at 3650 and an ai reply at 3750 (after the window; C6 still belongs to it).
/// C7 @1800 customer 1810, asks 1820, still waiting.
/// C9 @1900 nothing at all.
/// C8 @3700 (outside the window) customer 3710, asks 3720, B takes over 3730 and still holds it.
/// </summary>
internal sealed record AnalyticsScenario(HttpClient Admin, HttpClient AgentAClient, Guid AgentA, Guid AgentB, string C7)
{
    /// <summary>Runs the script once per service instance; the tests of a class share it.</summary>
    public static Task<AnalyticsScenario> RunAsync(AnalyticsTests.Api api) => api.Scenario ??= ScriptAsync(api);

    private static async Task<AnalyticsScenario> ScriptAsync(AnalyticsTests.Api api)
    {
        var clock = api.Clock;
        var customer = await api.RegisterCustomerAsync();
        var agentA = await api.CreateStaffAsync("agent");
        var agentB = await api.CreateStaffAsync("agent");
        var admin = await api.AdminAsync();

        async Task<string> Start(int at)
        {
            clock.Set(AnalyticsTests.Api.T0.AddSeconds(at));
            return (await (await customer.Http.PostJsonAsync("/api/v1/conversations", new { subject = $"at {at}" })).ShouldHaveStatusAsync(HttpStatusCode.Created)).Str("id");
        }

        async Task<long> Do(int at, HttpClient client, string path, object? body = null)
        {
            clock.Set(AnalyticsTests.Api.T0.AddSeconds(at));
            var response = body is null ? await client.PostAsync(path) : await client.PostJsonAsync(path, body);
            return (await response.ShouldHaveStatusAsync(response.StatusCode == HttpStatusCode.Created ? HttpStatusCode.Created : HttpStatusCode.OK)).Number("version");
        }

        Task<long> Say(int at, TestUser who, string id, string text) => Do(at, who.Http, $"/api/v1/conversations/{id}/messages", new { body = text });

        async Task Service(int at, string id, object command)
        {
            clock.Set(AnalyticsTests.Api.T0.AddSeconds(at));
            await using var scope = api.Services.CreateAsyncScope();
            await scope.ServiceProvider.GetRequiredService<IMediator>().Send(command);
        }

        Task Ai(int at, string id) => Service(at, id, new PostServiceMessageCommand(Guid.Parse(id), SenderKind.Ai, "An answer from the knowledge base."));

        var c1 = await Start(0);
        await Say(10, customer, c1, "hello");
        await Ai(12, c1);
        await Say(20, customer, c1, "thanks");
        await Ai(23, c1);
        await Do(60, customer.Http, $"/api/v1/conversations/{c1}/close");
        await Do(70, customer.Http, $"/api/v1/conversations/{c1}/feedback", new { rating = 5 });

        var c2 = await Start(300);
        await Say(310, customer, c2, "my order");
        await Ai(315, c2);
        await Do(320, customer.Http, $"/api/v1/conversations/{c2}/human-request");
        await Do(350, agentA.Http, $"/api/v1/conversations/{c2}/takeover");
        await Say(370, agentA, c2, "I am on it");
        await Say(380, customer, c2, "great");
        await Do(420, agentA.Http, $"/api/v1/conversations/{c2}/close");
        await Do(430, customer.Http, $"/api/v1/conversations/{c2}/feedback", new { rating = 4 });

        var c3 = await Start(600);
        await Say(610, customer, c3, "question");
        await Ai(611, c3);
        await Do(620, customer.Http, $"/api/v1/conversations/{c3}/human-request");
        await Do(640, customer.Http, $"/api/v1/conversations/{c3}/cancel-human-request");
        await Ai(650, c3);
        await Do(660, customer.Http, $"/api/v1/conversations/{c3}/human-request");
        await Service(720, c3, new TimeOutToAiCommand(Guid.Parse(c3), 2));
        await Do(800, customer.Http, $"/api/v1/conversations/{c3}/close");

        var c4 = await Start(900);
        await Say(905, customer, c4, "refund?");
        await Do(910, admin.Http, $"/api/v1/conversations/{c4}/human-request");
        await Do(1000, agentB.Http, $"/api/v1/conversations/{c4}/takeover");
        await Say(1030, agentB, c4, "let me check");
        await Do(1050, agentB.Http, $"/api/v1/conversations/{c4}/transfer", new { toAgentId = agentA.Id });
        await Say(1060, agentA, c4, "refund done");
        await Do(1100, agentA.Http, $"/api/v1/conversations/{c4}/release");
        await Ai(1110, c4);
        await Do(1150, customer.Http, $"/api/v1/conversations/{c4}/close");
        await Do(1160, customer.Http, $"/api/v1/conversations/{c4}/feedback", new { rating = 2 });

        var c5 = await Start(1200);
        await Say(1210, customer, c5, "anyone?");
        await Do(1220, customer.Http, $"/api/v1/conversations/{c5}/human-request");
        await Do(1260, customer.Http, $"/api/v1/conversations/{c5}/close");

        var c6 = await Start(1500);
        var c7 = await Start(1800);
        await Say(1810, customer, c7, "help");
        await Do(1820, customer.Http, $"/api/v1/conversations/{c7}/human-request");
        await Start(1900);

        await Say(3650, customer, c6, "late question");
        var c8 = await Start(3700);
        await Say(3710, customer, c8, "outside the window");
        await Do(3720, customer.Http, $"/api/v1/conversations/{c8}/human-request");
        await Do(3730, agentB.Http, $"/api/v1/conversations/{c8}/takeover");
        await Ai(3750, c6);

        // The last event of the script is C6's AI reply: once the read models hold it, they hold everything before it.
        var c6Version = (await customer.Http.GetFromJsonAsync<JsonObject>($"/api/v1/conversations/{c6}"))!.Number("version");
        await (await admin.Http.GetAsync($"/api/v1/admin/conversations/{c6}?minVersion={c6Version}")).ShouldHaveStatusAsync(HttpStatusCode.OK);
        return new AnalyticsScenario(admin.Http, agentA.Http, agentA.Id, agentB.Id, c7);
    }
}
