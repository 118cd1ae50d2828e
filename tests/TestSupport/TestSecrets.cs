namespace ChatClean.TestSupport;

/// <summary>
/// The secrets and accounts every test service runs with (never used anywhere else), and the settings of a service
/// started as its own process.
/// </summary>
public static class TestSecrets
{
    public const string AdminUsername = "root-admin";
    public const string AdminPassword = "root-admin-password";
    public const string SigningKey = "integration-tests-signing-key-0123456789-abcdefghijklmnopqrstuvwxyz";
    public const string EncryptionKeyId = "test1";
    public const string EncryptionKey = "q9C2x8h0bX5kYt3VnR7wL1mZp4sD6fJgA8eU0iO2cQk=";
    public const string LookupKey = "Zm9yLXRlc3RzLW9ubHktbG9va3VwLWtleS0wMTIzNDU2Nzg5YWJj";

    /// <summary>Keys, the bootstrap admin and a cheap bcrypt: what every test service is configured with.</summary>
    public static IEnumerable<KeyValuePair<string, string>> Common =>
    [
        new("Jwt:SigningKey", SigningKey),
        new($"Encryption:Keys:{EncryptionKeyId}", EncryptionKey),
        new("Encryption:CurrentKeyId", EncryptionKeyId),
        new("Encryption:LookupKey", LookupKey),
        new("Bootstrap:AdminUsername", AdminUsername),
        new("Bootstrap:AdminPassword", AdminPassword),
        new("Passwords:BcryptWorkFactor", "4"),
        new("Audit:Checkpoints:SigningKey", CheckpointSigningKey),
    ];

    /// <summary>One checkpoint signing key (ECDSA P-256, PEM) for every service a test run starts.</summary>
    public static string CheckpointSigningKey { get; } = ChatClean.Infrastructure.Audit.Checkpoints.CheckpointSigner.NewKeyPair().PrivateKey;

    /// <summary>
    /// The settings of a service process: <see cref="Common"/>, its data folder, MySQL when a connection string is
    /// given (otherwise SQLite, its file <see cref="SqliteFile"/> in the data folder), Redis under <paramref name="redisPrefix"/> when one is given, warnings only in its log.
    /// </summary>
    public static Dictionary<string, string> ServiceSettings(string dataDirectory, string? mySql = null, string? redisPrefix = null)
    {
        var settings = Common.ToDictionary(s => s.Key, s => s.Value);
        settings["Storage:DataDirectory"] = dataDirectory;
        settings["Logging:LogLevel:Default"] = "Warning";
        if (mySql is not null)
        {
            settings["Storage:Provider"] = "MySql";
            settings["ConnectionStrings:MySql"] = mySql;
        }
        else
        {
            settings["ConnectionStrings:Sqlite"] = $"Data Source={SqliteFile(dataDirectory)}";
        }

        if (redisPrefix is not null)
        {
            settings["ConnectionStrings:Redis"] = TestEnvironment.Redis;
            settings["Redis:Prefix"] = redisPrefix;
        }

        return settings;
    }

    /// <summary>The SQLite file of an embedded service process with <paramref name="dataDirectory"/>.</summary>
    public static string SqliteFile(string dataDirectory) => Path.Combine(dataDirectory, "chatclean.db");

    /// <summary>A fresh temporary data folder for a service process.</summary>
    public static string NewDataDirectory() => Path.Combine(Path.GetTempPath(), "chatclean-tests", Guid.NewGuid().ToString("N"));
}
