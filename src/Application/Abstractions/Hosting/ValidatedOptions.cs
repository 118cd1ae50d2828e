using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace ChatClean.Application.Abstractions.Hosting;

/// <summary>
/// Configuration that is checked before the service starts (ADR 21, docs/configuration.md): a value that does not
/// convert, or breaks a rule of its options class, stops the start with an <see cref="OptionsValidationException"/>
/// whose failures each name the full key (<c>Conversations:WaitingTimeout: 'banana' is not a valid TimeSpan …</c>),
/// instead of failing later in a background loop.
/// </summary>
public static class ValidatedOptions
{
    /// <summary>
    /// <c>IOptions&lt;T&gt;</c> bound to <paramref name="section"/>, validated when the host starts. A binding error
    /// becomes a validation failure naming its key (the binder alone throws at first use, naming only the first).
    /// </summary>
    public static OptionsBuilder<T> AddValidatedOptions<T>(this IServiceCollection services, IConfiguration configuration, string section)
        where T : class, new()
    {
        var settings = configuration.GetSection(section);
        services.AddSingleton<IValidateOptions<T>>(new SectionValidator<T>(settings));
        return services.AddOptions<T>()
            .Configure(options =>
            {
                try
                {
                    settings.Bind(options);
                }
                catch (InvalidOperationException)
                {
                    // Reported by SectionValidator<T>, every bad key at once; the half-bound options are never handed out.
                }
            })
            .ValidateOnStart();
    }

    /// <summary>
    /// <paramref name="section"/> bound and checked now, for the settings that decide what is registered
    /// (<c>Storage:Provider</c>): throws <see cref="OptionsValidationException"/> naming every bad key.
    /// </summary>
    public static T GetValidated<T>(this IConfiguration configuration, string section)
        where T : class, new()
    {
        var settings = configuration.GetSection(section);
        var failures = ConfigurationCheck.Failures(typeof(T), settings, bound: null);
        var options = new T();
        if (failures.Count == 0)
        {
            settings.Bind(options);
            failures = ConfigurationCheck.Failures(typeof(T), settings, options);
        }

        return failures.Count == 0 ? options : throw new OptionsValidationException(section, typeof(T), failures);
    }

    /// <summary>
    /// The single setting <paramref name="key"/>, or <paramref name="fallback"/> when it is not set; a value that does
    /// not convert to <typeparamref name="T"/> or breaks one of <paramref name="rules"/> throws, naming the key.
    /// </summary>
    public static T Optional<T>(this IConfiguration configuration, string key, T fallback, params ValidationAttribute[] rules)
    {
        var setting = configuration.GetSection(key);
        if (ConfigurationCheck.ConversionFailure(typeof(T), setting, out var value) is { } failure)
        {
            throw Invalid(key, typeof(T), failure);
        }

        if (setting.Value is null || value is null)
        {
            return fallback;
        }

        var broken = rules.Where(rule => !rule.IsValid(value)).Select(rule => $"{key}: {rule.FormatErrorMessage(ConfigurationCheck.Quoted(setting, value))}").ToArray();
        return broken.Length == 0 ? (T)value : throw new OptionsValidationException(key, typeof(T), broken);
    }

    /// <summary>A connection string parsed now, so that a malformed one (an unknown keyword) stops the start naming its key.</summary>
    public static T ConnectionString<T>(string key, string value, Func<string, T> parse)
    {
        try
        {
            return parse(value);
        }
        catch (Exception exception) when (exception is ArgumentException or FormatException)
        {
            // The parsers name the keyword at fault, never the value of another (a password).
            throw Invalid(key, typeof(T), $"is not a valid connection string: {exception.Message}");
        }
    }

    /// <summary>A configuration error found outside the options classes (a missing connection string), in the same form.</summary>
    public static OptionsValidationException Invalid(string key, Type type, string failure) =>
        new(key, type, [failure.StartsWith(key + ":", StringComparison.Ordinal) ? failure : $"{key}: {failure}"]);

    private sealed class SectionValidator<T>(IConfigurationSection section) : IValidateOptions<T>
        where T : class
    {
        public ValidateOptionsResult Validate(string? name, T options)
        {
            if (name != Options.DefaultName)
            {
                return ValidateOptionsResult.Skip;
            }

            var failures = ConfigurationCheck.Failures(typeof(T), section, options);
            return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
        }
    }
}
