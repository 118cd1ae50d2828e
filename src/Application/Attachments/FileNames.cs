namespace ChatClean.Application.Attachments;

/// <summary>The name a download is offered under: the last path segment, without control characters, at most 200 characters, with the recognised kind's extension when it has none.</summary>
public static class FileNames
{
    public static string Clean(string? name, string contentType)
    {
        var plain = Path.GetFileName((name ?? "").Replace('\\', '/'));
        plain = new string(plain.Where(c => !char.IsControl(c) && c is not ('"' or '/' or '\\')).ToArray()).Trim();
        if (plain.Length > 200)
        {
            plain = plain[^200..];
        }

        if (plain.Length == 0 || plain.StartsWith('.'))
        {
            plain = "attachment" + plain;
        }

        return Path.HasExtension(plain) ? plain : plain + Extension(contentType);
    }

    private static string Extension(string contentType) => contentType switch
    {
        "image/png" => ".png",
        "image/jpeg" => ".jpg",
        "image/gif" => ".gif",
        "image/webp" => ".webp",
        "application/pdf" => ".pdf",
        _ => ".txt",
    };
}
