using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace ChatClean.Infrastructure.Security;

/// <summary>
/// The <c>Encryption</c> configuration section: AES-256 keys by id (base64, 32 bytes each), the id new values are
/// encrypted with, and a separate key for the lookup hashes (base64, at least 32 bytes).
/// </summary>
public sealed class EncryptionOptions
{
    public const string SectionName = "Encryption";

    public Dictionary<string, string> Keys { get; set; } = [];

    public string? CurrentKeyId { get; set; }

    public string? LookupKey { get; set; }

    /// <summary>Encrypt display names too (the default; they then cannot be searched in the admin user list, usernames can).</summary>
    public bool EncryptDisplayName { get; set; } = true;
}

/// <summary>
/// Personal fields at rest: AES-GCM with a random 96-bit nonce, stored as <c>enc:v1:{keyId}:{base64(nonce|tag|ciphertext)}</c>,
/// so that a value names the key it needs and keys can be rotated (add a key, make it current; older values still
/// decrypt). Lookups (by email) use a keyed HMAC-SHA256 of the normalised value, which reveals nothing without the key.
/// Without configured keys the embedded default generates them into its data folder; the production configuration
/// (<c>Storage:Provider=MySql</c>) refuses to start.
/// </summary>
public sealed partial class FieldCipher
{
    private const string Prefix = "enc:v1:";
    private const int NonceBytes = 12;
    private const int TagBytes = 16;

    private readonly Dictionary<string, byte[]> _keys;
    private readonly string _currentKeyId;
    private readonly byte[] _lookupKey;

    public FieldCipher(IOptions<EncryptionOptions> options, IOptions<StorageOptions> storage, ILogger<FieldCipher> logger)
    {
        var settings = options.Value;
        EncryptDisplayName = settings.EncryptDisplayName;
        if (settings.Keys.Count == 0)
        {
            if (storage.Value.Provider == StorageProvider.MySql)
            {
                throw new InvalidOperationException(
                    "Encryption:Keys, Encryption:CurrentKeyId and Encryption:LookupKey are not set. With Storage:Provider=MySql personal fields must be encrypted with configured keys.");
            }

            settings = LoadOrCreate(Path.Combine(storage.Value.DataDirectory, "encryption-keys.json"), logger);
        }

        if (settings.Keys.Keys.Any(id => id.Length == 0 || id.Contains(':', StringComparison.Ordinal)))
        {
            throw new InvalidOperationException("Encryption key ids are non-empty and contain no ':'.");
        }

        _keys = settings.Keys.ToDictionary(k => k.Key, k => Decode(k.Value, $"Encryption:Keys:{k.Key}"), StringComparer.Ordinal);
        if (_keys.Values.Any(k => k.Length != 32))
        {
            throw new InvalidOperationException("Every Encryption:Keys entry must be 32 bytes (base64).");
        }

        _currentKeyId = settings.CurrentKeyId is { } current && _keys.ContainsKey(current)
            ? current
            : throw new InvalidOperationException("Encryption:CurrentKeyId must name one of Encryption:Keys.");
        _lookupKey = Decode(settings.LookupKey, "Encryption:LookupKey");
        if (_lookupKey.Length < 32)
        {
            throw new InvalidOperationException("Encryption:LookupKey must be at least 32 bytes (base64).");
        }
    }

    public bool EncryptDisplayName { get; }

    public string? Encrypt(string? plain)
    {
        if (plain is null)
        {
            return null;
        }

        var data = Encoding.UTF8.GetBytes(plain);
        var sealedValue = new byte[NonceBytes + TagBytes + data.Length];
        var nonce = sealedValue.AsSpan(0, NonceBytes);
        RandomNumberGenerator.Fill(nonce);
        using var aes = new AesGcm(_keys[_currentKeyId], TagBytes);
        aes.Encrypt(nonce, data, sealedValue.AsSpan(NonceBytes + TagBytes), sealedValue.AsSpan(NonceBytes, TagBytes), Encoding.UTF8.GetBytes(_currentKeyId));
        return $"{Prefix}{_currentKeyId}:{Convert.ToBase64String(sealedValue)}";
    }

    /// <summary>The plain value; a value stored before encryption was turned on is returned as it is.</summary>
    public string? Decrypt(string? stored)
    {
        if (stored is null || !stored.StartsWith(Prefix, StringComparison.Ordinal))
        {
            return stored;
        }

        var rest = stored[Prefix.Length..];
        var colon = rest.IndexOf(':', StringComparison.Ordinal);
        if (colon <= 0)
        {
            return stored;
        }

        var keyId = rest[..colon];
        if (!_keys.TryGetValue(keyId, out var key))
        {
            throw new InvalidOperationException($"A stored value needs encryption key '{keyId}', which is not configured.");
        }

        var sealedValue = Convert.FromBase64String(rest[(colon + 1)..]);
        var plain = new byte[sealedValue.Length - NonceBytes - TagBytes];
        using var aes = new AesGcm(key, TagBytes);
        aes.Decrypt(sealedValue.AsSpan(0, NonceBytes), sealedValue.AsSpan(NonceBytes + TagBytes), sealedValue.AsSpan(NonceBytes, TagBytes), plain, Encoding.UTF8.GetBytes(keyId));
        return Encoding.UTF8.GetString(plain);
    }

    /// <summary>The keyed hash an email is looked up by (case and surrounding spaces do not matter).</summary>
    public string? LookupHash(string? email) =>
        string.IsNullOrWhiteSpace(email) ? null : Convert.ToHexStringLower(HMACSHA256.HashData(_lookupKey, Encoding.UTF8.GetBytes(email.Trim().ToLowerInvariant())));

    /// <summary>A fresh key for configuration (base64 of 32 random bytes).</summary>
    public static string NewKey() => Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));

    private static byte[] Decode(string? base64, string name)
    {
        try
        {
            return Convert.FromBase64String(base64 ?? throw new InvalidOperationException($"{name} is not set."));
        }
        catch (FormatException)
        {
            throw new InvalidOperationException($"{name} is not valid base64.");
        }
    }

    private static EncryptionOptions LoadOrCreate(string path, ILogger logger)
    {
        var text = GeneratedKeyFile.ReadOrCreate(
            path,
            () => JsonSerializer.Serialize(new EncryptionOptions { Keys = { ["k1"] = NewKey() }, CurrentKeyId = "k1", LookupKey = NewKey() }),
            out var created);
        if (created)
        {
            LogGenerated(logger, path);
        }

        return JsonSerializer.Deserialize<EncryptionOptions>(text)!;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Encryption keys are not configured: generated them in {Path}. Back this file up with the database.")]
    private static partial void LogGenerated(ILogger logger, string path);
}
