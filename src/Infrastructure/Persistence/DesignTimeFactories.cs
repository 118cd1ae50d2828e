using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace ChatClean.Infrastructure.Persistence;

// Used by `dotnet ef migrations add` only; no database is contacted.

internal sealed class MySqlDesignTimeFactory : IDesignTimeDbContextFactory<MySqlChatCleanDbContext>
{
    public MySqlChatCleanDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<MySqlChatCleanDbContext>()
            .UseMySql("Server=localhost;Database=chatclean", StorageSetup.MySqlServerVersion)
            .Options);
}

internal sealed class SqliteDesignTimeFactory : IDesignTimeDbContextFactory<SqliteChatCleanDbContext>
{
    public SqliteChatCleanDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<SqliteChatCleanDbContext>().UseSqlite("Data Source=design.db").Options);
}
