using ChatClean.TestSupport;

namespace ChatClean.Bench;

/// <summary>The service as the benchmarks run it: MariaDB and Redis, no AI replies, jobs or rate limits in the way.</summary>
public static class BenchService
{
    /// <summary>
    /// The service's settings; <c>BENCH_SERVICE_ENV="KEY=value;KEY2=value"</c> adds environment variables to every node
    /// (runtime knobs such as <c>DOTNET_gcServer=0</c> or <c>DOTNET_ThreadPool_UnfairSemaphoreSpinLimit=0</c>).
    /// </summary>
    public static Dictionary<string, string> Settings(string mySql)
    {
        var settings = Defaults(mySql);
        foreach (var pair in (Environment.GetEnvironmentVariable("BENCH_SERVICE_ENV") ?? string.Empty).Split(';', StringSplitOptions.RemoveEmptyEntries))
        {
            settings[pair[..pair.IndexOf('=', StringComparison.Ordinal)]] = pair[(pair.IndexOf('=', StringComparison.Ordinal) + 1)..];
        }

        return settings;
    }

    private static Dictionary<string, string> Defaults(string mySql) => new()
    {
        ["Passwords:BcryptWorkFactor"] = "4",
        ["Storage:Provider"] = "MySql",
        ["ConnectionStrings:MySql"] = mySql,
        ["ConnectionStrings:Redis"] = TestEnvironment.Redis,
        ["Redis:Prefix"] = $"chatclean-bench-{Guid.NewGuid():N}",
        ["Storage:DataDirectory"] = Path.Combine(Path.GetTempPath(), "chatclean-bench", Guid.NewGuid().ToString("N")),
        ["Jwt:SigningKey"] = "benchmark-signing-key-0123456789-abcdefghijklmnopqrstuvwxyz",
        ["Encryption:Keys:bench"] = Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32)),
        ["Encryption:CurrentKeyId"] = "bench",
        ["Encryption:LookupKey"] = Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32)),
        ["Bootstrap:AdminUsername"] = BenchUsers.AdminUsername,
        ["Bootstrap:AdminPassword"] = BenchUsers.AdminPassword,
        ["Logging:LogLevel:Default"] = "Warning",
        ["Ai:Enabled"] = "false",
        ["Hangfire:Enabled"] = "false",
        ["RateLimits:Enabled"] = "false",
    };

    /// <summary>
    /// The service as users meet it: the built-in AI answers and jobs run; only the limits a load generator would trip
    /// (frames per connection, requests per address) are lifted.
    /// </summary>
    public static Dictionary<string, string> Live(string mySql)
    {
        var settings = Settings(mySql);
        settings["Ai:Enabled"] = "true";
        settings["Hangfire:Enabled"] = "true";
        settings["Realtime:FramesPerSecond"] = "100000";
        settings["Realtime:FrameBurst"] = "100000";
        if (Environment.GetEnvironmentVariable("BENCH_PERF_MAP") == "1")
        {
            // For `perf record -g -p <service pid>`: the JIT writes /tmp/perf-<pid>.map, and code is mapped once so perf can name it.
            settings["DOTNET_PerfMapEnabled"] = "1";
            settings["DOTNET_EnableWriteXorExecute"] = "0";
        }

        return settings;
    }
}
