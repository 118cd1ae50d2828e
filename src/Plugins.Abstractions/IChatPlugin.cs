namespace ChatClean.Plugins;

/// <summary>
/// A ChatClean plugin: a public class with a public constructor that takes nothing or a <see cref="PluginSettings"/>,
/// implementing <see cref="IMessageFilter"/>, <see cref="IConversationObserver"/> or both. Each hook call has a time
/// limit (<c>Plugins:Timeout</c>); a hook that throws or overruns is logged, counted and ignored: a plugin can never
/// break or block a conversation.
/// </summary>
public interface IChatPlugin
{
    /// <summary>A short, stable name for settings (<c>Plugins:&lt;Name&gt;:…</c>), logs and metrics, such as <c>sensitive-words</c>.</summary>
    string Name { get; }
}

/// <summary>Sees every message a customer or an agent sends before it is stored, and may let it through, rewrite its text or reject it.</summary>
public interface IMessageFilter : IChatPlugin
{
    ValueTask<MessageVerdict> BeforeStoreAsync(MessageDraft message, CancellationToken cancellationToken);
}

/// <summary>
/// Told about what happened, after it is stored: once per event in the whole cluster, at most once (a node that
/// dies between storing and telling loses the notice), in log order. The defaults do nothing.
/// </summary>
public interface IConversationObserver : IChatPlugin
{
    ValueTask OnConversationStartedAsync(ConversationStarted started, CancellationToken cancellationToken) => ValueTask.CompletedTask;

    ValueTask OnMessageStoredAsync(StoredMessage message, CancellationToken cancellationToken) => ValueTask.CompletedTask;

    ValueTask OnModeChangedAsync(ModeChange change, CancellationToken cancellationToken) => ValueTask.CompletedTask;
}
