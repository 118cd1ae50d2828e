using System.Net;
using ChatClean.Application.Conversations;
using ChatClean.Domain.Conversations;
using Mediator;
using Microsoft.Extensions.DependencyInjection;
using static ChatClean.WebApi.IntegrationTests.TestConversations;
using static ChatClean.WebApi.IntegrationTests.WaitingTimeouts.WaitingTimeoutApi;

namespace ChatClean.WebApi.IntegrationTests.WaitingTimeouts;

/// <summary>A takeover and the timeout of the same episode racing each other: exactly one of them ends the episode.</summary>
[Collection(nameof(WaitingTimeoutHost))]
public sealed class WaitingTimeoutRaceTests(WaitingTimeoutApi api)
{
    [Fact]
    public async Task A_takeover_racing_the_timeout_has_exactly_one_winner_every_time()
    {
        using var customer = await api.RegisterCustomerAsync();
        using var agent = await api.CreateStaffAsync("agent");
        const int Rounds = 24;
        var ids = new List<string>();
        for (var i = 0; i < Rounds; i++)
        {
            var id = await StartAsync(customer);
            await (await customer.Http.PostAsync($"/api/v1/conversations/{id}/human-request")).ShouldHaveStatusAsync(HttpStatusCode.OK);
            ids.Add(id);
        }

        // Each takeover is sent at its own offset from the deadline, from 60 ms before it to 60 ms after it.
        var races = ids.Select(async (id, i) =>
        {
            var requested = (await EventsAsync(id)).OfType<HumanRequested>().Single();
            var sendAt = requested.At + Wait + TimeSpan.FromMilliseconds(-60 + (120.0 * i / (Rounds - 1)));
            var delay = sendAt - DateTimeOffset.UtcNow;
            if (delay > TimeSpan.Zero)
            {
                await Task.Delay(delay);
            }

            using var response = await agent.Http.PostAsync($"/api/v1/conversations/{id}/takeover");
            response.StatusCode.ShouldBe(HttpStatusCode.OK);
        });
        await Task.WhenAll(races);
        await Task.Delay(Lateness);

        var timeoutsWon = 0;
        foreach (var id in ids)
        {
            var events = await EventsAsync(id);
            var deadline = events.OfType<HumanRequested>().Single().At + Wait;
            var endings = events.Where(e => e is TimedOutToAi or AgentTookOver { Episode: 1 }).ToArray();
            endings.Length.ShouldBe(1, $"conversation {id} ended its episode by {string.Join(", ", endings.Select(e => e.GetType().Name))}");
            if (endings[0] is TimedOutToAi timedOut)
            {
                timeoutsWon++;
                timedOut.At.ShouldBeGreaterThanOrEqualTo(deadline, "a timeout never fires before its deadline");

                // The agent then took the conversation from the AI: a takeover of its own, not the end of the episode.
                events.OfType<AgentTookOver>().Single().Episode.ShouldBeNull();
            }
            else
            {
                events.OfType<TimedOutToAi>().ShouldBeEmpty();
            }
        }

        timeoutsWon.ShouldBeLessThan(Rounds, "the takeovers sent before the deadline won");
    }

    [Fact]
    public async Task A_timeout_and_a_takeover_sent_at_the_same_instant_leave_exactly_one_outcome()
    {
        using var customer = await api.RegisterCustomerAsync();
        using var agent = await api.CreateStaffAsync("agent");
        var outcomes = new Dictionary<string, int>();
        for (var round = 0; round < 20; round++)
        {
            var id = await StartAsync(customer);
            await (await customer.Http.PostAsync($"/api/v1/conversations/{id}/human-request")).ShouldHaveStatusAsync(HttpStatusCode.OK);

            using var start = new Barrier(2);
            var takeover = Task.Run(async () =>
            {
                start.SignalAndWait();
                return await agent.Http.PostAsync($"/api/v1/conversations/{id}/takeover");
            });
            var timeout = Task.Run(async () =>
            {
                start.SignalAndWait();
                await using var scope = api.Services.CreateAsyncScope();
                return await scope.ServiceProvider.GetRequiredService<IMediator>().Send(new TimeOutToAiCommand(Guid.Parse(id), 1));
            });
            using var response = await takeover;
            response.StatusCode.ShouldBe(HttpStatusCode.OK);
            await timeout;

            var endings = (await EventsAsync(id)).Where(e => e is TimedOutToAi or AgentTookOver { Episode: 1 }).ToArray();
            endings.Length.ShouldBe(1);
            outcomes[endings[0].GetType().Name] = outcomes.GetValueOrDefault(endings[0].GetType().Name) + 1;
        }

        outcomes.Values.Sum().ShouldBe(20);
    }

    private Task<IReadOnlyList<IConversationEvent>> EventsAsync(string id) => api.EventsAsync(id);
}
