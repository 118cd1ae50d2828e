using Microsoft.EntityFrameworkCore.Infrastructure;

namespace ChatClean.Infrastructure.ReadModels.Rebuild;

/// <summary>The read-model tables, which are a function of the log: a rebuild fills fresh copies of them and swaps them in.</summary>
public static class ReadModelTables
{
    /// <summary>The fresh tables' names end with this while a rebuild fills them.</summary>
    public const string RebuildSuffix = "__rebuild";

    /// <summary>Every read-model row type, parents first.</summary>
    public static IReadOnlyList<Type> EntityTypes { get; } =
        [typeof(ConversationRow), typeof(MessageRow), typeof(SearchTermRow), typeof(WaitingEpisodeRow), typeof(AgentSessionRow), typeof(DailyStatsRow)];

    /// <summary>The live tables' names, in <see cref="EntityTypes"/> order.</summary>
    public static IReadOnlyList<string> Names(ChatCleanDbContext db) =>
        EntityTypes.Select(t => db.Model.FindEntityType(t)!.GetTableName()!).ToArray();

    /// <summary>A context like <paramref name="db"/> (same provider, same database) that maps the read models to the rebuild's tables.</summary>
    public static ChatCleanDbContext RebuildContext(IServiceProvider services, ChatCleanDbContext db)
    {
        var options = (DbContextOptions)services.GetRequiredService(typeof(DbContextOptions<>).MakeGenericType(db.GetType()));
        var rebuild = (ChatCleanDbContext)Activator.CreateInstance(db.GetType(), options)!;
        rebuild.ReadModelSuffix = RebuildSuffix;
        rebuild.ChangeTracker.AutoDetectChangesEnabled = false;
        return rebuild;
    }
}

/// <summary>Caches a model per context type and read-model suffix, so the live and the rebuild mappings live side by side.</summary>
public sealed class ReadModelCacheKeyFactory : IModelCacheKeyFactory
{
    public object Create(DbContext context, bool designTime) =>
        (context.GetType(), (context as ChatCleanDbContext)?.ReadModelSuffix ?? "", designTime);
}
