using ChatClean.Domain.Users;
using FluentValidation;

namespace ChatClean.Application.Users;

/// <summary>The field rules every way of creating an account shares.</summary>
public static class AccountRules
{
    public const int MinPasswordLength = 8;

    /// <summary>bcrypt reads at most 72 bytes; a longer password would be silently cut.</summary>
    public const int MaxPasswordBytes = 72;

    public const int MaxDisplayNameLength = 100;

    public static IRuleBuilderOptions<T, string?> ValidUsername<T>(this IRuleBuilder<T, string?> rule) =>
        rule.NotEmpty().Must(Username.IsValid)
            .WithErrorCode("user.username_invalid")
            .WithMessage($"A username has {Username.MinLength}–{Username.MaxLength} characters: letters, digits, '.', '_', '-' or '@'.");

    public static IRuleBuilderOptions<T, string?> ValidPassword<T>(this IRuleBuilder<T, string?> rule) =>
        rule.NotEmpty().MinimumLength(MinPasswordLength)
            .Must(p => p is null || System.Text.Encoding.UTF8.GetByteCount(p) <= MaxPasswordBytes)
            .WithMessage($"A password has at most {MaxPasswordBytes} bytes.");

    public static IRuleBuilderOptions<T, string?> ValidDisplayName<T>(this IRuleBuilder<T, string?> rule) =>
        rule.MaximumLength(MaxDisplayNameLength);
}
