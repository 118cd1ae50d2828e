using System.Globalization;
using System.Text;

namespace ChatClean.Infrastructure.ReadModels.Search;

/// <summary>
/// How message text becomes index terms and a query becomes the terms it needs (ADR 17). Full-width Latin letters
/// and digits fold to ASCII and text is lower-cased (the service runs with invariant globalization, without ICU's
/// normalisation); a run of letters and digits is a word; Chinese, Japanese and Korean characters, written without
/// spaces, are indexed as every character and every pair of neighbours, and searched by their pairs (a lone
/// character by itself). Terms are cut at <see cref="MaxLength"/> characters on both sides, so a long word still
/// finds itself.
/// </summary>
public static class SearchTerms
{
    public const int MaxLength = 64;

    /// <summary>The distinct terms a message body is indexed under.</summary>
    public static HashSet<string> OfText(string text)
    {
        var terms = new HashSet<string>(StringComparer.Ordinal);
        Split(text, terms.Add, (run, add) =>
        {
            for (var i = 0; i < run.Length; i++)
            {
                add(run.Substring(i, 1));
                if (i + 1 < run.Length)
                {
                    add(run.Substring(i, 2));
                }
            }
        });
        return terms;
    }

    /// <summary>The distinct terms a conversation must hold to match <paramref name="query"/>; empty when it has no word.</summary>
    public static HashSet<string> OfQuery(string query)
    {
        var terms = new HashSet<string>(StringComparer.Ordinal);
        Split(query, terms.Add, (run, add) =>
        {
            if (run.Length == 1)
            {
                add(run);
            }

            for (var i = 0; i + 1 < run.Length; i++)
            {
                add(run.Substring(i, 2));
            }
        });
        return terms;
    }

    private static void Split(string text, Func<string, bool> add, Action<string, Func<string, bool>> addCjkRun)
    {
        var normalised = FoldFullWidth(text).ToLowerInvariant();
        var word = new StringBuilder();
        var cjk = new StringBuilder();

        void Flush()
        {
            if (word.Length > 0)
            {
                add(word.Length > MaxLength ? word.ToString(0, MaxLength) : word.ToString());
                word.Clear();
            }

            if (cjk.Length > 0)
            {
                addCjkRun(cjk.ToString(), add);
                cjk.Clear();
            }
        }

        foreach (var c in normalised)
        {
            if (IsCjk(c))
            {
                if (word.Length > 0)
                {
                    Flush();
                }

                cjk.Append(c);
            }
            else if (char.IsLetterOrDigit(c) || CharUnicodeInfo.GetUnicodeCategory(c) is UnicodeCategory.NonSpacingMark or UnicodeCategory.SpacingCombiningMark)
            {
                if (cjk.Length > 0)
                {
                    Flush();
                }

                word.Append(c);
            }
            else
            {
                // Punctuation, spaces, symbols, and characters beyond the basic plane (emoji, rare CJK extensions).
                Flush();
            }
        }

        Flush();
    }

    private static string FoldFullWidth(string text)
    {
        if (!text.Any(c => c is >= '\uff01' and <= '\uff5e'))
        {
            return text;
        }

        return string.Create(text.Length, text, (span, source) =>
        {
            for (var i = 0; i < source.Length; i++)
            {
                span[i] = source[i] is >= '\uff01' and <= '\uff5e' ? (char)(source[i] - 0xfee0) : source[i];
            }
        });
    }

    public static bool IsCjk(char c) =>
        c is (>= '\u3040' and <= '\u30ff') or (>= '\u3400' and <= '\u4dbf') or (>= '\u4e00' and <= '\u9fff') or (>= '\uac00' and <= '\ud7af') or (>= '\uf900' and <= '\ufaff');
}
