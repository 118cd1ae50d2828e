using ChatClean.Domain.Common;

namespace ChatClean.Domain.Conversations;

/// <summary>A customer-satisfaction score from 1 (poor) to 5 (excellent).</summary>
public readonly record struct CsatRating
{
    public const int Min = 1;
    public const int Max = 5;

    private CsatRating(int value) => Value = value;

    public int Value { get; }

    public static CsatRating Create(int value) =>
        value is >= Min and <= Max
            ? new CsatRating(value)
            : throw new DomainException("feedback.rating_invalid", $"A rating is a whole number from {Min} to {Max}.", DomainErrorKind.InvalidValue);
}
