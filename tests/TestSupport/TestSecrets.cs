namespace ChatClean.TestSupport;

/// <summary>Fixed keys for test services (never used anywhere else): personal-field encryption.</summary>
public static class TestSecrets
{
    public const string EncryptionKeyId = "test1";
    public const string EncryptionKey = "q9C2x8h0bX5kYt3VnR7wL1mZp4sD6fJgA8eU0iO2cQk=";
    public const string LookupKey = "Zm9yLXRlc3RzLW9ubHktbG9va3VwLWtleS0wMTIzNDU2Nzg5YWJj";

    public static IEnumerable<KeyValuePair<string, string>> Encryption =>
    [
        new($"Encryption:Keys:{EncryptionKeyId}", EncryptionKey),
        new("Encryption:CurrentKeyId", EncryptionKeyId),
        new("Encryption:LookupKey", LookupKey),
    ];
}
