using ChatClean.Application.Abstractions.RateLimits;
using ChatClean.Application.Abstractions.Ai;
using ChatClean.Application.Ai;
using ChatClean.Infrastructure.Ai;
using ChatClean.Application.Abstractions.Audit;
using ChatClean.Infrastructure.Audit;
using ChatClean.Infrastructure.Audit.Checkpoints;
using ChatClean.Application.Abstractions.Identity;
using ChatClean.Application.Abstractions.ReadModels;
using ChatClean.Infrastructure.Caching;
using ChatClean.Infrastructure.EventStore;
using ChatClean.Infrastructure.Identity;
using ChatClean.Infrastructure.ReadModels;
using ChatClean.Infrastructure.Redis;
using ChatClean.Infrastructure.Scheduling;
using ChatClean.Infrastructure.Security;
using ChatClean.Infrastructure.Subscriptions;
using ChatClean.Infrastructure.Hosting;
using ChatClean.Infrastructure.Observability;
using ChatClean.Infrastructure.Observability.Health;
using ChatClean.Infrastructure.Plugins;
using ChatClean.Infrastructure.Files;
using ChatClean.Application.Abstractions.Hosting;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.Extensions.Configuration;
using StackExchange.Redis;

namespace ChatClean.Infrastructure;

public static class DependencyInjection
{
    /// <summary>Registers storage (SQLite or MySQL, by <c>Storage:Provider</c>), the event store, identity and read models.</summary>
    public static IServiceCollection AddInfrastructure(this IServiceCollection services, IConfiguration configuration, string contentRoot)
    {
        var storage = configuration.GetValidated<StorageOptions>(StorageOptions.SectionName);
        storage.DataDirectory = Path.GetFullPath(storage.DataDirectory, contentRoot);
        services.AddSingleton(Options.Create(storage));
        services.AddValidatedOptions<EventStoreOptions>(configuration, "EventStore");
        services.AddValidatedOptions<JwtOptions>(configuration, JwtOptions.SectionName);
        services.AddValidatedOptions<PasswordOptions>(configuration, "Passwords");
        services.AddSingleton<AppendSignal>();
        services.AddValidatedOptions<LiveSubscriptionOptions>(configuration, "Hangfire");

        switch (storage.Provider)
        {
            case StorageProvider.MySql:
                var mySql = configuration.GetConnectionString("MySql")
                    ?? throw ValidatedOptions.Invalid("ConnectionStrings:MySql", typeof(string), "must be set when Storage:Provider is MySql");
                _ = ValidatedOptions.ConnectionString("ConnectionStrings:MySql", mySql, s => new MySqlConnector.MySqlConnectionStringBuilder(s));
                var serverVersion = new Lazy<ServerVersion>(() => ServerVersion.AutoDetect(mySql));
                services.AddDbContext<ChatCleanDbContext, MySqlChatCleanDbContext>(o => o.UseMySql(mySql, serverVersion.Value).ReplaceService<IModelCacheKeyFactory, ReadModels.Rebuild.ReadModelCacheKeyFactory>());
                services.AddSingleton<SqlEventStore>(sp => ActivatorUtilities.CreateInstance<MySqlEventStore>(sp, mySql));
                break;
            default:
                var sqlite = SqliteConnectionString(configuration.GetConnectionString("Sqlite"), storage.DataDirectory, contentRoot);
                services.AddDbContext<ChatCleanDbContext, SqliteChatCleanDbContext>(o => o.UseSqlite(sqlite).ReplaceService<IModelCacheKeyFactory, ReadModels.Rebuild.ReadModelCacheKeyFactory>());
                services.AddSingleton<SqlEventStore>(sp => ActivatorUtilities.CreateInstance<SqliteEventStore>(sp, sqlite));
                break;
        }

        services.AddSingleton<RecentEvents>();
        services.AddSingleton<IEventStore>(sp => new ConversationEventStore(sp.GetRequiredService<SqlEventStore>(), sp.GetRequiredService<RecentEvents>()));
        services.AddValidatedOptions<CheckpointOptions>(configuration, CheckpointOptions.SectionName);
        services.AddSingleton<CheckpointSigner>();
        services.AddSingleton<IEventLogVerifier, EventLogVerifier>();
        services.AddScoped<IAuditLog, SqlAuditLog>();
        services.AddScoped<IPersonalDataStore, Audit.Erasure.SqlPersonalDataStore>();
        services.AddEventReactor<Audit.Erasure.ForgetErasedTexts>();
        services.AddSingleton(configuration.GetValidated<StateCacheOptions>("Conversations:StateCache"));
        services.AddSingleton<IConversationStateCache, ConversationStateCache>();

        services.AddSingleton<JwtSigningKey>();
        services.AddSingleton<IPostConfigureOptions<JwtBearerOptions>, JwtBearerValidation>();
        services.AddReadinessChecks(configuration, redis: !string.IsNullOrWhiteSpace(configuration.GetConnectionString("Redis")));
        services.AddValidatedOptions<EncryptionOptions>(configuration, EncryptionOptions.SectionName);
        services.AddSingleton<FieldCipher>();
        services.AddSingleton<IAccessTokenIssuer, JwtAccessTokenIssuer>();
        services.AddSingleton<IPasswordHasher, BcryptPasswordHasher>();
        services.AddScoped<IUserRepository, EfUserRepository>();
        services.AddScoped<IRefreshTokenStore, EfRefreshTokenStore>();
        services.AddSingleton<SessionRevocations>();
        services.AddSingleton<ISessionRevocation>(sp => sp.GetRequiredService<SessionRevocations>());
        services.AddScoped<IConversationReadModel, EfConversationReadModel>();
        services.AddScoped<IUserDirectory, EfUserDirectory>();
        services.AddScoped<IAnalyticsReadModel, EfAnalyticsReadModel>();
        services.AddScoped<IReadModelRebuilder, ReadModelMaintenance>();
        services.AddSingleton<ReadModels.Rebuild.ReadModelRebuild>();
        AddClusterAndCache(services, configuration);

        services.AddHostedService<StartupSequence>();
        services.AddStartupStep<SecurityStartupCheck>(StartupPhase.Checks);
        services.AddStartupStep<DatabaseMigrator>(StartupPhase.Migrate);
        services.AddStartupStep<SessionRevocations>(StartupPhase.Revocations);
        services.AddStartupStep<AppendSignalBridge>(StartupPhase.Notices);
        services.AddSingleton<ProjectionProgress>();
        services.AddSingleton<IReadModelObserver>(sp => sp.GetRequiredService<ProjectionProgress>());
        services.AddSingleton<CacheInvalidator>();
        services.AddSingleton<IReadModelObserver>(sp => sp.GetRequiredService<CacheInvalidator>());
        services.AddStartupStep<CacheInvalidator>(StartupPhase.Notices);
        AddReadModelProjections(services);
        services.AddBusinessMetrics(configuration);
        services.AddPlugins(configuration);
        services.AddFileStorage(configuration, storage.DataDirectory);
        Webhooks.WebhookSetup.AddWebhooks(services, configuration);
        services.AddValidatedOptions<ConversationOptions>(configuration, ConversationOptions.SectionName);
        AddAi(services, configuration);
        services.AddBackgroundJobs(configuration, useRedis: !string.IsNullOrWhiteSpace(configuration.GetConnectionString("Redis")));
        return services;
    }

