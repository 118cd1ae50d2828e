using ChatClean.Infrastructure.ReadModels;
using ChatClean.Plugins;
using DomainStarted = ChatClean.Domain.Conversations.ConversationStarted;
using PluginStarted = ChatClean.Plugins.ConversationStarted;

namespace ChatClean.Infrastructure.Plugins;

/// <summary>What an observer plugin is told about one projected event: its hook and the call, or nothing.</summary>
internal static class PluginNotices
{
    public static (string Hook, Func<IConversationObserver, CancellationToken, ValueTask> Call)? Of(ProjectedEvent projected)
    {
        var at = projected.Stored.RecordedAt;
        switch (projected.Event)
        {
            case DomainStarted started:
                var notice = new PluginStarted(started.ConversationId, started.CustomerId, started.Subject, started.At);
                return ("conversation_started", (o, ct) => o.OnConversationStartedAsync(notice, ct));
            case MessagePosted posted:
                var message = new StoredMessage(posted.ConversationId, projected.Stored.Seq, posted.MessageId, WireNames.Of(posted.Sender), posted.SenderId, posted.Body, posted.At);
                return ("message_stored", (o, ct) => o.OnMessageStoredAsync(message, ct));
        }

        if (ChangeOf(projected.Event) is not { } change)
        {
            return null;
        }

        var from = projected.Before is { } before ? WireNames.Of(before.Mode) : "ai";
        var modeChange = new ModeChange(projected.After.Id, change, from, WireNames.Of(projected.After.Mode), projected.After.AgentId, at);
        return ("mode_changed", (o, ct) => o.OnModeChangedAsync(modeChange, ct));
    }

    private static string? ChangeOf(IConversationEvent @event) => @event switch
    {
        HumanRequested => "handoff",
        HumanRequestCancelled => "cancel",
        AgentTookOver => "takeover",
        TimedOutToAi => "timeout",
        ConversationReleased => "release",
        AgentTransferred => "transfer",
        ConversationClosed => "close",
        _ => null,
    };
}
