using System.ComponentModel.DataAnnotations;
using System.Security.Cryptography;
using ChatClean.Application.Common;

namespace ChatClean.Infrastructure.Audit.Checkpoints;

/// <summary>
/// Configuration section <c>Audit:Checkpoints</c>: signed checkpoints of the log (docs/audit.md). The service signs
/// when it has a signing key; a verifier needs only the public keys.
/// </summary>
public sealed class CheckpointOptions : IValidatableObject
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

    /// <summary>Keys that do not import stop the start naming their key (never quoting it: the signing key is a secret).</summary>
    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (SigningKey is { Length: > 0 } signing && !Imports(signing))
        {
            yield return new ValidationResult("is not an ECDSA P-256 private key in PEM", [nameof(SigningKey)]);
        }

        foreach (var (id, pem) in PublicKeys.Where(p => !Imports(p.Value)))
        {
            yield return new ValidationResult("is not an ECDSA P-256 public key in PEM", [$"{nameof(PublicKeys)}:{id}"]);
        }
    }

    private static bool Imports(string pem)
    {
        using var key = ECDsa.Create();
        try
        {
            key.ImportFromPem(pem);
            return key.KeySize == 256;
        }
        catch (Exception exception) when (exception is ArgumentException or CryptographicException)
        {
            return false;
        }
    }
}
