using System.Collections.Concurrent;
using ChatClean.Application.Abstractions.Identity;
using ChatClean.Domain.Common;
using Microsoft.Extensions.Hosting;
using ChatClean.Infrastructure.Security;

namespace ChatClean.Infrastructure.Identity;

/// <summary>
/// Which access tokens are no longer good although their signature and lifetime are: those of disabled accounts,
/// and those issued before the account's sessions were revoked. A revocation matters only while a token issued before
/// it could still be alive (access-token lifetime plus clock skew), so the set stays small. Every node keeps it in memory, loaded
/// at start-up, updated at once by a cluster notice from the node that made the change, and re-read every
/// <see cref="RefreshInterval"/> in case a notice was lost.
/// </summary>
public sealed partial class SessionRevocations(
    IServiceScopeFactory scopes, IClusterBus bus, IOptions<JwtOptions> jwt, TimeProvider clock, ILogger<SessionRevocations> logger)
    : BackgroundService, ISessionRevocation
{
    public const string NoticeChannel = "sessions";
    public static readonly TimeSpan RefreshInterval = TimeSpan.FromSeconds(30);

    private readonly ConcurrentDictionary<Guid, Entry> _entries = new();

    /// <summary>Loads and reloads one at a time, so that an older snapshot never overwrites a newer change.</summary>
    private readonly SemaphoreSlim _gate = new(1, 1);

    /// <summary>Raised on every node when a user's sessions end (the WebSocket gateway closes their sockets).</summary>
    public event Action<Guid>? Revoked;

    /// <summary>Whether a token of <paramref name="userId"/> issued at <paramref name="issuedAt"/> must be refused.</summary>
    public bool IsRevoked(Guid userId, DateTimeOffset issuedAt) =>
        _entries.TryGetValue(userId, out var entry) && (entry.Disabled || (entry.RevokedAt is { } at && issuedAt < at));

    public async Task RevokeAsync(UserId id, DateTimeOffset at, CancellationToken cancellationToken)
    {
        // Token times are whole seconds: every token issued in the second of the revocation is refused too (a sign-in
        // in that same second has to be repeated a moment later), never one issued before it.
        var since = new DateTime(at.UtcTicks - (at.UtcTicks % TimeSpan.TicksPerSecond) + TimeSpan.TicksPerSecond, DateTimeKind.Utc);
        await using (var scope = scopes.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<ChatCleanDbContext>();
            await db.Users.Where(u => u.Id == id.Value).ExecuteUpdateAsync(u => u.SetProperty(x => x.SessionsRevokedAt, since), cancellationToken);
            await db.RefreshTokens.Where(t => t.UserId == id.Value && t.RevokedAt == null)
                .ExecuteUpdateAsync(t => t.SetProperty(x => x.RevokedAt, at.UtcDateTime), cancellationToken);
        }

        await AccountChangedAsync(id, cancellationToken);
    }

    public async Task AccountChangedAsync(UserId id, CancellationToken cancellationToken)
    {
        await ReloadAsync(id.Value, cancellationToken);
        bus.Publish(NoticeChannel, id.Value.ToString("N"));
    }

    /// <summary>The first load happens before the service takes requests: no revoked token is accepted at start-up.</summary>
    public override async Task StartAsync(CancellationToken cancellationToken)
    {
        try
        {
            await LoadAllAsync(cancellationToken);
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            LogFailure(logger, exception);
        }

        await base.StartAsync(cancellationToken);
    }

    public override void Dispose()
    {
        _gate.Dispose();
        base.Dispose();
        GC.SuppressFinalize(this);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // The node that made a change reloaded it before telling the others.
        bus.Subscribe(NoticeChannel, notice =>
        {
            if (Guid.TryParse(notice, out var id))
            {
                _ = ReloadAsync(id, stoppingToken).ContinueWith(
                    t => LogFailure(logger, t.Exception!), CancellationToken.None, TaskContinuationOptions.OnlyOnFaulted, TaskScheduler.Default);
            }
        }, includeOwn: false);

        using var timer = new PeriodicTimer(RefreshInterval, clock);
        while (await timer.WaitForNextTickAsync(stoppingToken).AsTask().ContinueWith(t => !t.IsCanceled && t.Result, TaskScheduler.Default))
        {
            try
            {
                await LoadAllAsync(stoppingToken);
            }
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                LogFailure(logger, exception);
            }
        }
    }

    private async Task LoadAllAsync(CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken);
        try
        {
            await LoadAllCoreAsync(cancellationToken);
        }
        finally
        {
            _gate.Release();
        }
    }

    private async Task LoadAllCoreAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var rows = await scope.ServiceProvider.GetRequiredService<ChatCleanDbContext>().Users.AsNoTracking()
            .Where(u => u.IsDisabled || u.SessionsRevokedAt > StillRelevantAfter)
            .Select(u => new { u.Id, u.IsDisabled, u.SessionsRevokedAt })
            .ToListAsync(cancellationToken);
        var fresh = rows.ToDictionary(r => r.Id, r => new Entry(r.IsDisabled, Utc(r.SessionsRevokedAt)));
        foreach (var (id, entry) in fresh)
        {
            Apply(id, entry);
        }

        foreach (var gone in _entries.Keys.Where(k => !fresh.ContainsKey(k)).ToArray())
        {
            _entries.TryRemove(gone, out _);
        }
    }

    private async Task ReloadAsync(Guid id, CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken);
        try
        {
            await ReloadCoreAsync(id, cancellationToken);
        }
        finally
        {
            _gate.Release();
        }
    }

    private async Task ReloadCoreAsync(Guid id, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var row = await scope.ServiceProvider.GetRequiredService<ChatCleanDbContext>().Users.AsNoTracking()
            .Where(u => u.Id == id).Select(u => new { u.IsDisabled, u.SessionsRevokedAt }).SingleOrDefaultAsync(cancellationToken);
        if (row is null || (!row.IsDisabled && !(row.SessionsRevokedAt > StillRelevantAfter)))
        {
            _entries.TryRemove(id, out _);
            return;
        }

        Apply(id, new Entry(row.IsDisabled, Utc(row.SessionsRevokedAt)));
    }

    private void Apply(Guid id, Entry entry)
    {
        var before = _entries.TryGetValue(id, out var old) ? old : null;
        _entries[id] = entry;
        if (before != entry)
        {
            Revoked?.Invoke(id);
        }
    }

    /// <summary>Revocations older than this cannot outlive any token issued before them.</summary>
    private DateTime StillRelevantAfter => (clock.GetUtcNow() - jwt.Value.AccessTokenLifetime - jwt.Value.ClockSkew).UtcDateTime;

    private static DateTimeOffset? Utc(DateTime? value) => value is { } v ? new DateTimeOffset(DateTime.SpecifyKind(v, DateTimeKind.Utc)) : null;

    [LoggerMessage(Level = LogLevel.Error, Message = "Revoked sessions could not be brought up to date")]
    private static partial void LogFailure(ILogger logger, Exception exception);

    private sealed record Entry(bool Disabled, DateTimeOffset? RevokedAt);
}
