using HangfireLogging = Hangfire.Logging;

namespace ChatClean.Infrastructure.Scheduling;

/// <summary>
/// Hangfire logs through one process-wide provider. This one forwards to a host's logging and goes quiet once
/// that host is disposed, so a process that runs several hosts one after another (the tests) never fails on it.
/// </summary>
internal sealed class HangfireLogBridge(ILoggerFactory loggerFactory) : HangfireLogging.ILogProvider
{
    public HangfireLogging.ILog GetLogger(string name)
    {
        try
        {
            return new ForwardingLog(loggerFactory.CreateLogger(name));
        }
        catch (ObjectDisposedException)
        {
            return new ForwardingLog(null);
        }
    }

    private sealed class ForwardingLog(ILogger? logger) : HangfireLogging.ILog
    {
        public bool Log(HangfireLogging.LogLevel logLevel, Func<string>? messageFunc, Exception? exception = null)
        {
            if (logger is null)
            {
                return false;
            }

            var level = logLevel switch
            {
                HangfireLogging.LogLevel.Trace => LogLevel.Trace,
                HangfireLogging.LogLevel.Debug => LogLevel.Debug,
                HangfireLogging.LogLevel.Info => LogLevel.Information,
                HangfireLogging.LogLevel.Warn => LogLevel.Warning,
                HangfireLogging.LogLevel.Error => LogLevel.Error,
                _ => LogLevel.Critical,
            };
            try
            {
                if (messageFunc is null)
                {
                    return logger.IsEnabled(level);
                }

#pragma warning disable CA1848, CA1873, CA2254 // Hangfire hands over finished messages: there is no template to cache.
                logger.Log(level, exception, messageFunc());
#pragma warning restore CA1848, CA1873, CA2254
                return true;
            }
            catch (ObjectDisposedException)
            {
                return false;
            }
        }
    }
}
