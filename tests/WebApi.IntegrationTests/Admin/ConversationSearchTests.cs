using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using ChatClean.TestSupport;

namespace ChatClean.WebApi.IntegrationTests.Admin;

/// <summary>The admin conversation search (filters, keyset pages, the term index of ADR 17) over real HTTP, on both stores.</summary>
public abstract class ConversationSearchTests(ChatCleanApiFactory api)
{
    [Fact]
    public async Task Conversations_are_filtered_by_mode_agent_customer_time_and_text_and_paged_by_keyset()
    {
        using var admin = await api.AdminAsync();
        using var alice = await api.RegisterCustomerAsync();
        using var bob = await api.RegisterCustomerAsync();
        using var agent = await api.CreateStaffAsync("agent");
        var marker = $"zebra{Guid.NewGuid():N}"[..14];
        var ids = new List<string>();
        for (var i = 0; i < 5; i++)
        {
            var id = (await (await alice.Http.PostJsonAsync("/api/v1/conversations", new { subject = $"a{i}" })).ShouldHaveStatusAsync(HttpStatusCode.Created)).Str("id");
            ids.Add(id);
            await (await alice.Http.PostJsonAsync($"/api/v1/conversations/{id}/messages", new { body = i % 2 == 0 ? $"about the {marker} invoice" : "nothing special" }))
                .ShouldHaveStatusAsync(HttpStatusCode.Created);
        }

        var bobs = (await (await bob.Http.PostJsonAsync("/api/v1/conversations", new { })).ShouldHaveStatusAsync(HttpStatusCode.Created)).Str("id");
        await (await bob.Http.PostJsonAsync($"/api/v1/conversations/{bobs}/messages", new { body = $"{marker} also here, 订单没有到" })).ShouldHaveStatusAsync(HttpStatusCode.Created);
        await (await alice.Http.PostJsonAsync($"/api/v1/conversations/{ids[3]}/messages", new { body = "Plan B, please." })).ShouldHaveStatusAsync(HttpStatusCode.Created);
        var taken = await (await agent.Http.PostAsync($"/api/v1/conversations/{ids[1]}/takeover")).ShouldHaveStatusAsync(HttpStatusCode.OK);
        await (await admin.Http.GetAsync($"/api/v1/admin/conversations/{ids[1]}?minVersion={taken.Number("version")}")).ShouldHaveStatusAsync(HttpStatusCode.OK);

        async Task<string[]> Search(string query) =>
            (await admin.Http.GetFromJsonAsync<JsonObject>($"/api/v1/admin/conversations?{query}"))!["items"]!.AsArray().Select(c => c!.Str("id")).ToArray();

        (await Search($"customerId={alice.Id}")).ShouldBe(ids.AsEnumerable().Reverse().ToArray());
        (await Search($"customerId={alice.Id}&q={marker}")).ShouldBe([ids[4], ids[2], ids[0]]);
        (await Search($"q={marker}")).ShouldBe([bobs, ids[4], ids[2], ids[0]]);
        (await Search($"q={Uri.EscapeDataString("订单")}")).ShouldBe([bobs]);
        (await Search($"q={marker.ToUpperInvariant()}")).ShouldBe([bobs, ids[4], ids[2], ids[0]], "words match whatever their case");
        (await Search($"customerId={alice.Id}&q=b")).ShouldBe([ids[3]], "a one-letter word is a word");
        (await Search($"customerId={alice.Id}&q=special%20b")).ShouldBe([ids[3]], "the words of a query may be in different messages");
        (await Search($"customerId={alice.Id}&q=speci")).ShouldBeEmpty("words match whole, not as parts");
        (await Search($"agentId={agent.Id}")).ShouldBe([ids[1]]);
        (await Search($"mode=human&customerId={alice.Id}")).ShouldBe([ids[1]]);
        (await Search($"mode=ai&customerId={alice.Id}")).Length.ShouldBe(4);
        (await Search($"customerId={alice.Id}&to={Uri.EscapeDataString(DateTimeOffset.UtcNow.AddDays(-1).ToString("O"))}")).ShouldBeEmpty();

        var seen = new List<string>();
        string? cursor = null;
        do
        {
            var page = (await admin.Http.GetFromJsonAsync<JsonObject>($"/api/v1/admin/conversations?customerId={alice.Id}&limit=2{(cursor is null ? "" : $"&cursor={cursor}")}"))!;
            seen.AddRange(page["items"]!.AsArray().Select(c => c!.Str("id")));
            cursor = page["nextCursor"]?.GetValue<string>();
        }
        while (cursor is not null);

        seen.ShouldBe(ids.AsEnumerable().Reverse().ToArray());
        await (await admin.Http.GetAsync("/api/v1/admin/conversations?cursor=not-a-cursor")).ShouldBeProblemAsync(HttpStatusCode.BadRequest, "validation.failed");
        await (await admin.Http.GetAsync("/api/v1/admin/conversations?mode=sleeping")).ShouldBeProblemAsync(HttpStatusCode.BadRequest, "validation.failed");
    }
}

public sealed class MariaDbConversationSearchTests(ChatCleanApiFactory api) : ConversationSearchTests(api), IClassFixture<ChatCleanApiFactory>;

public sealed class EmbeddedConversationSearchTests(EmbeddedApiFactory api) : ConversationSearchTests(api), IClassFixture<EmbeddedApiFactory>;
