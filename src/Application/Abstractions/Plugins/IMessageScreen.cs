namespace ChatClean.Application.Abstractions.Plugins;

/// <summary>
/// The plugins' say on a message before it is stored (their filters, in order). Returns the text to store; a filter
/// that rejects it throws <see cref="Common.RejectedException"/> (<c>message.rejected</c>). A filter that fails or
/// overruns its time is skipped: screening never fails a message for a plugin's fault.
/// </summary>
public interface IMessageScreen
{
    ValueTask<string> ScreenAsync(ConversationId conversationId, Actor sender, string text, CancellationToken cancellationToken);
}

/// <summary>No plugins: every text is stored as sent.</summary>
public sealed class NoScreen : IMessageScreen
{
    public static NoScreen Instance { get; } = new();

    public ValueTask<string> ScreenAsync(ConversationId conversationId, Actor sender, string text, CancellationToken cancellationToken) => ValueTask.FromResult(text);
}
