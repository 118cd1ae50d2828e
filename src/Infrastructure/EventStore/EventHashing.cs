using System.Buffers;
using System.Buffers.Binary;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace ChatClean.Infrastructure.EventStore;

/// <summary>
/// The tamper-evident chain: <c>hash = SHA-256(previous hash ‖ canonical event)</c>, where the canonical event is
/// each field, in order, as a 4-byte big-endian length followed by its bytes: position, stream id, revision, event id
/// (lower-case, hyphenated), type, created-at (microseconds since the Unix epoch), the payload's SHA-256 digest, and
/// the metadata (empty when absent), the text fields in UTF-8. The first event links to 32 zero bytes. Because the
/// chain holds the payload's digest rather than the payload, an erased payload (<see cref="Tombstone"/>) keeps its
/// place in the chain: it carries the digest of what it replaced. Logs written before payload digests hash the payload
/// text itself up to the head's <c>payload_digests_from</c>. docs/event-store.md describes the same.
/// </summary>
public static class EventHashing
{
    public const int HashLength = 32;

    /// <summary>How an erased payload begins: the original payload's digest, in hex, then the payload without its personal text.</summary>
    public const string ErasedPrefix = "{\"erasedDigest\":\"";

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
        string? metadata,
        bool digestPayload = true)
    {
        // One buffer and one-shot hashes: this runs for every event appended and every event verified.
        metadata ??= string.Empty;
        var payloadLength = digestPayload ? HashLength : Encoding.UTF8.GetByteCount(data);
        var capacity = HashLength + (8 * 4) + (3 * 20) + 36 + Encoding.UTF8.GetMaxByteCount(streamId.Length + type.Length + metadata.Length) + payloadLength;
        var rented = ArrayPool<byte>.Shared.Rent(capacity);
        try
        {
            var buffer = rented.AsSpan();
            previousHash.CopyTo(buffer);
            var at = previousHash.Length;
            at += Number(buffer[at..], position);
            at += Text(buffer[at..], streamId);
            at += Number(buffer[at..], revision);
            eventId.TryFormat(buffer[(at + 4)..], out var guidLength, "D");
            BinaryPrimitives.WriteInt32BigEndian(buffer[at..], guidLength);
            at += 4 + guidLength;
            at += Text(buffer[at..], type);
            at += Number(buffer[at..], createdAtMicroseconds);
            BinaryPrimitives.WriteInt32BigEndian(buffer[at..], payloadLength);
            at += 4;
            if (digestPayload)
            {
                PayloadDigest(data, buffer.Slice(at, HashLength));
            }
            else
            {
                Encoding.UTF8.GetBytes(data, buffer[at..]);
            }

            at += payloadLength;
            at += Text(buffer[at..], metadata);
            return SHA256.HashData(buffer[..at]);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(rented);
        }
    }

    /// <summary>The SHA-256 of the payload's UTF-8 text; for an erased payload, the digest it keeps of the one it replaced.</summary>
    public static byte[] PayloadDigest(string data)
    {
        var digest = new byte[HashLength];
        PayloadDigest(data, digest);
        return digest;
    }

    private static void PayloadDigest(string data, Span<byte> digest)
    {
        if (IsErased(data) && Convert.FromHexString(data.AsSpan(ErasedPrefix.Length, HashLength * 2), digest, out _, out _) == OperationStatus.Done)
        {
            return;
        }

        var rented = ArrayPool<byte>.Shared.Rent(Encoding.UTF8.GetMaxByteCount(data.Length));
        try
        {
            var length = Encoding.UTF8.GetBytes(data, rented);
            SHA256.HashData(rented.AsSpan(0, length), digest);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(rented);
        }
    }

    /// <summary>Whether <paramref name="data"/> is an erased payload (<see cref="Tombstone"/>).</summary>
    public static bool IsErased(string data) =>
        data.Length > ErasedPrefix.Length + (HashLength * 2) && data.StartsWith(ErasedPrefix, StringComparison.Ordinal) && data[ErasedPrefix.Length + (HashLength * 2)] == '"';

    /// <summary>
    /// The payload that replaces <paramref name="data"/> when its personal text is erased: the original's digest, then
    /// the fields of <paramref name="erasedData"/> (the same event without its personal text, as a JSON object).
    /// </summary>
    public static string Tombstone(string data, string erasedData)
    {
        var digest = Convert.ToHexStringLower(PayloadDigest(data));
        var rest = erasedData.Length > 2 ? "," + erasedData[1..] : "}";
        return ErasedPrefix + digest + "\"" + rest;
    }

    /// <summary>Writes the field's length and its UTF-8 bytes; returns how many bytes that took.</summary>
    private static int Text(Span<byte> buffer, string field)
    {
        var length = Encoding.UTF8.GetBytes(field, buffer[4..]);
        BinaryPrimitives.WriteInt32BigEndian(buffer, length);
        return 4 + length;
    }

    private static int Number(Span<byte> buffer, long value)
    {
        value.TryFormat(buffer[4..], out var length, default, CultureInfo.InvariantCulture);
        BinaryPrimitives.WriteInt32BigEndian(buffer, length);
        return 4 + length;
    }
}
