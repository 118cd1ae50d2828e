using ChatClean.Application.Abstractions.Plugins;
using ChatClean.Application.Common;
using ChatClean.Plugins;

namespace ChatClean.Infrastructure.Plugins;

/// <summary>Runs the message filters in order, each on the text the one before left; the first rejection refuses the message.</summary>
public sealed class PluginMessageScreen(PluginHost host) : IMessageScreen
{
    public const string Hook = "before_store";

    public async ValueTask<string> ScreenAsync(ConversationId conversationId, Actor sender, string text, CancellationToken cancellationToken)
    {
        foreach (var filter in host.Filters)
        {
            var draft = new MessageDraft(conversationId.Value, sender.Kind.ToString().ToLowerInvariant(), sender.UserId?.Value, text);
            var verdict = await host.CallAsync(filter, Hook, ct => filter.BeforeStoreAsync(draft, ct), MessageVerdict.Accept, Outcome, cancellationToken);
            switch (verdict)
            {
                case MessageVerdict.Rewritten { Text: var rewritten } when !string.IsNullOrWhiteSpace(rewritten):
                    text = rewritten;
                    break;
                case MessageVerdict.Rejected { Reason: var reason }:
                    throw new RejectedException("message.rejected", string.IsNullOrWhiteSpace(reason) ? "The message was refused." : reason);
            }
        }

        return text;
    }

    private static string Outcome(MessageVerdict verdict) => verdict switch
    {
        MessageVerdict.Rewritten => "rewritten",
        MessageVerdict.Rejected => "rejected",
        _ => "ok",
    };
}
