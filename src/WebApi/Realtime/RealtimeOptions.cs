namespace ChatClean.WebApi.Realtime;

/// <summary>
/// Configuration section <c>Realtime</c>: the limits of the WebSocket gateway. (<c>Realtime:PresenceExpiry</c>, how
/// long an agent stays present after a sign of life, is read by the presence store: see <c>PresenceOptions</c>.)
/// </summary>
public sealed class RealtimeOptions
{
    public const string SectionName = "Realtime";

    /// <summary>
    /// The most WebSockets this node holds at once; beyond it an upgrade gets 503 <c>realtime.at_capacity</c>. 0 (the
    /// default) means 95 % of the process's open-file limit (<c>ulimit -n</c>).
    /// </summary>
    [NotNegative]
    public int MaxConnections { get; set; }

    /// <summary>A client frame above this many bytes closes the connection with 1009.</summary>
    [Positive]
    public int MaxFrameBytes { get; set; } = 16 * 1024;

    /// <summary>Frames waiting for a slow client; when full, the client is disconnected with 4008.</summary>
    [Positive]
    public int SendQueueCapacity { get; set; } = 512;

    /// <summary>A client that sends nothing (not even <c>ping</c>) for this long is closed with 4002.</summary>
    [Positive]
    public TimeSpan IdleTimeout { get; set; } = TimeSpan.FromSeconds(90);

    /// <summary>WebSocket protocol pings from the server; a peer that does not answer within the same time is dropped.</summary>
    [Positive]
    public TimeSpan KeepAliveInterval { get; set; } = TimeSpan.FromSeconds(20);

    /// <summary>Sustained client frames per second per connection; above it, frames are refused with <c>rate_limited</c>.</summary>
    [Positive]
    public double FramesPerSecond { get; set; } = 20;

    /// <summary>Frames a client may send at once before the rate applies.</summary>
    [Positive]
    public int FrameBurst { get; set; } = 40;

    /// <summary>At most one typing notice per conversation per connection in this interval is relayed.</summary>
    [NotNegative]
    public TimeSpan TypingInterval { get; set; } = TimeSpan.FromSeconds(1);
}
