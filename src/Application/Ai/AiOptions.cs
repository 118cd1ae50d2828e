using System.ComponentModel.DataAnnotations;

namespace ChatClean.Application.Ai;

public enum AiProvider
{
    /// <summary>The built-in responder: answers with the best knowledge-base passages and their sources (offline).</summary>
    KnowledgeBase,

    /// <summary>Any OpenAI-compatible chat endpoint (OpenAI, DashScope compatible mode, vLLM, Ollama), retrieval-augmented.</summary>
    OpenAI,
}

/// <summary>The <c>Ai</c> configuration section.</summary>
public sealed class AiOptions : IValidatableObject
{
    public const string SectionName = "Ai";

    public AiProvider Provider { get; set; } = AiProvider.KnowledgeBase;

    /// <summary>Set to false to have no AI replies at all (customer messages then wait for a human request).</summary>
    public bool Enabled { get; set; } = true;

    public string SystemPrompt { get; set; } =
        "You are the customer-service assistant of this company. Answer briefly and politely, using the knowledge-base " +
        "passages below when they are relevant and naming their titles as sources. Never invent policies, prices or " +
        "order details. If you cannot help, or the customer wants a person, call the request_human tool (or write " +
        "[[HUMAN]]).";

    /// <summary>The conversation history sent to the model is trimmed (oldest first) to about this many tokens.</summary>
    [Positive]
    public int HistoryTokenBudget { get; set; } = 2000;

    /// <summary>How many passages are retrieved for a question.</summary>
    [Positive]
    public int MaxPassages { get; set; } = 3;

    /// <summary>A passage is relevant when at least this share of the question's distinct terms occur in it.</summary>
    [Between(0, 1)]
    public double MinCoverage { get; set; } = 0.5;

    public OpenAiOptions OpenAI { get; set; } = new();

    /// <summary>The OpenAI provider needs its endpoint and model (found missing only at the first reply otherwise).</summary>
    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (Provider != AiProvider.OpenAI || !Enabled)
        {
            yield break;
        }

        if (string.IsNullOrWhiteSpace(OpenAI.BaseUrl))
        {
            yield return new ValidationResult("must be set when Ai:Provider is OpenAI", ["OpenAI:BaseUrl"]);
        }

        if (string.IsNullOrWhiteSpace(OpenAI.Model))
        {
            yield return new ValidationResult("must be set when Ai:Provider is OpenAI", ["OpenAI:Model"]);
        }
    }
}

/// <summary>The <c>Ai:OpenAI</c> section: the endpoint and how hard to try it.</summary>
public sealed class OpenAiOptions
{
    /// <summary>e.g. <c>https://api.openai.com/v1</c>, <c>https://dashscope.aliyuncs.com/compatible-mode/v1</c>, <c>http://localhost:11434/v1</c>.</summary>
    [HttpUrl]
    public string? BaseUrl { get; set; }

    public string? Model { get; set; }

    public string? ApiKey { get; set; }

    /// <summary>The longest wait for the first token of an answer.</summary>
    [Positive]
    public TimeSpan FirstTokenTimeout { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>The longest a whole answer may take.</summary>
    [Positive]
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>Retries of a call that failed before its first token (5xx, 429, connection errors, first-token timeout).</summary>
    [NotNegative]
    public int MaxRetries { get; set; } = 2;

    [NotNegative]
    public TimeSpan RetryDelay { get; set; } = TimeSpan.FromMilliseconds(500);

    /// <summary>After this many failed calls in a row the circuit opens: calls fail at once for <see cref="BreakDuration"/>.</summary>
    [Positive]
    public int FailuresBeforeBreak { get; set; } = 3;

    [Positive]
    public TimeSpan BreakDuration { get; set; } = TimeSpan.FromSeconds(30);
}
