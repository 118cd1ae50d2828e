using System.Text.RegularExpressions;
using ChatClean.Application.Abstractions.Files;

namespace ChatClean.Infrastructure.Files;

/// <summary>
/// Files on the local disk under one folder (<c>Attachments:Folder</c>, by default <c>attachments</c> in the data
/// folder). A write goes to a temporary file first and is moved into place, so a reader never sees half a file.
/// With several nodes the folder must be shared (or an object store used instead).
/// </summary>
public sealed partial class LocalFileStorage(string root) : IFileStorage
{
    private readonly string _root = Path.GetFullPath(root);

    public async Task SaveAsync(string key, Stream content, CancellationToken cancellationToken)
    {
        var path = PathOf(key);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var temporary = path + "." + Guid.NewGuid().ToString("N") + ".tmp";
        try
        {
            await using (var file = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write, FileShare.None, 81920, useAsync: true))
            {
                await content.CopyToAsync(file, cancellationToken);
                await file.FlushAsync(cancellationToken);
            }

            File.Move(temporary, path, overwrite: true);
        }
        finally
        {
            File.Delete(temporary);
        }
    }

    public Task<Stream?> OpenReadAsync(string key, CancellationToken cancellationToken)
    {
        var path = PathOf(key);
        try
        {
            return Task.FromResult<Stream?>(new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read | FileShare.Delete, 81920, useAsync: true));
        }
        catch (Exception exception) when (exception is FileNotFoundException or DirectoryNotFoundException)
        {
            return Task.FromResult<Stream?>(null);
        }
    }

    public Task<int> DeletePrefixAsync(string prefix, CancellationToken cancellationToken)
    {
        var folder = PathOf(prefix.TrimEnd('/'));
        var deleted = 0;
        if (Directory.Exists(folder))
        {
            deleted = Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories).Count();
            Directory.Delete(folder, recursive: true);
        }

        return Task.FromResult(deleted);
    }

    /// <summary>Keys are the service's own (<c>conversations/{hex}/{hex}</c>); anything that could leave the root is refused.</summary>
    private string PathOf(string key)
    {
        if (!SafeKey().IsMatch(key) || key.Contains("..", StringComparison.Ordinal))
        {
            throw new ArgumentException($"'{key}' is not a storage key.", nameof(key));
        }

        return Path.Combine(_root, key.Replace('/', Path.DirectorySeparatorChar));
    }

    [GeneratedRegex("^[a-z0-9][a-z0-9/._-]*$")]
    private static partial Regex SafeKey();
}
