using System.Diagnostics;
using ChatClean.Plugins;

namespace ChatClean.Infrastructure.Plugins;

/// <summary>
/// The active plugins and the one way they are called: with a time limit, a failure or an overrun logged, counted
/// (<see cref="PluginMetrics"/>) and turned into "no opinion". A hook that ignores its cancellation token is not
/// waited for; it runs on in the background and its result is thrown away.
/// </summary>
public sealed partial class PluginHost(IReadOnlyList<IChatPlugin> plugins, IOptions<PluginOptions> options, ILogger<PluginHost> logger)
{
    public IReadOnlyList<IMessageFilter> Filters { get; } = plugins.OfType<IMessageFilter>().ToArray();

    public IReadOnlyList<IConversationObserver> Observers { get; } = plugins.OfType<IConversationObserver>().ToArray();

    public IReadOnlyList<string> Names { get; } = plugins.Select(p => p.Name).ToArray();

    /// <summary>Runs <paramref name="call"/>; returns its result, or <paramref name="fallback"/> when it failed or overran.</summary>
    public async ValueTask<T> CallAsync<T>(IChatPlugin plugin, string hook, Func<CancellationToken, ValueTask<T>> call, T fallback, Func<T, string> outcomeOf, CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        var limit = options.Value.Timeout;
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(limit);
        try
        {
            var result = await Start(call, timeout.Token).WaitAsync(limit, cancellationToken);
            PluginMetrics.Called(plugin.Name, hook, outcomeOf(result), Stopwatch.GetElapsedTime(started));
            return result;
        }
        catch (Exception exception) when (!cancellationToken.IsCancellationRequested)
        {
            var overran = exception is TimeoutException or OperationCanceledException;
            PluginMetrics.Called(plugin.Name, hook, overran ? "timed_out" : "failed", Stopwatch.GetElapsedTime(started));
            if (overran)
            {
                LogTimedOut(logger, plugin.Name, hook, limit.TotalMilliseconds);
            }
            else
            {
                LogFailed(logger, exception, plugin.Name, hook);
            }

            return fallback;
        }
    }

    /// <summary>Starts the call on the thread pool, so a plugin that blocks synchronously blocks only itself.</summary>
    private static Task<T> Start<T>(Func<CancellationToken, ValueTask<T>> call, CancellationToken cancellationToken) =>
        Task.Run(async () => await call(cancellationToken), cancellationToken);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Plugin {Plugin} did not answer {Hook} within {LimitMs} ms; it was skipped")]
    private static partial void LogTimedOut(ILogger logger, string plugin, string hook, double limitMs);

    [LoggerMessage(Level = LogLevel.Error, Message = "Plugin {Plugin} failed in {Hook}; it was skipped")]
    private static partial void LogFailed(ILogger logger, Exception exception, string plugin, string hook);
}
