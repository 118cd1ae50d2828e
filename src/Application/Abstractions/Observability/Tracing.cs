using System.Diagnostics;

using ChatClean.Application.Abstractions.EventStore;

namespace ChatClean.Application.Abstractions.Observability;

/// <summary>
/// The service's own spans (source <c>ChatClean</c>): the work that follows an event (its projection, the AI reply it
/// asks for) joins the trace of the request or frame that appended it, through the trace and span ids in the event's
/// metadata. Without a listener (no exporter configured) the activity is still created, unsampled, so logs and the
/// events appended meanwhile carry the trace id all the same.
/// </summary>
public static class Tracing
{
    public const string SourceName = "ChatClean";

    public static readonly ActivitySource Source = new(SourceName);

    /// <summary>Starts <paramref name="name"/> as a child of the span that appended the event with <paramref name="metadata"/> (a new trace if it has none).</summary>
    public static Activity? StartFollowing(string name, EventMetadata metadata, ActivityKind kind = ActivityKind.Consumer) =>
        Start(name, ParentOf(metadata), kind);

    /// <summary>Starts <paramref name="name"/> as a new trace, whatever the current activity (a WebSocket frame is its own operation, not part of the connection's).</summary>
    public static Activity? StartRoot(string name, ActivityKind kind = ActivityKind.Server)
    {
        var enclosing = Activity.Current;
        Activity.Current = null;
        var links = enclosing is null ? null : new[] { new ActivityLink(enclosing.Context) };
        var activity = Source.StartActivity(name, kind, default(ActivityContext), links: links) ?? new Activity(name).Start();
        return activity;
    }

    /// <summary>The span an event's metadata names, or none.</summary>
    public static ActivityContext ParentOf(EventMetadata metadata)
    {
        if (metadata.TraceId is not { Length: 32 } traceId)
        {
            return default;
        }

        var spanId = metadata.SpanId is { Length: 16 } span ? ActivitySpanId.CreateFromString(span) : ActivitySpanId.CreateRandom();
        try
        {
            return new ActivityContext(ActivityTraceId.CreateFromString(traceId), spanId, ActivityTraceFlags.Recorded, isRemote: true);
        }
        catch (ArgumentOutOfRangeException)
        {
            return default;
        }
    }

    private static Activity? Start(string name, ActivityContext parent, ActivityKind kind)
    {
        if (Source.StartActivity(name, kind, parent) is { } sampled)
        {
            return sampled;
        }

        var activity = new Activity(name);
        if (parent != default)
        {
            activity.SetParentId(parent.TraceId, parent.SpanId, parent.TraceFlags);
        }

        return activity.Start();
    }
}
