using System.ComponentModel.DataAnnotations;
using System.Globalization;

namespace ChatClean.Application.Common;

// Rules on configuration settings (options classes), checked at start-up by Abstractions.Hosting.ValidatedOptions,
// which names the full key of a setting that breaks one (docs/configuration.md). On a dictionary or a list, a rule
// applies to every entry. Messages get the configured value, quoted, as {0}.

/// <summary>A number or a <see cref="TimeSpan"/> greater than zero.</summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class PositiveAttribute() : ValidationAttribute("{0} must be greater than zero")
{
    public override bool IsValid(object? value) => value is null || SettingSign.Of(value) > 0;
}

/// <summary>A number or a <see cref="TimeSpan"/> of zero or more.</summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class NotNegativeAttribute() : ValidationAttribute("{0} must not be negative")
{
    public override bool IsValid(object? value) => value is null || SettingSign.Of(value) >= 0;
}

/// <summary>A number within <c>[minimum, maximum]</c>.</summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class BetweenAttribute : RangeAttribute
{
    public BetweenAttribute(double minimum, double maximum)
        : base(minimum, maximum) => ErrorMessage = "{0} must be between {1} and {2}";
}

/// <summary>A text that is not empty or blank.</summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class NotEmptyAttribute() : ValidationAttribute("must not be empty")
{
    public override bool IsValid(object? value) => value is string text && !string.IsNullOrWhiteSpace(text);
}

/// <summary>An absolute <c>http</c> or <c>https</c> address (empty is allowed: the setting is then off).</summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class HttpUrlAttribute() : ValidationAttribute("{0} is not an absolute http(s) address")
{
    public override bool IsValid(object? value) =>
        value is null or "" || (value is string text && Uri.TryCreate(text, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https");
}

internal static class SettingSign
{
    public static int Of(object value) => value switch
    {
        TimeSpan span => span.Ticks.CompareTo(0),
        double number => double.IsNaN(number) ? -1 : number.CompareTo(0.0),
        IConvertible number => number.ToDecimal(CultureInfo.InvariantCulture).CompareTo(0m),
        _ => throw new InvalidOperationException($"A sign rule does not apply to {value.GetType().Name}."),
    };
}
