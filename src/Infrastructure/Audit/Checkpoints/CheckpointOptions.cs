using ChatClean.Application.Common;

namespace ChatClean.Infrastructure.Audit.Checkpoints;

/// <summary>
/// Configuration section <c>Audit:Checkpoints</c>: signed checkpoints of the log (docs/audit.md). The service signs
/// when it has a signing key; a verifier needs only the public keys.
/// </summary>
public sealed class CheckpointOptions
{
    public const string SectionName = "Audit:Checkpoints";

    /// <summary>The private key (ECDSA P-256, PKCS#8 or SEC1 PEM) the service signs with; none: no checkpoints are written.</summary>
    public string? SigningKey { get; set; }

    /// <summary>A file holding <see cref="SigningKey"/> instead (relative to <c>Storage:DataDirectory</c>).</summary>
    public string? SigningKeyFile { get; set; }

    /// <summary>The name recorded with each checkpoint, so that old checkpoints keep verifying after a rotation.</summary>
    [NotEmpty]
    public string KeyId { get; set; } = "k1";

    /// <summary>Public keys (PEM) by key id, for checkpoints signed by earlier keys or elsewhere.</summary>
    public Dictionary<string, string> PublicKeys { get; set; } = [];

    /// <summary>A checkpoint once this many events were appended since the last one…</summary>
    [Positive]
    public int EveryEvents { get; set; } = 1000;

    /// <summary>…or once this much time passed with at least one new event.</summary>
    [Positive]
    public TimeSpan Interval { get; set; } = TimeSpan.FromMinutes(1);
}
