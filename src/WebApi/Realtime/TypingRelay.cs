using System.Text.Json;
using ChatClean.Domain.Users;
using ChatClean.Application.Abstractions;

namespace ChatClean.WebApi.Realtime;

/// <summary>Typing notices between the followers of a conversation, on every node, through the cluster bus. Nothing is stored.</summary>
public sealed class TypingRelay(IClusterBus bus, ConnectionManager connections) : IHostedService
{
    private const string Channel = "typing";

    public void Publish(ClientConnection from, Guid conversationId, bool isTyping) =>
        bus.Publish(Channel, JsonSerializer.Serialize(
            new Notice(from.Id, conversationId, from.Caller.UserId.Value, from.Caller.Role.ToWire(), isTyping), ServerFrame.Json));

    public Task StartAsync(CancellationToken cancellationToken)
    {
        bus.Subscribe(Channel, message =>
        {
            var notice = JsonSerializer.Deserialize<Notice>(message, ServerFrame.Json);
            if (notice is null)
            {
                return;
            }

            var frame = ServerFrame.Create("typing", new { notice.ConversationId, notice.UserId, notice.Role, notice.IsTyping });
            foreach (var connection in connections.FollowersOf(notice.ConversationId).Where(c => c.Id != notice.ConnectionId && c.IsSubscribed(notice.ConversationId)))
            {
                connection.Send(frame);
            }
        });
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    private sealed record Notice(Guid ConnectionId, Guid ConversationId, Guid UserId, string Role, bool IsTyping);
}
