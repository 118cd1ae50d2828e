namespace ChatClean.Application.Attachments;

/// <summary>Section <c>Attachments</c>: how large a file may be and which kinds are accepted.</summary>
public sealed class AttachmentOptions
{
    public const string SectionName = "Attachments";

    /// <summary>The largest file accepted, in bytes (key <c>Attachments:MaxBytes</c>).</summary>
    [Positive]
    public long MaxBytes { get; set; } = 10 * 1024 * 1024;

    /// <summary>Where the local disk storage keeps the files (key <c>Attachments:Folder</c>); by default <c>attachments</c> in the data folder. Shared by every node.</summary>
    public string? Folder { get; set; }

    /// <summary>The content types accepted, as recognised from the file's first bytes (key <c>Attachments:AllowedTypes:&lt;n&gt;</c>).</summary>
    public List<string> AllowedTypes { get; set; } = [.. FileKinds.Known];
}