    /// <summary>One projection per read-model table, applied page by page in one transaction with the read models' checkpoint.</summary>
    private static void AddReadModelProjections(IServiceCollection services)
    {
        services.AddScoped<IReadModelProjection, ConversationsProjection>();
        services.AddScoped<IReadModelProjection, MessagesProjection>();
        services.AddScoped<IReadModelProjection, SearchTermsProjection>();
        services.AddScoped<IReadModelProjection, WaitingEpisodesProjection>();
        services.AddScoped<IReadModelProjection, AgentSessionsProjection>();
        services.AddScoped<IReadModelProjection, DailyStatsProjection>();
        services.AddStartupStep<ProjectionSubscription>(StartupPhase.Subscriptions);
        services.AddStartupStep<CheckpointWriter>(StartupPhase.Subscriptions);
    }

    /// <summary>
    /// The AI: the knowledge base (documents in the database, a Lucene index on every node), the reply channel to the
    /// WebSocket nodes, and with <c>Ai:Provider=OpenAI</c> the OpenAI-compatible model.
    /// </summary>
    private static void AddAi(IServiceCollection services, IConfiguration configuration)
    {
        services.AddValidatedOptions<AiOptions>(configuration, AiOptions.SectionName);
        services.AddScoped<EfKnowledgeStore>();
        services.AddScoped<IKnowledgeStore>(sp => sp.GetRequiredService<EfKnowledgeStore>());
        services.AddSingleton<LuceneKnowledgeIndex>();
        services.AddSingleton<IKnowledgeIndex>(sp => sp.GetRequiredService<LuceneKnowledgeIndex>());
        services.AddStartupStep<KnowledgeIndexSync>(StartupPhase.Notices);
        services.AddSingleton<IReplyChannel, ClusterReplyChannel>();
        if (configuration.Optional($"{AiOptions.SectionName}:{nameof(AiOptions.Provider)}", AiProvider.KnowledgeBase) == AiProvider.OpenAI)
        {
            services.AddHttpClient(nameof(OpenAiChatModel), c => c.Timeout = System.Threading.Timeout.InfiniteTimeSpan);
            services.AddSingleton<OpenAiChatModel>();
            services.AddSingleton<IAiModel>(sp => sp.GetRequiredService<OpenAiChatModel>());
        }
    }

