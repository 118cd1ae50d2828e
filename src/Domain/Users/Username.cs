using ChatClean.Domain.Common;

namespace ChatClean.Domain.Users;

/// <summary>A login name: 3–64 characters of letters, digits, '.', '_', '-' and '@', compared case-insensitively.</summary>
public sealed record Username
{
    public const int MinLength = 3;
    public const int MaxLength = 64;

    private Username(string value) => Value = value;

    public string Value { get; }

    public static Username Create(string? value)
    {
        var normalized = value?.Trim().ToLowerInvariant() ?? string.Empty;
        if (normalized.Length is < MinLength or > MaxLength || !normalized.All(IsAllowed))
        {
            throw new DomainException(
                "user.username_invalid",
                $"A username has {MinLength}–{MaxLength} characters: letters, digits, '.', '_', '-' or '@'.",
                DomainErrorKind.InvalidValue);
        }

        return new Username(normalized);
    }

    public static bool IsValid(string? value)
    {
        var normalized = value?.Trim() ?? string.Empty;
        return normalized.Length is >= MinLength and <= MaxLength && normalized.All(IsAllowed);
    }

    public override string ToString() => Value;

    private static bool IsAllowed(char c) => char.IsAsciiLetterOrDigit(c) || c is '.' or '_' or '-' or '@';
}
