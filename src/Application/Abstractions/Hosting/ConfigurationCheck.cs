using System.Collections;
using System.ComponentModel;
using System.ComponentModel.DataAnnotations;
using System.Globalization;
using System.Reflection;
using Microsoft.Extensions.Configuration;

namespace ChatClean.Application.Abstractions.Hosting;

/// <summary>
/// What is wrong with a configuration section, each failure naming its full key: first the values the binder cannot
/// convert (walking the options type as the binder does), then, once everything converts, the rules
/// (<see cref="ValidationAttribute"/>s on the properties, <see cref="IValidatableObject"/>) of the bound object.
/// </summary>
internal static class ConfigurationCheck
{
    public static List<string> Failures(Type type, IConfigurationSection section, object? bound)
    {
        var failures = new List<string>();
        CheckConversions(type, section, failures);
        if (failures.Count == 0)
        {
            // Whatever the walk above does not know the binder still refuses: its own message names the key too.
            try
            {
                section.Bind(Activator.CreateInstance(type)!);
            }
            catch (InvalidOperationException exception)
            {
                failures.Add($"{section.Path}: {exception.Message}");
            }
        }

        if (failures.Count == 0 && bound is not null)
        {
            CheckRules(bound, section, failures);
        }

        return failures;
    }

    /// <summary>The failure of one configured value, or none when it converts to <paramref name="type"/> (or is empty for a nullable).</summary>
    public static string? ConversionFailure(Type type, IConfigurationSection section, out object? value)
    {
        value = null;
        var target = Nullable.GetUnderlyingType(type) ?? type;
        if (section.Value is not { } raw || (raw.Length == 0 && target != type))
        {
            return null;
        }

        try
        {
            value = target == typeof(string) ? raw : TypeDescriptor.GetConverter(target).ConvertFromInvariantString(raw);
            if (!target.IsEnum || target.IsDefined(typeof(FlagsAttribute)) || Enum.IsDefined(target, value!))
            {
                return null;
            }
        }
        catch (Exception exception) when (exception is FormatException or ArgumentException or OverflowException or NotSupportedException)
        {
        }

        return $"{section.Path}: '{raw}' is not {Expected(target)}";
    }

    public static string Quoted(IConfigurationSection section, object? value) =>
        $"'{section.Value ?? (value as IFormattable)?.ToString(null, CultureInfo.InvariantCulture) ?? value?.ToString()}'";

    private static string Expected(Type type) => type switch
    {
        _ when type == typeof(TimeSpan) => "a valid TimeSpan (hh:mm:ss, or d.hh:mm:ss with days)",
        _ when type == typeof(bool) => "true or false",
        _ when type == typeof(int) || type == typeof(long) || type == typeof(short) => $"a whole number (a valid {type.Name})",
        _ when type == typeof(double) || type == typeof(decimal) || type == typeof(float) => "a number ('.' as the decimal point)",
        { IsEnum: true } => $"one of {string.Join(", ", Enum.GetNames(type))}",
        _ => $"a valid {type.Name}",
    };

    private static bool IsScalar(Type type) =>
        type == typeof(string) || TypeDescriptor.GetConverter(type).CanConvertFrom(typeof(string));

    private static void CheckConversions(Type type, IConfigurationSection section, List<string> failures)
    {
        var target = Nullable.GetUnderlyingType(type) ?? type;
        if (IsScalar(target))
        {
            if (ConversionFailure(target, section, out _) is { } failure)
            {
                failures.Add(failure);
            }

            return;
        }

        if (EntryType(target) is { } entry)
        {
            foreach (var child in section.GetChildren())
            {
                CheckConversions(entry, child, failures);
            }

            return;
        }

        foreach (var property in Settings(target))
        {
            var child = section.GetSection(property.Name);
            if (child.Value is not null || child.GetChildren().Any())
            {
                CheckConversions(property.PropertyType, child, failures);
            }
        }
    }

    private static void CheckRules(object options, IConfigurationSection section, List<string> failures)
    {
        foreach (var property in Settings(options.GetType()))
        {
            var child = section.GetSection(property.Name);
            var value = property.GetValue(options);
            var rules = property.GetCustomAttributes<ValidationAttribute>().ToArray();
            foreach (var (entrySection, entry) in Entries(value, child, applyToEntries: rules.Length > 0))
            {
                failures.AddRange(rules.Where(rule => !rule.IsValid(entry)).Select(rule => $"{entrySection.Path}: {rule.FormatErrorMessage(Quoted(entrySection, entry))}"));
            }

            if (value is not null && !IsScalar(property.PropertyType) && EntryType(property.PropertyType) is null)
            {
                CheckRules(value, child, failures);
            }
        }

        if (options is IValidatableObject validatable)
        {
            foreach (var result in validatable.Validate(new ValidationContext(options)))
            {
                var members = result.MemberNames.Cast<string?>().DefaultIfEmpty();
                failures.AddRange(members.Select(member => $"{(member is null ? section.Path : section.GetSection(member).Path)}: {result.ErrorMessage}"));
            }
        }
    }

    /// <summary>The value itself, or with <paramref name="applyToEntries"/> each entry of a dictionary or a list, with its section.</summary>
    private static IEnumerable<(IConfigurationSection Section, object? Value)> Entries(object? value, IConfigurationSection section, bool applyToEntries)
    {
        switch (value)
        {
            case IDictionary dictionary when applyToEntries:
                foreach (DictionaryEntry pair in dictionary)
                {
                    yield return (section.GetSection(Convert.ToString(pair.Key, CultureInfo.InvariantCulture)!), pair.Value);
                }

                break;
            case IEnumerable list and not string when applyToEntries:
                var index = 0;
                foreach (var item in list)
                {
                    yield return (section.GetSection((index++).ToString(CultureInfo.InvariantCulture)), item);
                }

                break;
            default:
                yield return (section, value);
                break;
        }
    }

    private static IEnumerable<PropertyInfo> Settings(Type type) =>
        type.GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(p => p.GetMethod is not null && p.GetIndexParameters().Length == 0);

    /// <summary>The value type of a dictionary, or the item type of an array or list; none for anything else.</summary>
    private static Type? EntryType(Type type)
    {
        if (type.IsArray)
        {
            return type.GetElementType();
        }

        var generic = type.IsGenericType && type.GetGenericTypeDefinition() == typeof(IDictionary<,>)
            ? type
            : type.GetInterfaces().FirstOrDefault(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IDictionary<,>));
        if (generic is not null)
        {
            return generic.GetGenericArguments()[1];
        }

        return type.GetInterfaces().Append(type).FirstOrDefault(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IEnumerable<>))?.GetGenericArguments()[0];
    }
}