    /// <summary>
    /// With <c>ConnectionStrings:Redis</c>: Redis pub/sub between nodes and Redis as the cache's second level.
    /// Without it (the embedded default): in-process notices and an in-memory cache only.
    /// </summary>
    private static void AddClusterAndCache(IServiceCollection services, IConfiguration configuration)
    {
        var redisOptions = configuration.GetValidated<RedisOptions>("Redis");
        services.AddSingleton(redisOptions);
        var redis = configuration.GetConnectionString("Redis");
        services.AddSingleton(PresenceOptions.From(configuration));
        services.AddValidatedOptions<RateLimitOptions>(configuration, RateLimitOptions.SectionName);
        services.AddSingleton<InMemoryRateLimitCounter>();
        if (string.IsNullOrWhiteSpace(redis))
        {
            services.AddSingleton<IRateLimitCounter>(sp => sp.GetRequiredService<InMemoryRateLimitCounter>());
            services.AddSingleton<IClusterBus, InProcessClusterBus>();
            services.AddSingleton<IPresence, InMemoryPresence>();
        }
        else
        {
            var redisConfiguration = ValidatedOptions.ConnectionString("ConnectionStrings:Redis", redis, ConfigurationOptions.Parse);
            redisConfiguration.AbortOnConnectFail = false;
            services.AddSingleton<IConnectionMultiplexer>(_ => ConnectionMultiplexer.Connect(redisConfiguration));
            services.AddSingleton<IClusterBus, RedisClusterBus>();
            services.AddSingleton<IPresence, RedisPresence>();
            services.AddSingleton<IRateLimitCounter, RedisRateLimitCounter>();
            services.AddStackExchangeRedisCache(o =>
            {
                o.ConfigurationOptions = redisConfiguration;
                o.InstanceName = $"{redisOptions.Prefix}:cache:";
            });
        }

        // Analytics facts of a busy day exceed HybridCache's default 1 MiB entry limit.
        services.AddHybridCache(o => o.MaximumPayloadBytes = 64 * 1024 * 1024);
        services.AddSingleton<IReadCache, HybridReadCache>();
    }

    /// <summary>The SQLite connection string with a relative file resolved against the content root (default: the data folder).</summary>
    private static string SqliteConnectionString(string? configured, string dataDirectory, string contentRoot)
    {
        var builder = ValidatedOptions.ConnectionString(
            "ConnectionStrings:Sqlite", configured ?? $"Data Source={Path.Combine(dataDirectory, "chatclean.db")}", s => new SqliteConnectionStringBuilder(s));
        if (builder.DataSource != ":memory:" && !Path.IsPathRooted(builder.DataSource))
        {
            builder.DataSource = Path.GetFullPath(builder.DataSource, contentRoot);
        }

        return builder.ToString();
    }
}
