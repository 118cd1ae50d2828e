using System.Collections.Frozen;
using System.Text.Json;

namespace ChatClean.Infrastructure.ReadModels;

/// <summary>The snake_case names enums have in read-model columns, the same as in JSON (<c>customer_asked</c>, <c>waiting</c>).</summary>
public static class WireNames
{
    public static string Of<TEnum>(TEnum value)
        where TEnum : struct, Enum => Cache<TEnum>.Names[value];

    public static TEnum Parse<TEnum>(string name)
        where TEnum : struct, Enum =>
        Cache<TEnum>.Values.TryGetValue(name, out var value) ? value : throw new FormatException($"'{name}' is not a {typeof(TEnum).Name}.");

    private static class Cache<TEnum>
        where TEnum : struct, Enum
    {
        internal static readonly FrozenDictionary<TEnum, string> Names =
            Enum.GetValues<TEnum>().ToFrozenDictionary(v => v, v => JsonNamingPolicy.SnakeCaseLower.ConvertName(v.ToString()));

        internal static readonly FrozenDictionary<string, TEnum> Values =
            Names.ToFrozenDictionary(pair => pair.Value, pair => pair.Key, StringComparer.Ordinal);
    }
}
