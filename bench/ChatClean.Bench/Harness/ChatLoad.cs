using System.Diagnostics;
using System.Globalization;
using System.Text;

namespace ChatClean.Bench;

/// <summary>One conversation under load: who speaks in it, on which sockets.</summary>
public sealed record LoadConversation(int Index, Guid Id, BenchSocket Customer, BenchSocket? Agent);

/// <summary>
/// The load generator of the end-to-end scenarios. Every message gets a number, carried as its
/// <c>clientMessageId</c> (<c>m42</c>); the time it was sent is kept, and the time its <c>message</c> frame reaches
/// the other party (the agent for a customer's message, the customer for an agent's or the AI's) gives its
/// send → delivered latency. In human mode an agent answers every customer message on arrival; in a closed loop the
/// customer sends the next one when the answer arrives, so each conversation has one message in flight.
/// </summary>
public sealed class ChatLoad
{
    private const int Capacity = 4_000_000;
    private readonly long[] _sentAt = new long[Capacity];
    private readonly long[] _deliveredAt = new long[Capacity];
    private readonly Dictionary<Guid, LoadConversation> _conversations = [];
    private readonly Dictionary<Guid, int> _aiQuestion = [];
    private int _next;
    private volatile LoadMode _mode;
    private long _errors;
    private long _stalled;

    public enum LoadMode
    {
        Idle,
        ClosedLoop,
        Paced,
        AiClosedLoop,
    }

    public long Errors => Interlocked.Read(ref _errors);

    /// <summary>AI conversations handed to a human (the AI found nothing relevant): their loop stops.</summary>
    public long Stalled => Interlocked.Read(ref _stalled);

    public string? FirstError { get; private set; }

    public void Add(LoadConversation conversation)
    {
        lock (_conversations)
        {
            _conversations[conversation.Id] = conversation;
        }
    }

    /// <summary>What every socket of the load calls with each frame it receives.</summary>
    public void OnFrame(BenchSocket socket, ReadOnlySpan<byte> utf8)
    {
        var frame = FrameFields.Read(utf8);
        switch (frame.Type)
        {
            case "message" when frame.ConversationId is { } id && Find(id) is { } conversation:
                Delivered(socket, conversation, frame);
                break;
            case "conversation.state" when frame.ConversationId is { } id && _mode == LoadMode.AiClosedLoop && utf8.IndexOf("\"mode\":\"waiting\""u8) >= 0:
                if (Find(id) is not null)
                {
                    Interlocked.Increment(ref _stalled);
                }

                break;
            case "error":
                if (Interlocked.Increment(ref _errors) == 1)
                {
                    FirstError = Encoding.UTF8.GetString(utf8);
                }

                break;
        }
    }

    /// <summary>Starts a closed loop: one customer message in flight in each of <paramref name="conversations"/>.</summary>
    public void StartClosedLoop(IEnumerable<LoadConversation> conversations, LoadMode mode = LoadMode.ClosedLoop)
    {
        _mode = mode;
        foreach (var conversation in conversations)
        {
            SendFromCustomer(conversation);
        }
    }

    /// <summary>Customer messages at <paramref name="perSecond"/> (each answered by its agent) across the conversations, for <paramref name="duration"/>.</summary>
    public async Task PaceAsync(IReadOnlyList<LoadConversation> conversations, double perSecond, TimeSpan duration)
    {
        _mode = LoadMode.Paced;
        var started = Stopwatch.GetTimestamp();
        long sent = 0;
        while (Stopwatch.GetElapsedTime(started) < duration)
        {
            var due = (long)(Stopwatch.GetElapsedTime(started).TotalSeconds * perSecond);
            for (; sent < due; sent++)
            {
                SendFromCustomer(conversations[(int)(sent % conversations.Count)]);
            }

            await Task.Delay(1);
        }
    }

    public void Stop() => _mode = LoadMode.Idle;

    /// <summary>The latencies (ms) of the messages delivered between two timestamps, and how many there were per second.</summary>
    public (double PerSecond, double[] SortedMs) Window(long from, long to)
    {
        var count = Math.Min(Volatile.Read(ref _next), Capacity);
        var latencies = new List<double>();
        for (var i = 0; i < count; i++)
        {
            var delivered = Volatile.Read(ref _deliveredAt[i]);
            if (delivered >= from && delivered < to)
            {
                latencies.Add(Stopwatch.GetElapsedTime(_sentAt[i], delivered).TotalMilliseconds);
            }
        }

        var seconds = Stopwatch.GetElapsedTime(from, to).TotalSeconds;
        return (latencies.Count / seconds, latencies.Order().ToArray());
    }

    private LoadConversation? Find(Guid id)
    {
        lock (_conversations)
        {
            return _conversations.GetValueOrDefault(id);
        }
    }

    private void Delivered(BenchSocket socket, LoadConversation conversation, FrameFields frame)
    {
        var now = Stopwatch.GetTimestamp();
        var atAgent = ReferenceEquals(socket, conversation.Agent);
        switch (frame.SenderKind)
        {
            case "customer" when atAgent && Number(frame.ClientMessageId) is { } n:
                _deliveredAt[n] = now;
                if (_mode is LoadMode.ClosedLoop or LoadMode.Paced)
                {
                    Send(conversation.Agent!, conversation.Id, "Thanks, I am looking into it now.");
                }

                break;
            case "agent" when !atAgent && Number(frame.ClientMessageId) is { } n:
                _deliveredAt[n] = now;
                if (_mode == LoadMode.ClosedLoop)
                {
                    SendFromCustomer(conversation);
                }

                break;
            case "ai" when !atAgent:
                int question;
                lock (_aiQuestion)
                {
                    if (!_aiQuestion.Remove(conversation.Id, out question))
                    {
                        return;
                    }
                }

                _deliveredAt[question] = now;
                if (_mode == LoadMode.AiClosedLoop)
                {
                    SendFromCustomer(conversation);
                }

                break;
        }
    }

    private void SendFromCustomer(LoadConversation conversation)
    {
        if (conversation.Agent is null)
        {
            var n = Send(conversation.Customer, conversation.Id, "When will my parcel arrive?");
            lock (_aiQuestion)
            {
                _aiQuestion[conversation.Id] = n;
            }
        }
        else
        {
            Send(conversation.Customer, conversation.Id, "Where is my parcel? It should have arrived yesterday.");
        }
    }

    private int Send(BenchSocket socket, Guid conversationId, string body)
    {
        var n = Interlocked.Increment(ref _next) - 1;
        if (n >= Capacity)
        {
            return Capacity - 1;
        }

        var frame = Encoding.UTF8.GetBytes(string.Create(
            CultureInfo.InvariantCulture, $$"""{"type":"message.send","conversationId":"{{conversationId}}","clientMessageId":"m{{n}}","body":"{{body}}"}"""));
        _sentAt[n] = Stopwatch.GetTimestamp();
        _ = SendAsync(socket, frame);
        return n;
    }

    private async Task SendAsync(BenchSocket socket, byte[] frame)
    {
        try
        {
            await socket.SendAsync(frame);
        }
        catch (Exception exception) when (exception is System.Net.WebSockets.WebSocketException or ObjectDisposedException or InvalidOperationException)
        {
            if (Interlocked.Increment(ref _errors) == 1)
            {
                FirstError = exception.Message;
            }
        }
    }

    private static int? Number(string? clientMessageId) =>
        clientMessageId is ['m', .. var digits] && int.TryParse(digits, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n < Capacity ? n : null;
}
