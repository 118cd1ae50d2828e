namespace ChatClean.Infrastructure.Security;

/// <summary>
/// The embedded default's generated secrets (token signing key, field-encryption keys, checkpoint signing key): a
/// file in the data folder, made once and readable by its owner only.
/// </summary>
internal static class GeneratedKeyFile
{
    /// <summary>The text of <paramref name="path"/>; when there is no such file, <paramref name="create"/>'s text, written there first.</summary>
    public static string ReadOrCreate(string path, Func<string> create, out bool created)
    {
        created = !File.Exists(path);
        if (!created)
        {
            return File.ReadAllText(path);
        }

        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        var text = create();
        File.WriteAllText(path, text);
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }

        return text;
    }
}
