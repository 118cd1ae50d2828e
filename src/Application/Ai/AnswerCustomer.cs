using ChatClean.Application.Common;
using System.Diagnostics;
using System.Diagnostics.Metrics;
using System.Security.Cryptography;
using System.Text;
using ChatClean.Application.Abstractions.Ai;
using ChatClean.Application.Conversations;
using ChatClean.Domain.Conversations;
using Mediator;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace ChatClean.Application.Ai;

/// <summary>
/// Answer the customer message at <see cref="CustomerSeq"/> (and any sent just before it) if the conversation is
/// still with the AI. Sent by the AI reply job; never over HTTP. Repeats are harmless: the reply is posted with the
/// client id <c>ai-reply:{seq}</c>, and a later customer message leaves the answering to its own job.
/// </summary>
[NoCaller("Sent by the AI reply job.")]
public sealed record AnswerCustomerCommand(Guid ConversationId, long CustomerSeq) : ICommand<AiReplyOutcome>;

public enum AiReplyOutcome
{
    /// <summary>Nothing to do: not in ai mode, already answered, or a later message will be answered instead.</summary>
    NotNeeded,

    /// <summary>The customer asked for a person: a human was requested (reason keyword).</summary>
    HandedOff,

    /// <summary>The answer was posted.</summary>
    Posted,

    /// <summary>The model failed; the answer came from the knowledge base.</summary>
    FellBack,

    /// <summary>An agent took over (or the conversation left ai mode) while the AI was answering: nothing was posted.</summary>
    Dropped,

    /// <summary>The model failed and the knowledge base had nothing: the customer was told and a human requested (reason ai_failed).</summary>
    Failed,
}

