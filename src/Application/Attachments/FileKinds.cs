using System.Text;

namespace ChatClean.Application.Attachments;

/// <summary>
/// What a file is, from its first bytes, never from its name or the type its sender declared: PNG, JPEG, GIF, WebP,
/// PDF, and plain UTF-8 text (no control characters but tab and line breaks). Anything else, an executable renamed
/// <c>photo.png</c> included, is unknown.
/// </summary>
public static class FileKinds
{
    public static readonly IReadOnlyList<string> Known = ["image/png", "image/jpeg", "image/gif", "image/webp", "application/pdf", "text/plain"];

    /// <summary>How many first bytes <see cref="Recognise"/> looks at.</summary>
    public const int HeaderBytes = 4096;

    public static string? Recognise(ReadOnlySpan<byte> head)
    {
        if (head.StartsWith((ReadOnlySpan<byte>)[0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]))
        {
            return "image/png";
        }

        if (head.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xD8, 0xFF]))
        {
            return "image/jpeg";
        }

        if (head.StartsWith("GIF87a"u8) || head.StartsWith("GIF89a"u8))
        {
            return "image/gif";
        }

        if (head.Length >= 12 && head.StartsWith("RIFF"u8) && head[8..12].SequenceEqual("WEBP"u8))
        {
            return "image/webp";
        }

        if (head.StartsWith("%PDF-"u8))
        {
            return "application/pdf";
        }

        return IsText(head) ? "text/plain" : null;
    }

    private static bool IsText(ReadOnlySpan<byte> head)
    {
        if (head.IsEmpty)
        {
            return false;
        }

        foreach (var b in head)
        {
            if (b < 0x20 && b is not (0x09 or 0x0A or 0x0D))
            {
                return false;
            }
        }

        // A multi-byte character may be cut at the end of the head: only what comes before it must decode.
        var decoder = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);
        for (var cut = 0; cut < 4 && cut < head.Length; cut++)
        {
            try
            {
                decoder.GetCharCount(head[..^cut]);
                return true;
            }
            catch (DecoderFallbackException)
            {
            }
        }

        return false;
    }
}
