namespace ChatClean.Application.Abstractions.Files;

/// <summary>
/// Blobs by key (<c>conversations/{id}/{attachmentId}</c>), shaped like an object store so an S3-compatible one can
/// replace the local disk: whole objects written once, read as streams, deleted by key or by prefix.
/// </summary>
public interface IFileStorage
{
    /// <summary>Writes <paramref name="content"/> at <paramref name="key"/> (replacing what was there).</summary>
    Task SaveAsync(string key, Stream content, CancellationToken cancellationToken);

    /// <summary>The object at <paramref name="key"/>, or null.</summary>
    Task<Stream?> OpenReadAsync(string key, CancellationToken cancellationToken);

    /// <summary>Deletes every object whose key starts with <paramref name="prefix"/>; returns how many.</summary>
    Task<int> DeletePrefixAsync(string prefix, CancellationToken cancellationToken);
}
