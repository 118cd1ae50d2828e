namespace ChatClean.Application.Common;

/// <summary>A request with no caller to authorise: sent by the service itself, or open to anyone (login, register); says why.</summary>
[AttributeUsage(AttributeTargets.Class, Inherited = false)]
public sealed class NoCallerAttribute(string reason) : Attribute
{
    public string Reason { get; } = reason;
}
