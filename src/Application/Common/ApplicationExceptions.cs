namespace ChatClean.Application.Common;

/// <summary>Base of the errors a use case reports on purpose; each has a stable code for clients.</summary>
public abstract class ApplicationErrorException(string code, string message) : Exception(message)
{
    public string Code { get; } = code;
}

/// <summary>The resource does not exist, or the caller may not know that it does.</summary>
public sealed class NotFoundException(string code, string message) : ApplicationErrorException(code, message);

/// <summary>The caller is known but may not do this.</summary>
public sealed class ForbiddenException(string code, string message) : ApplicationErrorException(code, message);

/// <summary>The request clashes with the current state (a taken username, a concurrent change).</summary>
public sealed class ConflictException(string code, string message) : ApplicationErrorException(code, message);

/// <summary>The credentials or token are not acceptable.</summary>
public sealed class UnauthorizedException(string code, string message) : ApplicationErrorException(code, message);

/// <summary>The request is well formed but its content is refused (a plugin rejected a message).</summary>
public sealed class RejectedException(string code, string message) : ApplicationErrorException(code, message);

/// <summary>The request's content is larger than allowed.</summary>
public sealed class TooLargeException(string code, string message) : ApplicationErrorException(code, message);

/// <summary>The request's content is of a kind that is not accepted.</summary>
public sealed class UnsupportedContentException(string code, string message) : ApplicationErrorException(code, message);
