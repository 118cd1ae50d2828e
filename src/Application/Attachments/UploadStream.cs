using System.Security.Cryptography;

namespace ChatClean.Application.Attachments;

/// <summary>
/// An upload read once, straight into the storage: the head already read (for <see cref="FileKinds"/>) and then the
/// rest, hashed and counted on the way; more than <paramref name="maxBytes"/> stops the copy with <c>413</c>.
/// </summary>
internal sealed class UploadStream(ReadOnlyMemory<byte> head, Stream rest, long maxBytes) : Stream
{
    private readonly IncrementalHash _sha256 = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
    private int _headRead;

    public long Count { get; private set; }

    public string Sha256 => Convert.ToHexStringLower(_sha256.GetCurrentHash());

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => throw new NotSupportedException();

    public override long Position { get => Count; set => throw new NotSupportedException(); }

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        int read;
        if (_headRead < head.Length)
        {
            read = Math.Min(buffer.Length, head.Length - _headRead);
            head.Slice(_headRead, read).CopyTo(buffer);
            _headRead += read;
        }
        else
        {
            read = await rest.ReadAsync(buffer, cancellationToken);
        }

        Count += read;
        if (Count > maxBytes)
        {
            throw new TooLargeException("attachment.too_large", $"A file may be at most {maxBytes} bytes.");
        }

        _sha256.AppendData(buffer.Span[..read]);
        return read;
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override int Read(byte[] buffer, int offset, int count) => ReadAsync(buffer, offset, count, CancellationToken.None).GetAwaiter().GetResult();

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _sha256.Dispose();
        }

        base.Dispose(disposing);
    }
}
