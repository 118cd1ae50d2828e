using System.Security.Cryptography;
using System.Text;

namespace ChatClean.Infrastructure.Webhooks;

/// <summary>
/// The stable id of the delivery of one event to one endpoint: a name-based UUID (RFC 9562 version 8 layout: SHA-256 of
/// the endpoint id's bytes and the event id's, cut to 122 bits), so replaying the log derives the same id and writes nothing twice.
/// </summary>
public static class WebhookDeliveryId
{
    public static Guid For(Guid endpointId, Guid eventId)
    {
        Span<byte> name = stackalloc byte[32];
        endpointId.TryWriteBytes(name[..16], bigEndian: true, out _);
        eventId.TryWriteBytes(name[16..], bigEndian: true, out _);
        Span<byte> hash = stackalloc byte[32];
        SHA256.HashData(name, hash);
        hash[6] = (byte)((hash[6] & 0x0F) | 0x80);
        hash[8] = (byte)((hash[8] & 0x3F) | 0x80);
        return new Guid(hash[..16], bigEndian: true);
    }

    /// <summary>The signature header's value: <c>v1=</c> and the hex HMAC-SHA256 of <c>"{timestamp}.{body}"</c> under the secret.</summary>
    public static string Signature(string secret, long timestamp, string body) =>
        "v1=" + Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), Encoding.UTF8.GetBytes($"{timestamp}.{body}")));
}
