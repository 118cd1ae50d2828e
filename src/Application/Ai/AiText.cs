namespace ChatClean.Application.Ai;

/// <summary>Plain-text rules the AI pipeline needs: language, token estimates, handoff phrases.</summary>
public static class AiTextRules
{
    private static readonly string[] HumanPhrases =
    [
        "转人工", "人工客服", "人工服务", "找人工", "真人客服", "接人工", "轉人工",
        "talk to a human", "speak to a human", "talk to a person", "speak to a person", "real person", "human agent",
        "talk to an agent", "speak to an agent", "live agent", "customer service representative", "a human please",
    ];

    /// <summary>The customer's language: <c>zh</c> when the text is mostly Chinese characters, else <c>en</c>.</summary>
    public static string LanguageOf(string text)
    {
        int cjk = 0, letters = 0;
        foreach (var c in text)
        {
            if (IsCjk(c))
            {
                cjk++;
            }
            else if (char.IsLetter(c))
            {
                letters++;
            }
        }

        // A Chinese character carries about as much as a short English word.
        return cjk > 0 && cjk * 3 >= letters ? "zh" : "en";
    }

    /// <summary>A rough token count: one per Chinese character, one per four other characters.</summary>
    public static int TokensOf(string text)
    {
        int cjk = 0, other = 0;
        foreach (var c in text)
        {
            if (IsCjk(c))
            {
                cjk++;
            }
            else
            {
                other++;
            }
        }

        return cjk + ((other + 3) / 4);
    }

    /// <summary>Whether the customer asks for a person ("转人工", "人工客服", "talk to a human", …).</summary>
    public static bool AsksForHuman(string text)
    {
        var normalized = string.Join(' ', text.ToLowerInvariant().Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
        return HumanPhrases.Any(p => normalized.Contains(p, StringComparison.Ordinal));
    }

    public static bool IsCjk(char c) => c is >= '\u4E00' and <= '\u9FFF' or >= '\u3400' and <= '\u4DBF' or >= '\uF900' and <= '\uFAFF';
}
