using ChatClean.Application.Abstractions.EventStore;
using ChatClean.Application.Abstractions.Identity;
using ChatClean.Application.Abstractions.ReadModels;
using ChatClean.Infrastructure.EventStore;
using ChatClean.Infrastructure.Identity;
using ChatClean.Infrastructure.Persistence;
using ChatClean.Infrastructure.ReadModels;
using ChatClean.Infrastructure.Security;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace ChatClean.Infrastructure;

public static class DependencyInjection
{
    /// <summary>Registers storage (SQLite or MySQL, by <c>Storage:Provider</c>), the event store, identity and read models.</summary>
    public static IServiceCollection AddInfrastructure(this IServiceCollection services, IConfiguration configuration, string contentRoot)
    {
        var storage = configuration.GetSection(StorageOptions.SectionName).Get<StorageOptions>() ?? new StorageOptions();
        storage.DataDirectory = Path.GetFullPath(storage.DataDirectory, contentRoot);
        services.AddSingleton(Options.Create(storage));
        services.Configure<EventStoreOptions>(configuration.GetSection("EventStore"));
        services.Configure<JwtOptions>(configuration.GetSection(JwtOptions.SectionName));
        services.Configure<PasswordOptions>(configuration.GetSection("Passwords"));
        services.AddSingleton<AppendSignal>();

        switch (storage.Provider)
        {
            case StorageProvider.MySql:
                var mySql = configuration.GetConnectionString("MySql")
                    ?? throw new InvalidOperationException("Storage:Provider is MySql but ConnectionStrings:MySql is not set.");
                var serverVersion = new Lazy<ServerVersion>(() => ServerVersion.AutoDetect(mySql));
                services.AddDbContext<ChatCleanDbContext, MySqlChatCleanDbContext>(o => o.UseMySql(mySql, serverVersion.Value));
                services.AddSingleton<SqlEventStore>(sp => ActivatorUtilities.CreateInstance<MySqlEventStore>(sp, mySql));
                break;
            default:
                var sqlite = SqliteConnectionString(configuration.GetConnectionString("Sqlite"), storage.DataDirectory, contentRoot);
                services.AddDbContext<ChatCleanDbContext, SqliteChatCleanDbContext>(o => o.UseSqlite(sqlite));
                services.AddSingleton<SqlEventStore>(sp => ActivatorUtilities.CreateInstance<SqliteEventStore>(sp, sqlite));
                break;
        }

        services.AddSingleton<IEventStore>(sp => sp.GetRequiredService<SqlEventStore>());
        services.AddSingleton<IEventLogVerifier>(sp => sp.GetRequiredService<SqlEventStore>());

        services.AddSingleton<JwtSigningKey>();
        services.AddSingleton<IAccessTokenIssuer, JwtAccessTokenIssuer>();
        services.AddSingleton<IPasswordHasher, BcryptPasswordHasher>();
        services.AddScoped<IUserRepository, EfUserRepository>();
        services.AddScoped<IRefreshTokenStore, EfRefreshTokenStore>();
        services.AddScoped<IConversationReadModel, EfConversationReadModel>();

        // The migrator is registered before every other hosted service so that the schema exists when they start.
        services.AddHostedService<DatabaseMigrator>();
        services.AddSingleton<ConversationProjection>();
        services.AddHostedService<ProjectionRunner<ConversationProjection>>();
        return services;
    }

    /// <summary>The SQLite connection string with a relative file resolved against the content root (default: the data folder).</summary>
    private static string SqliteConnectionString(string? configured, string dataDirectory, string contentRoot)
    {
        var builder = new SqliteConnectionStringBuilder(configured ?? $"Data Source={Path.Combine(dataDirectory, "chatclean.db")}");
        if (builder.DataSource != ":memory:" && !Path.IsPathRooted(builder.DataSource))
        {
            builder.DataSource = Path.GetFullPath(builder.DataSource, contentRoot);
        }

        return builder.ToString();
    }
}
