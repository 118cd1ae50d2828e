using System.Buffers.Binary;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace ChatClean.Infrastructure.EventStore;

/// <summary>
/// The tamper-evident chain: <c>hash = SHA-256(previous hash ‖ canonical event)</c>, where the canonical event is
/// each field, in order, as a 4-byte big-endian length followed by its UTF-8 text: position, stream id, revision,
/// event id (lower-case, hyphenated), type, created-at (microseconds since the Unix epoch), data, metadata (empty
/// when absent). The first event links to 32 zero bytes. docs/event-store.md describes the same.
/// </summary>
public static class EventHashing
{
    public const int HashLength = 32;

    public static byte[] Genesis { get; } = new byte[HashLength];

    public static byte[] Compute(
        ReadOnlySpan<byte> previousHash,
        long position,
        string streamId,
        long revision,
        Guid eventId,
        string type,
        long createdAtMicroseconds,
        string data,
        string? metadata)
    {
        using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        sha.AppendData(previousHash);
        Append(sha, position.ToString(CultureInfo.InvariantCulture));
        Append(sha, streamId);
        Append(sha, revision.ToString(CultureInfo.InvariantCulture));
        Append(sha, eventId.ToString("D"));
        Append(sha, type);
        Append(sha, createdAtMicroseconds.ToString(CultureInfo.InvariantCulture));
        Append(sha, data);
        Append(sha, metadata ?? string.Empty);
        return sha.GetHashAndReset();
    }

    private static void Append(IncrementalHash sha, string field)
    {
        var bytes = Encoding.UTF8.GetBytes(field);
        Span<byte> length = stackalloc byte[4];
        BinaryPrimitives.WriteInt32BigEndian(length, bytes.Length);
        sha.AppendData(length);
        sha.AppendData(bytes);
    }
}
