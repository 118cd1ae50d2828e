using System.Diagnostics.Metrics;

namespace ChatClean.WebApi.Realtime;

/// <summary>
/// The gateway's frame series (meter <c>ChatClean.Realtime.Frames</c>): frames received and sent by type, and
/// connections cut off because their send queue filled. Types are bounded: a client frame of a type the gateway does
/// not know counts as <c>unknown</c>, one that is not a JSON object with a type as <c>unusable</c>.
/// </summary>
public static class RealtimeMetrics
{
    public const string Unknown = "unknown";
    public const string Unusable = "unusable";

    private static readonly Meter Meter = new("ChatClean.Realtime.Frames");

    private static readonly Counter<long> Received = Meter.CreateCounter<long>(
        "chatclean.realtime.frames_received", description: "Client frames received, by type.");

    private static readonly Counter<long> Sent = Meter.CreateCounter<long>(
        "chatclean.realtime.frames_sent", description: "Frames written to clients, by type.");

    private static readonly Counter<long> SendQueueCloses = Meter.CreateCounter<long>(
        "chatclean.realtime.send_queue_closes", description: "Connections closed (4008) because the client read too slowly and its send queue filled.");

    public static void FrameReceived(string boundedType) => Received.Add(1, new KeyValuePair<string, object?>("type", boundedType));

    public static void FrameSent(string type) => Sent.Add(1, new KeyValuePair<string, object?>("type", type));

    public static void SendQueueClosed() => SendQueueCloses.Add(1);
}
