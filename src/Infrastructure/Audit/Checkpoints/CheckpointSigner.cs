using System.Security.Cryptography;
using System.Text;
using ChatClean.Infrastructure.Security;

namespace ChatClean.Infrastructure.Audit.Checkpoints;

/// <summary>
/// Signs checkpoints with the configured private key and checks them with the known public keys (ECDSA P-256,
/// SHA-256). The embedded default (SQLite) without a configured key makes one in its data folder, as it does for
/// tokens; with MySQL (several nodes) a key must be configured for checkpoints to be written.
/// </summary>
public sealed partial class CheckpointSigner : IDisposable
{
    public const string GeneratedKeyFileName = "checkpoint-signing.pem";

    private readonly ECDsa? _signingKey;
    private readonly Dictionary<string, ECDsa> _publicKeys = new(StringComparer.Ordinal);

    public CheckpointSigner(IOptions<CheckpointOptions> options, IOptions<StorageOptions> storage, ILogger<CheckpointSigner> logger)
    {
        var settings = options.Value;
        KeyId = settings.KeyId;
        var pem = settings.SigningKey is { Length: > 0 } key ? key
            : settings.SigningKeyFile is { Length: > 0 } file ? File.ReadAllText(Path.GetFullPath(file, storage.Value.DataDirectory))
            : storage.Value.Provider == StorageProvider.Sqlite ? LoadOrCreateKeyFile(Path.Combine(storage.Value.DataDirectory, GeneratedKeyFileName), logger)
            : null;
        if (pem is not null)
        {
            _signingKey = ECDsa.Create();
            _signingKey.ImportFromPem(pem);
            var publicKey = ECDsa.Create();
            publicKey.ImportSubjectPublicKeyInfo(_signingKey.ExportSubjectPublicKeyInfo(), out _);
            _publicKeys[KeyId] = publicKey;
        }

        foreach (var (id, publicPem) in settings.PublicKeys)
        {
            var publicKey = ECDsa.Create();
            publicKey.ImportFromPem(publicPem);
            _publicKeys[id] = publicKey;
        }
    }

    public string KeyId { get; }

    public bool CanSign => _signingKey is not null;

    public bool HasPublicKeys => _publicKeys.Count > 0;

    /// <summary>What is signed: the position, the hash there, the time and the key id, in one canonical line.</summary>
    public static byte[] Payload(long position, byte[] hash, long recordedAt, string keyId) =>
        Encoding.UTF8.GetBytes($"chatclean-checkpoint/v1|{position}|{Convert.ToHexStringLower(hash)}|{recordedAt}|{keyId}");

    public byte[] Sign(long position, byte[] hash, long recordedAt) =>
        (_signingKey ?? throw new InvalidOperationException("No Audit:Checkpoints:SigningKey is configured."))
            .SignData(Payload(position, hash, recordedAt, KeyId), HashAlgorithmName.SHA256, DSASignatureFormat.IeeeP1363FixedFieldConcatenation);

    /// <summary>null when the signature holds; else why not (<c>checkpoint_unknown_key</c>, <c>checkpoint_signature</c>).</summary>
    public string? Check(CheckpointRow checkpoint) =>
        !_publicKeys.TryGetValue(checkpoint.KeyId, out var key) ? "checkpoint_unknown_key"
        : key.VerifyData(
            Payload(checkpoint.Position, checkpoint.Hash, checkpoint.RecordedAt, checkpoint.KeyId),
            checkpoint.Signature,
            HashAlgorithmName.SHA256,
            DSASignatureFormat.IeeeP1363FixedFieldConcatenation) ? null
        : "checkpoint_signature";

    /// <summary>A new key pair as PEM: the private key for the service, the public key for verifiers.</summary>
    public static (string PrivateKey, string PublicKey) NewKeyPair()
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        return (key.ExportPkcs8PrivateKeyPem(), key.ExportSubjectPublicKeyInfoPem());
    }

    private static string LoadOrCreateKeyFile(string path, ILogger logger)
    {
        var pem = GeneratedKeyFile.ReadOrCreate(path, () => NewKeyPair().PrivateKey, out var created);
        if (created)
        {
            LogGeneratedKey(logger, path);
        }

        return pem;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Audit:Checkpoints:SigningKey is not configured: generated a checkpoint signing key in {Path}.")]
    private static partial void LogGeneratedKey(ILogger logger, string path);

    public void Dispose()
    {
        _signingKey?.Dispose();
        foreach (var key in _publicKeys.Values)
        {
            key.Dispose();
        }
    }
}
