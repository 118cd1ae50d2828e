using ChatClean.Infrastructure;
using ChatClean.Infrastructure.Security;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace ChatClean.Infrastructure.IntegrationTests.Security;

public sealed class FieldCipherTests
{
    private static readonly string KeyOne = FieldCipher.NewKey();
    private static readonly string KeyTwo = FieldCipher.NewKey();
    private static readonly string Lookup = FieldCipher.NewKey();

    [Fact]
    public void A_value_round_trips_and_is_not_readable_at_rest()
    {
        var cipher = Cipher(("k1", KeyOne), current: "k1");
        var stored = cipher.Encrypt("alice@example.com")!;

        stored.ShouldStartWith("enc:v1:k1:");
        stored.ShouldNotContain("alice");
        cipher.Decrypt(stored).ShouldBe("alice@example.com");
        cipher.Encrypt("alice@example.com").ShouldNotBe(stored, "a fresh nonce every time");
    }

    [Fact]
    public void After_a_rotation_old_values_still_decrypt_and_new_ones_use_the_new_key()
    {
        var before = Cipher(("k1", KeyOne), current: "k1").Encrypt("13800138000")!;
        var rotated = Cipher(("k1", KeyOne), ("k2", KeyTwo), current: "k2");

        rotated.Decrypt(before).ShouldBe("13800138000");
        rotated.Encrypt("13800138000")!.ShouldStartWith("enc:v1:k2:");
    }

    [Fact]
    public void A_tampered_value_or_a_missing_key_fails_loudly()
    {
        var cipher = Cipher(("k1", KeyOne), current: "k1");
        var stored = cipher.Encrypt("secret")!;
        var bytes = Convert.FromBase64String(stored["enc:v1:k1:".Length..]);
        bytes[^1] ^= 1;

        Should.Throw<System.Security.Cryptography.AuthenticationTagMismatchException>(() => cipher.Decrypt("enc:v1:k1:" + Convert.ToBase64String(bytes)));
        Should.Throw<InvalidOperationException>(() => Cipher(("k2", KeyTwo), current: "k2").Decrypt(stored)).Message.ShouldContain("'k1'");
    }

    [Fact]
    public void The_lookup_hash_ignores_case_and_spaces_and_depends_on_the_key()
    {
        var cipher = Cipher(("k1", KeyOne), current: "k1");

        cipher.LookupHash(" Alice@Example.com ").ShouldBe(cipher.LookupHash("alice@example.com"));
        cipher.LookupHash("alice@example.com")!.ShouldNotContain("alice");
        cipher.LookupHash(null).ShouldBeNull();
    }

    [Fact]
    public void Production_refuses_to_start_without_keys()
    {
        var storage = Options.Create(new StorageOptions { Provider = StorageProvider.MySql });

        Should.Throw<InvalidOperationException>(() => new FieldCipher(Options.Create(new EncryptionOptions()), storage, NullLogger<FieldCipher>.Instance))
            .Message.ShouldContain("Encryption:Keys");
    }

    private static FieldCipher Cipher((string Id, string Key) first, string current) => Cipher([first], current);

    private static FieldCipher Cipher((string Id, string Key) first, (string Id, string Key) second, string current) => Cipher([first, second], current);

    private static FieldCipher Cipher((string Id, string Key)[] keys, string current)
    {
        var options = new EncryptionOptions { CurrentKeyId = current, LookupKey = Lookup };
        foreach (var (id, key) in keys)
        {
            options.Keys[id] = key;
        }

        return new FieldCipher(Options.Create(options), Options.Create(new StorageOptions { Provider = StorageProvider.MySql }), NullLogger<FieldCipher>.Instance);
    }
}
