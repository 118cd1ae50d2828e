namespace ChatClean.Domain.Common;

/// <summary>What kind of rule a <see cref="DomainException"/> enforces; the API maps it to a status code.</summary>
public enum DomainErrorKind
{
    /// <summary>A value broke its own rules (empty body, rating out of range).</summary>
    InvalidValue,

    /// <summary>The requested change is not allowed in the current state.</summary>
    IllegalTransition,

    /// <summary>The actor may not make this change on this conversation.</summary>
    NotAllowed,
}

/// <summary>A broken domain rule, carrying a stable machine-readable code such as <c>conversation.closed</c>.</summary>
public sealed class DomainException(string code, string message, DomainErrorKind kind) : Exception(message)
{
    public string Code { get; } = code;

    public DomainErrorKind Kind { get; } = kind;
}
