using ChatClean.Plugins;

namespace ChatClean.SamplePlugin;

/// <summary>Writes one line per notice to the file in its setting <c>File</c>, and tags messages that ask for it.</summary>
public sealed class NoticeRecorder(PluginSettings settings) : IConversationObserver, IMessageFilter
{
    private readonly string _file = settings["File"] ?? throw new ArgumentException("Plugins:NoticeRecorder:File is required.");
    private readonly Lock _lock = new();

    public string Name => "NoticeRecorder";

    public ValueTask<MessageVerdict> BeforeStoreAsync(MessageDraft message, CancellationToken cancellationToken) =>
        ValueTask.FromResult(message.Text.Contains("#tag", StringComparison.Ordinal)
            ? MessageVerdict.Rewrite(message.Text.Replace("#tag", "[tagged by the sample plugin]", StringComparison.Ordinal))
            : MessageVerdict.Accept);

    public ValueTask OnConversationStartedAsync(ConversationStarted started, CancellationToken cancellationToken) =>
        Write($"started {started.ConversationId}");

    public ValueTask OnMessageStoredAsync(StoredMessage message, CancellationToken cancellationToken) =>
        Write($"message {message.ConversationId} {message.Seq} {message.SenderKind} {message.Text}");

    public ValueTask OnModeChangedAsync(ModeChange change, CancellationToken cancellationToken) =>
        Write($"mode {change.ConversationId} {change.Change} {change.FromMode}->{change.ToMode}");

    private ValueTask Write(string line)
    {
        lock (_lock)
        {
            File.AppendAllLines(_file, [line]);
        }

        return ValueTask.CompletedTask;
    }
}
