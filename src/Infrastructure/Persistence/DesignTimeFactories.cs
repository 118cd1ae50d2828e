using Microsoft.EntityFrameworkCore.Design;

namespace ChatClean.Infrastructure.Persistence;

// Used by the `dotnet ef` tools. Generating migrations contacts no database; `database update` and friends use
// the connection string in the environment (ConnectionStrings__MySql / ConnectionStrings__Sqlite).

internal sealed class MySqlDesignTimeFactory : IDesignTimeDbContextFactory<MySqlChatCleanDbContext>
{
    public MySqlChatCleanDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<MySqlChatCleanDbContext>()
            .UseMySql(Environment.GetEnvironmentVariable("ConnectionStrings__MySql") ?? "Server=localhost;Database=chatclean", StorageSetup.MySqlServerVersion)
            .Options);
}

internal sealed class SqliteDesignTimeFactory : IDesignTimeDbContextFactory<SqliteChatCleanDbContext>
{
    public SqliteChatCleanDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<SqliteChatCleanDbContext>().UseSqlite(Environment.GetEnvironmentVariable("ConnectionStrings__Sqlite") ?? "Data Source=design.db").Options);
}
