namespace ChatClean.Plugins;

/// <summary>
/// A plugin's own settings: the service's configuration section <c>Plugins:&lt;Name&gt;</c>, flattened
/// (<c>Mode</c>, <c>Words:0</c>, <c>Words:1</c>, …). Handed to a plugin whose constructor asks for it.
/// </summary>
public sealed class PluginSettings(IReadOnlyDictionary<string, string?> values)
{
    public static PluginSettings Empty { get; } = new(new Dictionary<string, string?>());

    /// <summary>The value at <paramref name="key"/> (relative to the plugin's section), or null.</summary>
    public string? this[string key] => values.TryGetValue(key, out var value) ? value : null;

    /// <summary>The values of a list (<c>Words:0</c>, <c>Words:1</c>, …), in index order.</summary>
    public IReadOnlyList<string> List(string key) =>
        values.Where(v => v.Value is not null && v.Key.StartsWith(key + ":", StringComparison.OrdinalIgnoreCase) && int.TryParse(v.Key.AsSpan(key.Length + 1), out _))
            .OrderBy(v => int.Parse(v.Key.AsSpan(key.Length + 1), System.Globalization.CultureInfo.InvariantCulture))
            .Select(v => v.Value!)
            .ToArray();
}
