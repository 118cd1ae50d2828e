using ChatClean.Domain.Common;

namespace ChatClean.Domain.Conversations;

/// <summary>The text of a message: not blank, at most <see cref="MaxLength"/> characters, stored verbatim.</summary>
public sealed record MessageBody
{
    public const int MaxLength = 4000;

    private MessageBody(string value) => Value = value;

    public string Value { get; }

    public static MessageBody Create(string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            throw new DomainException("message.body_empty", "A message needs a body.", DomainErrorKind.InvalidValue);
        }

        if (value.Length > MaxLength)
        {
            throw new DomainException(
                "message.body_too_long",
                $"A message body has at most {MaxLength} characters.",
                DomainErrorKind.InvalidValue);
        }

        return new MessageBody(value);
    }

    public override string ToString() => Value;
}
