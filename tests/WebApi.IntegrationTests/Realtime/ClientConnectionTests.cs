using System.Net.WebSockets;
using System.Text;
using System.Text.Json.Nodes;
using ChatClean.Application.Common;
using ChatClean.Domain.Common;
using ChatClean.Domain.Users;
using ChatClean.WebApi.IntegrationTests.Operations;
using ChatClean.WebApi.Realtime;

namespace ChatClean.WebApi.IntegrationTests.Realtime;

/// <summary>The delivery rules of one connection, as pure logic over a socket that only records (or withholds) what is sent.</summary>
public sealed class ClientConnectionTests
{
    private static readonly Guid Conversation = Guid.NewGuid();

    [Fact]
    public async Task Live_frames_arriving_during_a_resume_are_held_back_and_released_after_the_history_without_duplicates()
    {
        var socket = new RecordingSocket();
        using var connection = new ClientConnection(socket, new Caller(UserId.New(), UserRole.Customer), 100);
        var sending = connection.RunSendLoopAsync();

        await connection.ResumeAsync(Conversation, 2, () =>
        {
            // While the store is read, seq 4 and 5 are committed and pushed live; the read itself returns 3 and 4.
            connection.Deliver(Frame(4));
            connection.Deliver(Frame(5));
            return Task.FromResult<IReadOnlyList<ServerFrame>>([Frame(3), Frame(4)]);
        });
        connection.Deliver(Frame(5));
        connection.Deliver(Frame(6));
        connection.Close(WebSocketCloseStatus.NormalClosure, "done");
        await sending;

        socket.Sent.Where(f => f["type"]!.GetValue<string>() == "message").Select(f => f["seq"]!.GetValue<long>()).ShouldBe([3, 4, 5, 6]);
        socket.Sent.Select(f => f["type"]!.GetValue<string>()).ShouldBe(["message", "message", "message", "resumed", "message"]);
    }

    [Fact]
    public async Task Frames_of_a_conversation_not_followed_are_not_delivered()
    {
        var socket = new RecordingSocket();
        using var connection = new ClientConnection(socket, new Caller(UserId.New(), UserRole.Customer), 100);
        var sending = connection.RunSendLoopAsync();

        connection.Deliver(Frame(1));
        connection.Follow(Conversation, 1);
        connection.Deliver(Frame(1));
        connection.Deliver(Frame(2));
        connection.Close(WebSocketCloseStatus.NormalClosure, "done");
        await sending;

        socket.Sent.Select(f => f["seq"]!.GetValue<long>()).ShouldBe([2]);
    }

    [Fact]
    public async Task A_client_that_does_not_keep_up_is_closed_with_4008_once_its_queue_is_full()
    {
        using var closes = new CounterWatch("chatclean.realtime.send_queue_closes");
        var socket = new RecordingSocket { Stalled = true };
        using var connection = new ClientConnection(socket, new Caller(UserId.New(), UserRole.Customer), 4);
        var sending = connection.RunSendLoopAsync();
        connection.Follow(Conversation, 0);

        for (var seq = 1; seq <= 20; seq++)
        {
            connection.Deliver(Frame(seq));
        }

        socket.Stalled = false;
        await sending.WaitAsync(TimeSpan.FromSeconds(15));

        socket.ClosedWith.ShouldBe(ClientConnection.SendQueueFull);
        socket.Sent.Count.ShouldBeLessThan(20);
        closes.Total.ShouldBeGreaterThanOrEqualTo(1, "counted in chatclean_realtime_send_queue_closes_total");
    }

    private static ServerFrame Frame(long seq) =>
        ServerFrame.Create("message", new { ConversationId = Conversation, Seq = seq }, Conversation, seq);

    /// <summary>Records sent text frames; while <see cref="Stalled"/>, sending waits (a client that reads nothing).</summary>
    private sealed class RecordingSocket : WebSocket
    {
        private readonly List<JsonObject> _sent = [];

        public bool Stalled { get; set; }

        public WebSocketCloseStatus? ClosedWith { get; private set; }

        public IReadOnlyList<JsonObject> Sent
        {
            get
            {
                lock (_sent)
                {
                    return [.. _sent];
                }
            }
        }

        public override WebSocketCloseStatus? CloseStatus => ClosedWith;

        public override string? CloseStatusDescription => null;

        public override WebSocketState State => ClosedWith is null ? WebSocketState.Open : WebSocketState.CloseSent;

        public override string? SubProtocol => null;

        public override void Abort()
        {
        }

        public override Task CloseAsync(WebSocketCloseStatus closeStatus, string? statusDescription, CancellationToken cancellationToken) =>
            CloseOutputAsync(closeStatus, statusDescription, cancellationToken);

        public override Task CloseOutputAsync(WebSocketCloseStatus closeStatus, string? statusDescription, CancellationToken cancellationToken)
        {
            ClosedWith = closeStatus;
            return Task.CompletedTask;
        }

        public override void Dispose()
        {
        }

        public override Task<WebSocketReceiveResult> ReceiveAsync(ArraySegment<byte> buffer, CancellationToken cancellationToken) =>
            throw new NotSupportedException("The connection only sends in these tests.");

        public override async Task SendAsync(ArraySegment<byte> buffer, WebSocketMessageType messageType, bool endOfMessage, CancellationToken cancellationToken)
        {
            while (Stalled)
            {
                await Task.Delay(10, cancellationToken);
            }

            lock (_sent)
            {
                _sent.Add(JsonNode.Parse(Encoding.UTF8.GetString(buffer))!.AsObject());
            }
        }
    }
}
