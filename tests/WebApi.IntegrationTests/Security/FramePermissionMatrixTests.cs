using System.Net;
using ChatClean.WebApi.IntegrationTests.Realtime;
using ChatClean.WebApi.Realtime;

namespace ChatClean.WebApi.IntegrationTests.Security;

/// <summary>
/// Every WebSocket frame type × every kind of caller → what they get: accepted (no error) or an error frame with a
/// stable code. A frame type missing from the matrix fails the test.
/// </summary>
public sealed class FramePermissionMatrixTests(ChatCleanApiFactory api) : IClassFixture<ChatCleanApiFactory>
{
    private const string Ok = "ok";

    /// <summary>Frame type → outcome for the conversation's customer, another customer, an agent, an admin (sent in that order).</summary>
    private static readonly Dictionary<string, string[]> Matrix = new()
    {
        ["ping"] = [Ok, Ok, Ok, Ok],
        ["resume"] = [Ok, "conversation.not_found", Ok, Ok],
        ["message.send"] = [Ok, "conversation.not_found", "conversation.not_assigned_agent", "conversation.actor_not_allowed"],
        ["typing"] = [Ok, "conversation.not_followed", Ok, Ok],
        ["human.request"] = [Ok, "conversation.not_found", Ok, Ok],
        ["conversation.takeover"] = ["auth.forbidden", "auth.forbidden", Ok, "auth.forbidden"],
        ["conversation.release"] = ["auth.forbidden", "auth.forbidden", Ok, "auth.forbidden"],
        ["conversation.close"] = [Ok, "conversation.not_found", Ok, Ok],
        ["conversation.start"] = [Ok, "conversation.already_exists", "auth.forbidden", "auth.forbidden"],
        ["human.cancel"] = [Ok, "conversation.not_found", "auth.forbidden", Ok],
        ["conversation.transfer"] = ["auth.forbidden", "auth.forbidden", "conversation.not_in_human_mode", "conversation.not_in_human_mode"],
        ["conversation.feedback"] = ["conversation.not_closed", "conversation.not_found", "auth.forbidden", "auth.forbidden"],
        ["presence"] = ["auth.forbidden", "auth.forbidden", Ok, "auth.forbidden"],
        ["figures.watch"] = ["auth.forbidden", "auth.forbidden", "auth.forbidden", Ok],
    };

    [Fact]
    public void Every_frame_type_has_an_entry_in_the_matrix() =>
        MessageRouter.FrameTypes.Order(StringComparer.Ordinal).ShouldBe(Matrix.Keys.Order(StringComparer.Ordinal));

    [Fact]
    public async Task Every_caller_gets_what_the_matrix_says_for_every_frame_type()
    {
        using var owner = await api.RegisterCustomerAsync();
        using var other = await api.RegisterCustomerAsync();
        using var agent = await api.CreateStaffAsync("agent");
        using var admin = await api.AdminAsync();
        var server = api.Anonymous().BaseAddress!;
        var wrong = new List<string>();

        foreach (var (type, outcomes) in Matrix)
        {
            var conversation = (await (await owner.Http.PostAsync("/api/v1/conversations")).ShouldHaveStatusAsync(HttpStatusCode.Created)).Str("id");
            if (type == "conversation.release")
            {
                await (await agent.Http.PostAsync($"/api/v1/conversations/{conversation}/takeover")).ShouldHaveStatusAsync(HttpStatusCode.OK);
            }

            // The agent goes last, so that a takeover or close by someone else cannot change what it finds.
            TestUser[] callers = [owner, other, admin, agent];
            int[] column = [0, 1, 3, 2];
            for (var i = 0; i < callers.Length; i++)
            {
                await using var ws = await WsClient.ConnectAsync(server, callers[i].AccessToken);
                if (type == "typing")
                {
                    await ws.SendAsync(new { type = "resume", conversationId = conversation, @ref = "pre" });
                    await SettledAsync(ws);
                }

                await ws.SendAsync(new
                {
                    type,
                    @ref = "r1",
                    conversationId = conversation,
                    clientMessageId = "r1",
                    body = "matrix",
                    status = "online",
                    isTyping = true,
                    toAgentId = agent.Id,
                    rating = 5,
                });
                await SettledAsync(ws);
                var error = ws.Received.FirstOrDefault(f => f.Type() == "error" && f.Text("ref") == "r1");
                var outcome = error?.Text("code") ?? Ok;
                var expected = outcomes[column[i]];
                if (outcome != expected)
                {
                    wrong.Add($"{type} as {callers[i].Username}: {outcome}, expected {expected}");
                }
            }
        }

        wrong.ShouldBeEmpty();
    }

    /// <summary>Frames of a connection are handled in order: once a later ping is answered, the earlier frame has been.</summary>
    private static async Task SettledAsync(WsClient ws)
    {
        var marker = Guid.NewGuid().ToString("N");
        await ws.SendAsync(new { type = "ping", @ref = marker });
        await ws.ExpectAsync(f => f.Type() == "pong" && f.Text("ref") == marker, "the pong after the frame");
    }
}
