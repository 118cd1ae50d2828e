namespace ChatClean.Application.Ai;

/// <summary>What the AI reply job did with one customer message.</summary>
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

    /// <summary>The model failed and the knowledge base had nothing: the customer was told and a human requested (reason ai_failed), in one append.</summary>
    Failed,
}
