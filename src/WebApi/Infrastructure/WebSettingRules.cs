using System.ComponentModel.DataAnnotations;
using System.Net;

namespace ChatClean.WebApi.Infrastructure;

/// <summary>
/// A browser origin, <c>scheme://host[:port]</c> with nothing after it: a browser sends exactly that, so an entry with
/// a path or a trailing slash would never match and the page would be refused without a word.
/// </summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class OriginAttribute() : ValidationAttribute("{0} is not an origin (scheme://host[:port], without path or trailing slash)")
{
    public override bool IsValid(object? value) =>
        value is string text && Uri.TryCreate(text, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https" &&
        string.Equals(uri.GetLeftPart(UriPartial.Authority), text, StringComparison.OrdinalIgnoreCase);
}

/// <summary>An IPv4 or IPv6 address (of a trusted proxy).</summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class IpAddressAttribute() : ValidationAttribute("{0} is not an IP address")
{
    public override bool IsValid(object? value) => value is string text && IPAddress.TryParse(text, out _);
}
