using ChatClean.Application.Abstractions.Identity;
using ChatClean.Application.Common;

namespace ChatClean.Infrastructure.Security;

public sealed class PasswordOptions
{
    /// <summary>bcrypt cost: each step doubles the work. 11 takes about 0.1–0.2 s here.</summary>
    [Between(4, 31)]
    public int BcryptWorkFactor { get; set; } = 11;
}

public sealed class BcryptPasswordHasher(IOptions<PasswordOptions> options) : IPasswordHasher
{
    private readonly Lazy<string> _decoyHash = new(() => BCrypt.Net.BCrypt.HashPassword("decoy-password", options.Value.BcryptWorkFactor));

    public string Hash(string password) => BCrypt.Net.BCrypt.HashPassword(password, options.Value.BcryptWorkFactor);

    public bool Verify(string password, string hash)
    {
        try
        {
            return BCrypt.Net.BCrypt.Verify(password, hash);
        }
        catch (BCrypt.Net.SaltParseException)
        {
            return false;
        }
    }

    public void VerifyNothing(string password) => BCrypt.Net.BCrypt.Verify(password, _decoyHash.Value);
}
