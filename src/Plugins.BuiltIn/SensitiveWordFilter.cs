using System.Text.RegularExpressions;

namespace ChatClean.Plugins.BuiltIn;

/// <summary>
/// Masks or rejects messages holding words from a configured list, Chinese and English alike (settings
/// <c>Plugins:SensitiveWordFilter:Words:0…</c>, <c>Mode</c> = <c>mask</c> (default) or <c>reject</c>). Latin words match
/// whole words, any case (<c>ass</c> is not found in <c>class</c>); words in scripts written without spaces (Chinese)
/// match anywhere. A masked word becomes as many <c>*</c> as it has characters.
/// </summary>
public sealed class SensitiveWordFilter : IMessageFilter
{
    public const string PluginName = nameof(SensitiveWordFilter);

    private readonly Regex? _words;
    private readonly bool _reject;

    public SensitiveWordFilter(PluginSettings settings)
    {
        var words = settings.List("Words").Select(w => w.Trim()).Where(w => w.Length > 0).Distinct(StringComparer.OrdinalIgnoreCase).ToArray();
        _reject = (settings["Mode"] ?? "mask").ToLowerInvariant() switch
        {
            "mask" => false,
            "reject" => true,
            var other => throw new ArgumentException($"Plugins:{PluginName}:Mode: '{other}' is not mask or reject."),
        };

        // Longest first, so that a longer word wins over a word it contains.
        _words = words.Length == 0 ? null : new Regex(
            string.Join('|', words.OrderByDescending(w => w.Length).Select(Pattern)),
            RegexOptions.IgnoreCase | RegexOptions.CultureInvariant,
            TimeSpan.FromMilliseconds(100));
    }

    public string Name => PluginName;

    public ValueTask<MessageVerdict> BeforeStoreAsync(MessageDraft message, CancellationToken cancellationToken)
    {
        if (_words is null || !_words.IsMatch(message.Text))
        {
            return ValueTask.FromResult(MessageVerdict.Accept);
        }

        return ValueTask.FromResult(_reject
            ? MessageVerdict.Reject("The message contains words that are not allowed here.")
            : MessageVerdict.Rewrite(_words.Replace(message.Text, m => new string('*', new System.Globalization.StringInfo(m.Value).LengthInTextElements))));
    }

    /// <summary>A letter or digit of a script written with spaces (a Chinese character next to a word is no part of it).</summary>
    private const string Latin = @"[0-9A-Za-z\u00C0-\u024F\u0370-\u03FF\u0400-\u04FF]";

    /// <summary>A word of letters and digits in a spaced script matches as a whole word; anything else matches as written.</summary>
    private static string Pattern(string word) =>
        word.All(c => c < 0x3000) && char.IsLetterOrDigit(word[0]) && char.IsLetterOrDigit(word[^1])
            ? $@"(?<!{Latin}){Regex.Escape(word)}(?!{Latin})"
            : Regex.Escape(word);
}
