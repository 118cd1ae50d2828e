using System.Diagnostics.Metrics;
using Microsoft.Extensions.Options;

namespace ChatClean.WebApi.Realtime;

/// <summary>
/// How many WebSockets this node holds at once: <c>Realtime:MaxConnections</c>, by default 95 % of the process's
/// open-file limit, leaving the rest for the database pool, Redis, logs and plain HTTP. An upgrade beyond the cap is
/// refused with 503 before it is accepted, and the connections already held carry on. A server driven past its file
/// limit cannot accept anything, its listening socket stays ready and the accept loop spins: the cap keeps the node
/// below that edge. Instruments (meter <c>ChatClean.Realtime</c>): <c>chatclean.realtime.connections</c> (open) and
/// <c>chatclean.realtime.connections_refused</c>.
/// </summary>
public sealed class ConnectionAdmission
{
    public const string MeterName = "ChatClean.Realtime";

    private readonly Counter<long> _refused;
    private int _open;

    public ConnectionAdmission(IOptions<RealtimeOptions> options, IMeterFactory meters)
    {
        Limit = options.Value.MaxConnections > 0 ? options.Value.MaxConnections : DefaultLimit(ProcessLimits.OpenFiles());
        var meter = meters.Create(MeterName);
        meter.CreateObservableUpDownCounter("chatclean.realtime.connections", () => Open, description: "WebSockets open on this node.");
        _refused = meter.CreateCounter<long>("chatclean.realtime.connections_refused", description: "WebSocket upgrades refused because the node holds as many as it may.");
    }

    /// <summary>The most WebSockets this node holds at once.</summary>
    public int Limit { get; }

    public int Open => Volatile.Read(ref _open);

    /// <summary>95 % of the open-file limit; 10,000 where the limit cannot be read.</summary>
    public static int DefaultLimit(long? openFiles) => openFiles is { } files ? (int)Math.Clamp(files * 95 / 100, 1, int.MaxValue) : 10_000;

    /// <summary>Takes a place for one more connection, or refuses (and counts the refusal) when the node is full.</summary>
    public bool TryEnter()
    {
        if (Interlocked.Increment(ref _open) <= Limit)
        {
            return true;
        }

        Interlocked.Decrement(ref _open);
        _refused.Add(1);
        return false;
    }

    public void Leave() => Interlocked.Decrement(ref _open);
}
