namespace ChatClean.Application.Abstractions.Identity;

public interface IPasswordHasher
{
    string Hash(string password);

    bool Verify(string password, string hash);

    /// <summary>Spends the time of one verification, so an unknown username answers as slowly as a wrong password.</summary>
    void VerifyNothing(string password);
}
