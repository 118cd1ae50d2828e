using System.Security.Cryptography;
using System.Text;
using Microsoft.IdentityModel.Tokens;

namespace ChatClean.Infrastructure.Security;

/// <summary>
/// The one symmetric key that signs and validates access tokens. A configured key must be at least 32 bytes and not
/// trivially guessable; without one, the embedded default generates a key into its data folder, while the production
/// configuration (<c>Storage:Provider=MySql</c>, several nodes) refuses to start.
/// </summary>
public sealed partial class JwtSigningKey
{
    private const int MinimumKeyBytes = 32;
    private const int MinimumDistinctBytes = 12;

    public JwtSigningKey(IOptions<JwtOptions> options, IOptions<StorageOptions> storage, ILogger<JwtSigningKey> logger)
    {
        var configured = options.Value.SigningKey;
        byte[] bytes;
        if (!string.IsNullOrEmpty(configured))
        {
            bytes = Encoding.UTF8.GetBytes(configured);
            if (bytes.Length < MinimumKeyBytes)
            {
                throw new InvalidOperationException($"Jwt:SigningKey must have at least {MinimumKeyBytes} bytes.");
            }

            if (bytes.Distinct().Count() < MinimumDistinctBytes)
            {
                throw new InvalidOperationException("Jwt:SigningKey is too weak (too few different characters): use a long random secret.");
            }
        }
        else if (storage.Value.Provider == StorageProvider.MySql)
        {
            throw new InvalidOperationException(
                "Jwt:SigningKey is not set. With Storage:Provider=MySql (production, several nodes) every node needs the same configured key.");
        }
        else
        {
            bytes = LoadOrCreateKeyFile(Path.Combine(storage.Value.DataDirectory, "jwt-signing.key"), logger);
        }

        Key = new SymmetricSecurityKey(bytes) { KeyId = Convert.ToHexString(SHA256.HashData(bytes))[..16] };
    }

    public SymmetricSecurityKey Key { get; }

    private static byte[] LoadOrCreateKeyFile(string path, ILogger logger)
    {
        var text = GeneratedKeyFile.ReadOrCreate(path, () => Convert.ToBase64String(RandomNumberGenerator.GetBytes(64)), out var created);
        if (created)
        {
            LogGeneratedKey(logger, path);
        }

        return Convert.FromBase64String(text.Trim());
    }

    [LoggerMessage(Level = LogLevel.Warning,
        Message = "Jwt:SigningKey is not configured: generated a signing key in {Path}. Configure one shared key when running several nodes.")]
    private static partial void LogGeneratedKey(ILogger logger, string path);
}
