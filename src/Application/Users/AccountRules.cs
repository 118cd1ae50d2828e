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

    /// <summary>At most 100 characters, and not looking like an encrypted value (<c>enc:</c>…), which storage reserves.</summary>
    public static IRuleBuilderOptions<T, string?> ValidDisplayName<T>(this IRuleBuilder<T, string?> rule) =>
        rule.MaximumLength(MaxDisplayNameLength)
            .Must(n => n is null || !n.StartsWith("enc:", StringComparison.OrdinalIgnoreCase))
            .WithMessage("A display name may not start with 'enc:'.");

    public const int MaxEmailLength = 254;
    public const int MaxPhoneLength = 32;

    /// <summary>Optional; one '@' with text on both sides and no spaces.</summary>
    public static IRuleBuilderOptions<T, string?> ValidEmail<T>(this IRuleBuilder<T, string?> rule) =>
        rule.MaximumLength(MaxEmailLength)
            .Must(e => e is null || System.Text.Encoding.UTF8.GetByteCount(e) <= MaxEmailLength * 2)
            .WithMessage($"An email address has at most {MaxEmailLength * 2} bytes.")
            .Must(e => e is null || System.Text.RegularExpressions.Regex.IsMatch(e, @"^[^@\s]+@[^@\s]+$", System.Text.RegularExpressions.RegexOptions.None, TimeSpan.FromSeconds(1)))
            .WithErrorCode("user.email_invalid").WithMessage("An email address looks like name@example.com.");

    /// <summary>Optional; digits with an optional leading '+', spaces, dashes and parentheses.</summary>
    public static IRuleBuilderOptions<T, string?> ValidPhone<T>(this IRuleBuilder<T, string?> rule) =>
        rule.MaximumLength(MaxPhoneLength)
            .Must(p => p is null || System.Text.RegularExpressions.Regex.IsMatch(p, @"^\+?[0-9 ()\-]{4,}$", System.Text.RegularExpressions.RegexOptions.None, TimeSpan.FromSeconds(1)))
            .WithErrorCode("user.phone_invalid").WithMessage("A phone number has digits, with an optional leading '+'.");
}
