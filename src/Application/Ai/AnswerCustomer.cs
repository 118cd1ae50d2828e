using System.Diagnostics;
using System.Security.Cryptography;
using System.Text;
using ChatClean.Application.Abstractions.Ai;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace ChatClean.Application.Ai;

/// <summary>
/// Answer the customer message at <see cref="CustomerSeq"/> (and any sent just before it) if the conversation is
/// still with the AI. Sent by the AI reply job; never over HTTP. Repeats are harmless: the answer is keyed by the
/// seq it answers, and a later customer message leaves the answering to its own job.
/// </summary>
[NoCaller("Sent by the AI reply job.")]
public sealed record AnswerCustomerCommand(Guid ConversationId, long CustomerSeq) : ICommand<AiReplyOutcome>;

/// <summary>
/// Reads the conversation, decides whether an answer is due, finds one (the model, else the knowledge base) while
/// streaming it, and posts it with the <see cref="AnswerCustomer"/> domain command: the answer and any handoff it
/// asks for land in one append, and only while the AI has the conversation.
/// </summary>
public sealed partial class AnswerCustomerHandler(
    ConversationWriter writer,
    ConversationReads reads,
    IKnowledgeIndex knowledge,
    IEnumerable<IAiModel> models,
    IReplyChannel replies,
    ReplyInterrupts interrupts,
    IOptions<AiOptions> options,
    ILogger<AnswerCustomerHandler> logger) : ICommandHandler<AnswerCustomerCommand, AiReplyOutcome>
{
    public async ValueTask<AiReplyOutcome> Handle(AnswerCustomerCommand command, CancellationToken cancellationToken)
    {
        var settings = options.Value;
        var id = new ConversationId(command.ConversationId);

        // Registered before the conversation is read: a takeover from here on stops this reply.
        using var interrupt = interrupts.Begin(command.ConversationId, command.CustomerSeq, cancellationToken);
        if (!settings.Enabled || await AskedAsync(command, cancellationToken) is not var (messages, question))
        {
            return AiReplyOutcome.NotNeeded;
        }

        if (AiTextRules.AsksForHuman(question))
        {
            await writer.ExecuteAsync(id, Actor.Ai, (_, now) => new RequestHuman(HandoffReason.Keyword, Actor.Ai, now), cancellationToken);
            AiMetrics.Reply(settings.Provider, AiReplyOutcome.HandedOff);
            return AiReplyOutcome.HandedOff;
        }

        var language = AiTextRules.LanguageOf(question);
        var deltas = new ReplyDeltas(replies, command.ConversationId, ReplyIdOf(command.ConversationId, command.CustomerSeq));
        Answer? answer;
        try
        {
            answer = await FindAnswerAsync(command, messages, question, language, deltas, interrupt.Token);
        }
        catch (OperationCanceledException) when (interrupt.Token.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            return Ended(deltas, settings, AiReplyOutcome.Dropped);
        }

        if (answer is null)
        {
            // The model failed and the knowledge base has nothing: tell the customer and ask for a person, in one append.
            var notice = MessageBody.Create(AiNotices.CannotAnswer(language));
            var told = await writer.ExecuteAsync(id, Actor.Ai, (_, now) => new AnswerCustomer(
                command.CustomerSeq, Guid.CreateVersion7(), notice, HandoffReason.AiFailed, now, AsSystemNotice: true), cancellationToken);
            return told.Decision is Decision.Dropped
                ? Ended(deltas, settings, AiReplyOutcome.Dropped)
                : Ended(deltas, settings, AiReplyOutcome.Failed, "failed");
        }

        var posted = await writer.ExecuteAsync(id, Actor.Ai, (_, now) => new AnswerCustomer(
            command.CustomerSeq, ReplyIdOf(command.ConversationId, command.CustomerSeq), answer.Body, answer.Handoff ? HandoffReason.AiLowConfidence : null, now), cancellationToken);
        switch (posted.Decision)
        {
            case Decision.AlreadyPosted:
                // Another run of this job (a retry that overlapped) posted it first.
                deltas.End("posted");
                return answer.Outcome;
            case Decision.Dropped:
                // An agent took over between the last token and the post.
                return Ended(deltas, settings, AiReplyOutcome.Dropped);
            default:
                AiMetrics.Finished(settings.Provider, Stopwatch.GetElapsedTime(answer.Started));
                return Ended(deltas, settings, answer.Outcome, "posted");
        }
    }

    /// <summary>
    /// The conversation's messages (from its stream: an answer never waits for a projection) and the question, or null
    /// when no answer is due: the AI no longer has the
    /// conversation, the message was answered already, it is not a customer's, or a later message will be answered
    /// together with it.
    /// </summary>
    private async Task<(IReadOnlyList<MessageView> Messages, string Question)?> AskedAsync(AnswerCustomerCommand command, CancellationToken cancellationToken)
    {
        var state = await writer.LoadAsync(new ConversationId(command.ConversationId), cancellationToken);
        if (state.Mode != ConversationMode.Ai ||
            state.ClientMessages.ContainsKey(new ClientMessageKey(SenderKind.Ai, null, AnswerCustomer.KeyOf(command.CustomerSeq))))
        {
            return null;
        }

        var messages = await reads.StreamMessagesAsync(command.ConversationId, 0, int.MaxValue, cancellationToken);
        return Question.Of(messages, command.CustomerSeq) is { } question ? (messages, question) : null;
    }

    /// <summary>The knowledge base's answer, or the model's with the knowledge base's as the fallback; null when neither has one.</summary>
    private async Task<Answer?> FindAnswerAsync(
        AnswerCustomerCommand command, IReadOnlyList<MessageView> messages, string question, string language, ReplyDeltas deltas,
        CancellationToken cancellationToken)
    {
        var settings = options.Value;
        var passages = await knowledge.SearchAsync(question, settings.MaxPassages, cancellationToken);
        var fromKnowledge = KnowledgeAnswer.Compose(passages, language, settings.MinCoverage);
        var started = Stopwatch.GetTimestamp();
        cancellationToken.ThrowIfCancellationRequested();
        if ((settings.Provider == AiProvider.OpenAI ? models.FirstOrDefault() : null) is not { } model)
        {
            deltas.Text(fromKnowledge.Text);
            return Answer.Of(fromKnowledge.Text, !fromKnowledge.Confident, AiReplyOutcome.Posted, started);
        }

        var (text, handoff, outcome) = await AskModelAsync(model, command, messages, passages, language, fromKnowledge, deltas, started, cancellationToken) ?? default;
        if (text is null)
        {
            return null;
        }

        if (string.IsNullOrWhiteSpace(text))
        {
            // The model only asked for a person (or said nothing): say what happens next.
            text = handoff ? AiNotices.HandingOff(language) : fromKnowledge.Text;
            handoff |= !fromKnowledge.Confident;
            deltas.Text(text);
        }

        return Answer.Of(text, handoff, outcome, started);
    }

    /// <summary>The same customer message always gets the same reply id, so a retried job streams and posts under one id.</summary>
    public static Guid ReplyIdOf(Guid conversationId, long customerSeq)
    {
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes($"ai-reply:{conversationId:N}:{customerSeq}"));
        hash[6] = (byte)((hash[6] & 0x0F) | 0x80);
        hash[8] = (byte)((hash[8] & 0x3F) | 0x80);
        return new Guid(hash.AsSpan(0, 16));
    }

    /// <returns>The model's answer, the knowledge base's when the model failed, or null when neither has one.</returns>
    private async Task<(string, bool, AiReplyOutcome)?> AskModelAsync(
        IAiModel model,
        AnswerCustomerCommand command,
        IReadOnlyList<MessageView> messages,
        IReadOnlyList<KnowledgePassage> passages,
        string language,
        KnowledgeAnswer.Answer fromKnowledge,
        ReplyDeltas stream,
        long started,
        CancellationToken cancellationToken)
    {
        var history = messages
            .Where(m => m.Seq <= command.CustomerSeq && m.Sender != SenderKind.System)
            .Select(m => new AiTurn(m.Sender == SenderKind.Customer ? AiRole.Customer : AiRole.Assistant, m.Body))
            .ToArray();
        var prompt = PromptBuilder.Build(options.Value, history, passages.Where(p => p.Coverage > 0).ToArray(), language);
        try
        {
            var (answer, handoff) = await ModelReply.StreamAsync(model, prompt, stream, started, cancellationToken);
            return (answer, handoff, AiReplyOutcome.Posted);
        }
        catch (AiUnavailableException failure)
        {
            AiMetrics.ModelFailed(failure.Reason);
            LogModelFailed(logger, command.ConversationId, failure.Reason, failure.InnerException);
            stream.Reset();
            if (!fromKnowledge.Confident)
            {
                return null;
            }

            stream.Text(fromKnowledge.Text);
            return (fromKnowledge.Text, false, AiReplyOutcome.FellBack);
        }
    }

    private static AiReplyOutcome Ended(ReplyDeltas stream, AiOptions settings, AiReplyOutcome outcome, string end = "dropped")
    {
        stream.End(end);
        AiMetrics.Reply(settings.Provider, outcome);
        return outcome;
    }

    /// <summary>The answer to post: its text (trimmed to a message's length), whether it asks for a person, how it was found and when writing it began.</summary>
    private sealed record Answer(MessageBody Body, bool Handoff, AiReplyOutcome Outcome, long Started)
    {
        public static Answer Of(string text, bool handoff, AiReplyOutcome outcome, long started)
        {
            var trimmed = text.Trim();
            return new(MessageBody.Create(trimmed.Length > MessageBody.MaxLength ? trimmed[..MessageBody.MaxLength] : trimmed), handoff, outcome, started);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "The AI model failed to answer in conversation {ConversationId}: {Reason}")]
    private static partial void LogModelFailed(ILogger logger, Guid conversationId, string reason, Exception? exception);
}