public sealed partial class AnswerCustomerHandler(
    ConversationStreams streams,
    IKnowledgeIndex knowledge,
    IEnumerable<IAiModel> models,
    IReplyChannel replies,
    ReplyInterrupts interrupts,
    IOptions<AiOptions> options,
    TimeProvider clock,
    ILogger<AnswerCustomerHandler> logger) : ICommandHandler<AnswerCustomerCommand, AiReplyOutcome>
{
    public const string HandoffMarker = "[[HUMAN]]";

    public const string MeterName = "ChatClean.Ai";

    private static readonly Meter Meter = new(MeterName);
    private static readonly Counter<long> Replies = Meter.CreateCounter<long>("chatclean.ai.replies", description: "AI replies by provider and outcome.");
    private static readonly Histogram<double> FirstToken = Meter.CreateHistogram<double>("chatclean.ai.first_token", "ms", "From the start of a reply to its first text.");
    private static readonly Histogram<double> Duration = Meter.CreateHistogram<double>("chatclean.ai.reply_duration", "ms", "From the start of a reply to its end.");
    private static readonly Counter<long> Tokens = Meter.CreateCounter<long>("chatclean.ai.tokens", description: "Tokens reported by the model, by direction (input, output).");
    private static readonly Counter<long> Errors = Meter.CreateCounter<long>("chatclean.ai.errors", description: "Model calls that failed, by reason.");

    private const int DeltaChars = 24;

    public async ValueTask<AiReplyOutcome> Handle(AnswerCustomerCommand command, CancellationToken cancellationToken)
    {
        var settings = options.Value;
        var id = new ConversationId(command.ConversationId);

        // Registered before the conversation is read: a takeover from here on stops this reply.
        using var interrupt = interrupts.Begin(command.ConversationId, command.CustomerSeq, cancellationToken);
        var loaded = await streams.LoadAsync(id, cancellationToken);
        var messages = loaded.History.Where(e => e.Event is MessagePosted).Select(e => (Seq: e.Record.Revision, Message: (MessagePosted)e.Event)).ToArray();
        var replyKey = $"ai-reply:{command.CustomerSeq}";
        if (!settings.Enabled || loaded.State.Mode != ConversationMode.Ai ||
            !messages.Any(m => m.Seq == command.CustomerSeq && m.Message.Sender == SenderKind.Customer) ||
            messages.Any(m => m.Seq > command.CustomerSeq && m.Message.Sender is SenderKind.Customer or SenderKind.Agent) ||
            loaded.State.ClientMessageKeys.Contains(ConversationState.ClientMessageKey(SenderKind.Ai, null, replyKey)))
        {
            // Not with the AI; a later message will be answered with this one; or this one was answered already.
            return AiReplyOutcome.NotNeeded;
        }

        // The question: every customer message since the last answer, up to this one.
        var lastAnswer = messages.LastOrDefault(m => m.Seq < command.CustomerSeq && m.Message.Sender != SenderKind.Customer).Seq;
        var question = string.Join('\n', messages.Where(m => m.Seq > lastAnswer && m.Seq <= command.CustomerSeq).Select(m => m.Message.Body));
        if (AiTextRules.AsksForHuman(question))
        {
            await streams.ExecuteAsync(id, _ => new RequestHuman(HandoffReason.Keyword, Actor.Ai, clock.GetUtcNow()), cancellationToken, loaded);
            Replies.Add(1, Tag("provider", settings.Provider), Tag("outcome", AiReplyOutcome.HandedOff));
            return AiReplyOutcome.HandedOff;
        }

        var language = AiTextRules.LanguageOf(question);
        var passages = await knowledge.SearchAsync(question, settings.MaxPassages, cancellationToken);
        var fromKnowledge = KnowledgeAnswer.Compose(passages, language, settings.MinCoverage);
        var replyId = ReplyIdOf(command.ConversationId, command.CustomerSeq);
        var started = Stopwatch.GetTimestamp();

        var stream = new DeltaStream(replies, command.ConversationId, replyId);
        string answer;
        bool handoff;
        AiReplyOutcome outcome;
        try
        {
            interrupt.Token.ThrowIfCancellationRequested();
            var model = settings.Provider == AiProvider.OpenAI ? models.FirstOrDefault() : null;
            if (model is null)
            {
                stream.Text(fromKnowledge.Text);
                (answer, handoff, outcome) = (fromKnowledge.Text, !fromKnowledge.Confident, AiReplyOutcome.Posted);
            }
            else
            {
                var history = messages
                    .Where(m => m.Seq <= command.CustomerSeq && m.Message.Sender != SenderKind.System)
                    .Select(m => new AiTurn(m.Message.Sender == SenderKind.Customer ? AiRole.Customer : AiRole.Assistant, m.Message.Body))
                    .ToArray();
                var prompt = PromptBuilder.Build(settings, history, passages.Where(p => p.Coverage > 0).ToArray(), language);
                try
                {
                    (answer, handoff) = await StreamModelAsync(model, prompt, stream, started, interrupt.Token);
                    outcome = AiReplyOutcome.Posted;
                }
                catch (AiUnavailableException failure)
                {
                    Errors.Add(1, Tag("reason", failure.Reason));
                    LogModelFailed(logger, command.ConversationId, failure.Reason, failure.InnerException);
                    stream.Reset();
                    if (!fromKnowledge.Confident)
                    {
                        return await GiveUpAsync(id, command.CustomerSeq, stream, language, settings, cancellationToken);
                    }

                    stream.Text(fromKnowledge.Text);
                    (answer, handoff, outcome) = (fromKnowledge.Text, false, AiReplyOutcome.FellBack);
                }
            }
        }
        catch (OperationCanceledException) when (interrupt.Token.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            stream.End("dropped");
            Replies.Add(1, Tag("provider", settings.Provider), Tag("outcome", AiReplyOutcome.Dropped));
            return AiReplyOutcome.Dropped;
        }

        if (string.IsNullOrWhiteSpace(answer))
        {
            // The model only asked for a person (or said nothing): say what happens next.
            answer = handoff ? HandoffNotice(language) : fromKnowledge.Text;
            handoff |= !fromKnowledge.Confident;
            stream.Text(answer);
        }

        var trimmed = answer.Trim();
        var body = MessageBody.Create(trimmed.Length > MessageBody.MaxLength ? trimmed[..MessageBody.MaxLength] : trimmed);
        var posted = await streams.ExecuteAsync(
            id, _ => new PostMessage(replyId, Actor.Ai, body, replyKey, clock.GetUtcNow()), cancellationToken, loaded);
        if (posted.Appended.Count == 0 && posted.State.ClientMessageKeys.Contains(ConversationState.ClientMessageKey(SenderKind.Ai, null, replyKey)))
        {
            // Another run of this job (a retry that overlapped) posted it first.
            stream.End("posted");
            return outcome;
        }

        if (posted.Appended.Count == 0)
        {
            // An agent took over between the last token and the post: the decider dropped the answer.
            stream.End("dropped");
            Replies.Add(1, Tag("provider", settings.Provider), Tag("outcome", AiReplyOutcome.Dropped));
            return AiReplyOutcome.Dropped;
        }

        stream.End("posted");
        Duration.Record(Stopwatch.GetElapsedTime(started).TotalMilliseconds, Tag("provider", settings.Provider));
        Replies.Add(1, Tag("provider", settings.Provider), Tag("outcome", outcome));
        if (handoff)
        {
            await streams.ExecuteAsync(id, _ => new RequestHuman(HandoffReason.AiLowConfidence, Actor.Ai, clock.GetUtcNow()), cancellationToken);
        }

        return outcome;
    }

    /// <summary>The same customer message always gets the same reply id, so a retried job streams and posts under one id.</summary>
    public static Guid ReplyIdOf(Guid conversationId, long customerSeq)
    {
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes($"ai-reply:{conversationId:N}:{customerSeq}"));
        hash[6] = (byte)((hash[6] & 0x0F) | 0x80);
        hash[8] = (byte)((hash[8] & 0x3F) | 0x80);
        return new Guid(hash.AsSpan(0, 16));
    }

    private static async Task<(string Answer, bool Handoff)> StreamModelAsync(
        IAiModel model, AiPrompt prompt, DeltaStream stream, long started, CancellationToken cancellationToken)
    {
        var text = new StringBuilder();
        var marker = new MarkerFilter(HandoffMarker);
        var handoff = false;
        var first = true;
        await foreach (var update in model.StreamAsync(prompt, cancellationToken))
        {
            switch (update)
            {
                case AiText piece:
                    if (first)
                    {
                        FirstToken.Record(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
                        first = false;
                    }

                    var visible = marker.Push(piece.Text);
                    text.Append(visible);
                    stream.Text(visible);
                    break;
                case AiHandoff:
                    handoff = true;
                    break;
                case AiUsage usage:
                    Tokens.Add(usage.InputTokens, new KeyValuePair<string, object?>("direction", "input"));
                    Tokens.Add(usage.OutputTokens, new KeyValuePair<string, object?>("direction", "output"));
                    break;
            }
        }

        var rest = marker.Flush();
        text.Append(rest);
        stream.Text(rest);
        return (text.ToString(), handoff || marker.Found);
    }

    /// <summary>The model failed and the knowledge base has nothing: tell the customer and ask for a person.</summary>
    private async Task<AiReplyOutcome> GiveUpAsync(
        ConversationId id, long customerSeq, DeltaStream stream, string language, AiOptions settings, CancellationToken cancellationToken)
    {
        var notice = MessageBody.Create(language == "zh"
            ? "抱歉，智能助手暂时无法回答。我已为您转接人工客服，请稍候。"
            : "Sorry, our assistant cannot answer right now. I have asked for a human agent to join you; please wait a moment.");
        // Keyed like the reply, so that a retried job tells the customer once.
        await streams.ExecuteAsync(
            id, _ => new PostMessage(Guid.CreateVersion7(), Actor.System, notice, $"ai-failed:{customerSeq}", clock.GetUtcNow()), cancellationToken);
        await streams.ExecuteAsync(id, _ => new RequestHuman(HandoffReason.AiFailed, Actor.Ai, clock.GetUtcNow()), cancellationToken);
        stream.End("failed");
        Replies.Add(1, Tag("provider", settings.Provider), Tag("outcome", AiReplyOutcome.Failed));
        return AiReplyOutcome.Failed;
    }

    private static string HandoffNotice(string language) => language == "zh"
        ? "好的，我已为您转接人工客服，请稍候。"
        : "I have asked for a human agent to join you; please wait a moment.";

    private static KeyValuePair<string, object?> Tag(string name, object value) =>
        new(name, System.Text.Json.JsonNamingPolicy.SnakeCaseLower.ConvertName(value.ToString()!));

    [LoggerMessage(Level = LogLevel.Warning, Message = "The AI model failed to answer in conversation {ConversationId}: {Reason}")]
    private static partial void LogModelFailed(ILogger logger, Guid conversationId, string reason, Exception? exception);

    /// <summary>Publishes the reply's text in numbered pieces of a few dozen characters.</summary>
    private sealed class DeltaStream(IReplyChannel channel, Guid conversationId, Guid replyId)
    {
        private int _index;

        public void Text(string text)
        {
            for (var start = 0; start < text.Length; start += DeltaChars)
            {
                channel.Publish(new ReplyDelta(conversationId, replyId, _index++, text.Substring(start, Math.Min(DeltaChars, text.Length - start)), null));
            }
        }

        public void Reset() => channel.Publish(new ReplyDelta(conversationId, replyId, _index++, null, "reset"));

        public void End(string outcome) => channel.Publish(new ReplyDelta(conversationId, replyId, _index++, null, outcome));
    }

    /// <summary>Removes the handoff marker from streamed text, holding back a tail that may be its beginning.</summary>
    private sealed class MarkerFilter(string marker)
    {
        private string _pending = string.Empty;

        public bool Found { get; private set; }

        public string Push(string text)
        {
            _pending += text;
            var at = _pending.IndexOf(marker, StringComparison.Ordinal);
            if (at >= 0)
            {
                Found = true;
                _pending = _pending.Remove(at, marker.Length);
            }

            var hold = 0;
            for (var length = Math.Min(marker.Length - 1, _pending.Length); length > 0; length--)
            {
                if (_pending.EndsWith(marker[..length], StringComparison.Ordinal))
                {
                    hold = length;
                    break;
                }
            }

            var visible = _pending[..^hold];
            _pending = _pending[^hold..];
            return visible;
        }

        public string Flush()
        {
            var rest = _pending;
            _pending = string.Empty;
            return rest;
        }
    }
}
