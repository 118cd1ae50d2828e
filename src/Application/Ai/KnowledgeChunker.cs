using System.Text;

namespace ChatClean.Application.Ai;

/// <summary>
/// Splits a document into passages of at most <see cref="MaxChars"/> characters along its structure: Markdown
/// headings and blank lines first, then sentence ends (。！？.!?), then hard cuts. Each passage keeps the heading
/// it sits under, so a passage read alone still says what it is about.
/// </summary>
public static class KnowledgeChunker
{
    public const int MaxChars = 600;

    private static readonly char[] SentenceEnds = ['。', '！', '？', '!', '?', '.', '；', ';', '\n'];

    public static IReadOnlyList<string> Split(string content, int maxChars = MaxChars)
    {
        var chunks = new List<string>();
        var current = new StringBuilder();
        string? heading = null;

        void Flush()
        {
            var text = current.ToString().Trim();
            if (text.Length > 0)
            {
                chunks.Add(text);
            }

            current.Clear();
        }

        foreach (var block in Blocks(content))
        {
            if (block.StartsWith('#'))
            {
                Flush();
                heading = block.TrimStart('#').Trim();
                current.Append(heading).Append('\n');
                continue;
            }

            foreach (var piece in Pieces(block, maxChars - (heading?.Length ?? 0) - 1))
            {
                if (current.Length > 0 && current.Length + piece.Length + 1 > maxChars)
                {
                    Flush();
                    if (heading is not null)
                    {
                        current.Append(heading).Append('\n');
                    }
                }

                current.Append(piece).Append('\n');
            }
        }

        Flush();
        return chunks;
    }

    /// <summary>Paragraphs (blank-line separated) and heading lines.</summary>
    private static IEnumerable<string> Blocks(string content)
    {
        var paragraph = new StringBuilder();
        foreach (var raw in content.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n'))
        {
            var line = raw.TrimEnd();
            if (line.TrimStart().StartsWith('#') || line.Length == 0)
            {
                if (paragraph.Length > 0)
                {
                    yield return paragraph.ToString().Trim();
                    paragraph.Clear();
                }

                if (line.Length > 0)
                {
                    yield return line.Trim();
                }

                continue;
            }

            paragraph.Append(line).Append('\n');
        }

        if (paragraph.Length > 0)
        {
            yield return paragraph.ToString().Trim();
        }
    }

    /// <summary>A block cut into pieces that fit: at sentence ends where possible.</summary>
    private static IEnumerable<string> Pieces(string block, int maxChars)
    {
        maxChars = Math.Max(maxChars, 100);
        var rest = block;
        while (rest.Length > maxChars)
        {
            var cut = rest.LastIndexOfAny(SentenceEnds, maxChars - 1);
            cut = cut < maxChars / 3 ? maxChars : cut + 1;
            yield return rest[..cut].Trim();
            rest = rest[cut..];
        }

        if (rest.Trim().Length > 0)
        {
            yield return rest.Trim();
        }
    }
}
