using System.Text;
using ChatClean.Application.Abstractions.Ai;

namespace ChatClean.Application.Ai;

/// <summary>
/// Context management: the system prompt, the retrieved passages with their titles, the language to answer in,
/// and as much of the conversation as fits the token budget (newest kept, oldest dropped; the question always).
/// </summary>
public static class PromptBuilder
{
    public static AiPrompt Build(AiOptions options, IReadOnlyList<AiTurn> history, IReadOnlyList<KnowledgePassage> passages, string language)
    {
        var system = new StringBuilder(options.SystemPrompt.Trim());
        system.Append("\n\nAnswer in ").Append(language == "zh" ? "Chinese (简体中文)" : "English").Append('.');
        if (passages.Count > 0)
        {
            system.Append("\n\nKnowledge-base passages:");
            foreach (var passage in passages)
            {
                system.Append("\n\n[").Append(passage.Title).Append("]\n").Append(passage.Text);
            }
        }
        else
        {
            system.Append("\n\nThe knowledge base has nothing on this question.");
        }

        var kept = new List<AiTurn>();
        var budget = options.HistoryTokenBudget;
        for (var i = history.Count - 1; i >= 0; i--)
        {
            var cost = AiTextRules.TokensOf(history[i].Text);
            if (kept.Count > 0 && cost > budget)
            {
                break;
            }

            kept.Add(history[i]);
            budget -= cost;
        }

        kept.Reverse();
        return new AiPrompt(system.ToString(), kept);
    }
}

/// <summary>
/// The built-in responder's answer: the best passages with their sources, or, when none is relevant enough, a
/// plain "I could not find this" and an offer of a person.
/// </summary>
public static class KnowledgeAnswer
{
    public sealed record Answer(string Text, bool Confident);

    public static Answer Compose(IReadOnlyList<KnowledgePassage> passages, string language, double minCoverage)
    {
        var relevant = passages.Where(p => p.Coverage >= minCoverage).Take(2).ToArray();
        var zh = language == "zh";
        if (relevant.Length == 0)
        {
            return new Answer(
                zh ? "抱歉，我在帮助文档中没有找到相关内容。我已为您转接人工客服，请稍候。"
                   : "Sorry, I could not find this in our help articles. I have asked for a human agent to join you; please wait a moment.",
                false);
        }

        var text = new StringBuilder(zh ? "根据我们的帮助文档：\n\n" : "From our help articles:\n\n");
        foreach (var passage in relevant)
        {
            text.Append(passage.Text.Trim()).Append("\n\n");
        }

        text.Append(zh ? "来源：" : "Sources: ").Append(string.Join(zh ? "、" : ", ", relevant.Select(p => p.Title).Distinct()));
        return new Answer(text.ToString(), true);
    }
}
