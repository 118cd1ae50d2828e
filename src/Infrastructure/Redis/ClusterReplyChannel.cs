using System.Text.Json;
using ChatClean.Application.Abstractions.Ai;

namespace ChatClean.Infrastructure.Redis;

/// <summary>Reply deltas to every node over the cluster bus (Redis pub/sub, or in process in the embedded default).</summary>
public sealed class ClusterReplyChannel(IClusterBus bus) : IReplyChannel
{
    private const string Channel = "ai-delta";

    public void Publish(ReplyDelta delta) => bus.Publish(Channel, JsonSerializer.Serialize(delta, JsonSerializerOptions.Web));

    public void Subscribe(Action<ReplyDelta> handler) => bus.Subscribe(Channel, message =>
    {
        if (JsonSerializer.Deserialize<ReplyDelta>(message, JsonSerializerOptions.Web) is { } delta)
        {
            handler(delta);
        }
    });
}
