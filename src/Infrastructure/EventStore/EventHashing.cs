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
        using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        sha.AppendData(previousHash);
        Append(sha, position.ToString(CultureInfo.InvariantCulture));
        Append(sha, streamId);
        Append(sha, revision.ToString(CultureInfo.InvariantCulture));
        Append(sha, eventId.ToString("D"));
        Append(sha, type);
        Append(sha, createdAtMicroseconds.ToString(CultureInfo.InvariantCulture));
        if (digestPayload)
        {
            Append(sha, PayloadDigest(data));
        }
        else
        {
            Append(sha, Encoding.UTF8.GetBytes(data));
        }

        Append(sha, Encoding.UTF8.GetBytes(metadata ?? string.Empty));
        return sha.GetHashAndReset();
    }

    /// <summary>The SHA-256 of the payload's UTF-8 text; for an erased payload, the digest it keeps of the one it replaced.</summary>
    public static byte[] PayloadDigest(string data)
    {
        var digest = new byte[HashLength];
        if (!IsErased(data) || Convert.FromHexString(data.AsSpan(ErasedPrefix.Length, HashLength * 2), digest, out _, out _) != System.Buffers.OperationStatus.Done)
        {
            SHA256.HashData(Encoding.UTF8.GetBytes(data), digest);
        }

        return digest;
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

    private static void Append(IncrementalHash sha, string field) => Append(sha, Encoding.UTF8.GetBytes(field));

    private static void Append(IncrementalHash sha, ReadOnlySpan<byte> field)
    {
        Span<byte> length = stackalloc byte[4];
        BinaryPrimitives.WriteInt32BigEndian(length, field.Length);
        sha.AppendData(length);
        sha.AppendData(field);
    }
}
