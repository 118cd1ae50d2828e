using ChatClean.Application.Common;

namespace ChatClean.Infrastructure;

public enum StorageProvider
{
    Sqlite,
    MySql,
}

/// <summary>Configuration section <c>Storage</c>; connection strings come from <c>ConnectionStrings:Sqlite</c> / <c>ConnectionStrings:MySql</c>.</summary>
public sealed class StorageOptions
{
    public const string SectionName = "Storage";

    public StorageProvider Provider { get; set; } = StorageProvider.Sqlite;

    /// <summary>Where the embedded default keeps its files (SQLite database, generated signing key); relative to the content root.</summary>
    [NotEmpty]
    public string DataDirectory { get; set; } = "data";

    /// <summary>Apply pending migrations at start-up (a lock makes concurrent nodes take turns).</summary>
    public bool MigrateOnStartup { get; set; } = true;
}

public static class StorageSetup
{
    /// <summary>The server version migrations are generated for (Debian's MariaDB); at run time the real server is detected.</summary>
    public static ServerVersion MySqlServerVersion { get; } = new MariaDbServerVersion(new Version(10, 11, 0));
}
