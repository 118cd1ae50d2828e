namespace ChatClean.Application.Common;

/// <summary>The permission a caller needs to send this request (checked by <see cref="AuthorizationBehavior{TMessage,TResponse}"/>).</summary>
[AttributeUsage(AttributeTargets.Class, Inherited = false)]
public sealed class RequiresPermissionAttribute(string permission) : Attribute
{
    public string Permission { get; } = permission;
}
