using System.Diagnostics;
using StackExchange.Redis;

namespace ChatClean.TestSupport;

/// <summary>Stops and starts the local Redis that scripts/services.sh runs (for tests of what survives a Redis restart).</summary>
public static class RedisServer
{
    public static async Task StopAsync()
    {
        await RunAsync("redis-cli", "-h", "127.0.0.1", "-p", "6379", "shutdown", "nosave");
        await WaitAsync(up: false);
    }

    public static async Task StartAsync()
    {
        await RunAsync("redis-server", "/etc/redis/redis.conf", "--bind", "127.0.0.1", "--port", "6379", "--daemonize", "yes", "--supervised", "no");
        await WaitAsync(up: true);
    }

    private static async Task WaitAsync(bool up)
    {
        for (var i = 0; i < 100; i++)
        {
            try
            {
                using var redis = await ConnectionMultiplexer.ConnectAsync(new ConfigurationOptions { EndPoints = { TestEnvironment.Redis }, ConnectTimeout = 200 });
                await redis.GetDatabase().PingAsync();
                if (up)
                {
                    return;
                }
            }
            catch (RedisException)
            {
                if (!up)
                {
                    return;
                }
            }

            await Task.Delay(100);
        }

        throw new TimeoutException($"Redis did not come {(up ? "up" : "down")}.");
    }

    private static async Task RunAsync(string command, params string[] arguments)
    {
        using var process = Process.Start(new ProcessStartInfo(command, arguments) { RedirectStandardOutput = true, RedirectStandardError = true })!;
        await process.WaitForExitAsync();
    }
}
