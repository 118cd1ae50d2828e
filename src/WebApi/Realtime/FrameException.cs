namespace ChatClean.WebApi.Realtime;

/// <summary>A frame the client sent was unusable (malformed, a missing or mistyped field): an <c>error</c> frame with <see cref="Code"/>, like a 400 over REST.</summary>
public sealed class FrameException(string code, string message) : Exception(message)
{
    public string Code { get; } = code;
}
