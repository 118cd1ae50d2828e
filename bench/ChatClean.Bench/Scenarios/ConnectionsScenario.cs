using System.Diagnostics;
using System.Globalization;
using System.Net;
using ChatClean.TestSupport;

namespace ChatClean.Bench;

/// <summary>
/// How many connections one node holds and what each costs. First the baseline: a bare Kestrel WebSocket echo server
/// (<see cref="EchoServer"/>, its own process, the same GC mode as the service) holding the same number of idle
/// connections: its memory per connection, connect rate, echo rate and broadcast rate. Then the service (its own
/// process, MariaDB + Redis) holds authenticated idle WebSockets up to its cap (95 % of the open-file limit by
/// default; 200 in a quick run), each sending a <c>ping</c> every 30 s as the protocol asks; memory per connection
/// beside the echo server's (goal ≤ 1.2×). Beyond the cap, new upgrades must get 503 while the held connections stay
/// healthy (every one still open, a sample answering <c>ping</c>).
/// </summary>
public sealed class ConnectionsScenario : IScenario
{
    private const int Addresses = 16;
    private static readonly TimeSpan Heartbeat = TimeSpan.FromSeconds(30);

    public string Name => "connections";

    public bool InQuickRun => true;

    public async Task RunAsync(BenchContext context)
    {
        var limit = ServiceCap(context);
        var count = context.Number("--connections", limit, limit);
        Console.WriteLine($"# {count:N0} connections (the service's cap: {limit:N0}; open-file limit {OpenFileLimit()?.ToString(CultureInfo.InvariantCulture) ?? "none"})");

        var echo = await MeasureEchoServerAsync(context, count);
        await using var database = await BenchContext.MigratedDatabaseAsync();
        await context.Report.ReadServerSettingsAsync(database.ConnectionString);
        await MeasureServiceAsync(context, database.ConnectionString, count, limit, echo);
    }

    /// <summary>The cap the service will apply: <c>--cap</c>, else 200 in a quick run, else its default (95 % of the open-file limit).</summary>
    private static int ServiceCap(BenchContext context) =>
        context.Number("--cap", OpenFileLimit() is { } files ? (int)(files * 95 / 100) : 10_000, 200);

    private async Task<EchoFigures> MeasureEchoServerAsync(BenchContext context, int count)
    {
        var settings = new Dictionary<string, string> { [BenchMain.EchoServerVariable] = "1", ["DOTNET_gcServer"] = "1" };
        var (server, address) = await ServiceProcess.StartReadyAsync(typeof(BenchMain).Assembly.Location, settings, readyPath: "/");
        using var echoServer = server;

        var frames = new FrameCounter();
        await WarmUpAsync(address, "-", frames);
        var (sockets, connectSeconds, memory) = await OpenMeasuredAsync(address, count, _ => "-", frames.OnFrame, server.ProcessId,
            _ => HoldAsync(context, count, "echo server", server.ProcessId));
        try
        {
            context.Report.Add(new Figure(
                Name, $"echo server: memory per idle connection (RSS, {count / 2:N0} → {count:N0} held)", memory.MarginalKb, "KB", Detail: memory.Detail));
            context.Report.Add(new Figure(Name, "echo server: connect rate", count / connectSeconds, "connections/s"));

            var echoRate = await EchoRateAsync(sockets.Take(64).ToArray(), frames, context.Point);
            context.Report.Add(new Figure(Name, $"echo server: echo rate ({Math.Min(64, count)} connections, one frame in flight each)", echoRate, "frames/s"));

            var broadcasts = context.Quick ? 3 : 10;
            var started = Stopwatch.GetTimestamp();
            for (var i = 1; i <= broadcasts; i++)
            {
                await sockets[0].SendAsync("broadcast"u8.ToArray());
                await frames.WaitForAsync("b", (long)count * i, TimeSpan.FromSeconds(60));
            }

            var broadcastRate = (double)count * broadcasts / Stopwatch.GetElapsedTime(started).TotalSeconds;
            context.Report.Add(new Figure(Name, $"echo server: broadcast rate (one frame to all {count:N0})", broadcastRate, "deliveries/s"));
            return new EchoFigures(memory.MarginalKb, count / connectSeconds);
        }
        finally
        {
            await DisposeAllAsync(sockets);
        }
    }

    private async Task MeasureServiceAsync(BenchContext context, string mySql, int count, int limit, EchoFigures echo)
    {
        var settings = BenchService.Settings(mySql);
        if (context.Quick || context.Flag("--cap"))
        {
            settings["Realtime:MaxConnections"] = limit.ToString(CultureInfo.InvariantCulture);
        }

        var (server, address) = await ServiceProcess.StartReadyAsync(context.WebApiDll, settings);
        using var node = server;
        var users = await BenchUsers.ManyAsync(context.Quick ? 2 : 20, _ => BenchUsers.CustomerAsync(address));
        var pongs = new PongClock(count);
        try
        {
            await WarmUpAsync(address, users[0].Token, pongs);
            using var heartbeats = new CancellationTokenSource();
            var beating = Task.CompletedTask;
            var (sockets, connectSeconds, memory) = await OpenMeasuredAsync(address, count, i => users[i % users.Length].Token, pongs.OnFrame, server.ProcessId,
                async held =>
                {
                    beating = HeartbeatAsync(held, heartbeats.Token);
                    await Task.Delay(context.Point);
                    await HoldAsync(context, count, "service", server.ProcessId);
                });
            try
            {
                context.Report.Add(new Figure(
                    Name, $"service: memory per authenticated idle connection (RSS, {count / 2:N0} → {count:N0} held, ping every 30 s)", memory.MarginalKb, "KB",
                    "echo server", echo.KbPerConnection, Detail: memory.Detail, RatioCeiling: 1.2));
                context.Report.Add(new Figure(Name, "service: connect rate (token checked on each upgrade)", count / connectSeconds, "connections/s", "echo server", echo.ConnectsPerSecond));

                // Beyond the cap: every further upgrade is refused before it is accepted.
                var attempts = context.Quick ? 5 : 50;
                var refused = 0;
                for (var i = 0; i < attempts; i++)
                {
                    if (await BenchSocket.TryUpgradeAsync(address, users[0].Token, BenchSocket.Source(i, Addresses)) == HttpStatusCode.ServiceUnavailable)
                    {
                        refused++;
                    }
                }

                // The held connections carry on: all still open, and a sample answers a ping at once.
                var sample = sockets.Where((_, i) => i % Math.Max(1, count / 500) == 0).ToArray();
                var latencies = await pongs.PingAllAsync(sample, TimeSpan.FromSeconds(10));
                var open = sockets.Count(s => s.State == System.Net.WebSockets.WebSocketState.Open);
                var answered = latencies.Count(l => l is not null);
                var sorted = latencies.OfType<double>().Order().ToArray();
                context.Report.Add(new Figure(
                    Name, $"service at its cap: upgrades beyond it refused with 503 (of {attempts})", refused, "upgrades",
                    Detail: new Dictionary<string, double>
                    {
                        ["attempted"] = attempts, ["refused503"] = refused, ["held"] = count, ["stillOpen"] = open,
                        ["sampledPings"] = sample.Length, ["answered"] = answered,
                        ["pingP50Ms"] = Throughput.Rank(sorted, 0.5), ["pingP99Ms"] = Throughput.Rank(sorted, 0.99),
                    }));
                if (refused != attempts || open != count || answered != sample.Length)
                {
                    throw new InvalidOperationException(
                        $"At its cap the service refused {refused} of {attempts} upgrades with 503, kept {open} of {count} connections open and {answered} of {sample.Length} answered a ping.");
                }
            }
            finally
            {
                await heartbeats.CancelAsync();
                await beating;
                await DisposeAllAsync(sockets);
            }
        }
        finally
        {
            foreach (var user in users)
            {
                user.Dispose();
            }
        }
    }

    /// <summary><c>--hold N</c>: keeps the connections N seconds longer, for a look from outside (dotnet-dump, dotnet-counters, perf).</summary>
    private static async Task HoldAsync(BenchContext context, int count, string what, int processId)
    {
        if (context.Number("--hold", 0, 0) is > 0 and var hold)
        {
            Console.WriteLine($"# holding {count:N0} connections to the {what} (pid {processId}) for {hold} s");
            await Task.Delay(TimeSpan.FromSeconds(hold));
        }
    }

    /// <summary>
    /// Opens <paramref name="count"/> sockets in two halves and reads the server's resident memory after each (the
    /// second time after <paramref name="settle"/>): the memory of a connection is what the second half added, each.
    /// Fixed costs (code, pools, the heap the collector keeps after the connect storm's garbage) are paid by the first
    /// half, so servers that allocate differently while connecting are compared on what a held connection costs.
    /// </summary>
    private static async Task<(BenchSocket[] Sockets, double Seconds, HeldMemory Memory)> OpenMeasuredAsync(
        Uri server, int count, Func<int, string> token, Action<BenchSocket, ReadOnlySpan<byte>> onFrame, int processId, Func<BenchSocket[], Task> settle)
    {
        var start = ResourceCounters.RssBytes(processId);
        var half = count / 2;
        var (first, firstSeconds) = await ConnectAsync(server, 0, half, token, onFrame);
        await Task.Delay(TimeSpan.FromSeconds(2));
        var atHalf = ResourceCounters.RssBytes(processId);
        var (second, secondSeconds) = await ConnectAsync(server, half, count - half, token, onFrame);
        BenchSocket[] sockets = [.. first, .. second];
        await Task.Delay(TimeSpan.FromSeconds(2));
        await settle(sockets);
        var atFull = ResourceCounters.RssBytes(processId);
        var memory = new HeldMemory((atFull - atHalf) / 1024.0 / (count - half), (atFull - start) / 1024.0 / count, atFull / 1024.0 / 1024);
        return (sockets, firstSeconds + secondSeconds, memory);
    }

    /// <summary>Opens sockets <paramref name="from"/> … <paramref name="from"/> + <paramref name="count"/> − 1, 64 at a time, spread over 127.0.0.2 … 127.0.0.17.</summary>
    private static async Task<(BenchSocket[] Sockets, double Seconds)> ConnectAsync(
        Uri server, int from, int count, Func<int, string> token, Action<BenchSocket, ReadOnlySpan<byte>> onFrame)
    {
        var started = Stopwatch.GetTimestamp();
        var sockets = await BenchUsers.ManyAsync(
            count, i => BenchSocket.ConnectAsync(server, token(from + i), BenchSocket.Source(from + i, Addresses), onFrame, from + i), parallel: 64);
        return (sockets, Stopwatch.GetElapsedTime(started).TotalSeconds);
    }

    /// <summary>A few connections opened and closed first, so that the code and pools they need are there before the memory is read.</summary>
    private static async Task WarmUpAsync(Uri server, string token, IFrameSink sink)
    {
        var (sockets, _) = await ConnectAsync(server, 0, 50, _ => token, sink.OnFrame);
        await DisposeAllAsync(sockets);
        await Task.Delay(TimeSpan.FromSeconds(1));
    }

    private static async Task<double> EchoRateAsync(BenchSocket[] sockets, FrameCounter frames, TimeSpan duration)
    {
        var payload = """{"type":"echo","body":"Where is my parcel? It was due yesterday."}"""u8.ToArray();
        using var stop = new CancellationTokenSource(duration);
        var started = Stopwatch.GetTimestamp();
        var echoed = 0L;
        await Task.WhenAll(sockets.Select(async socket =>
        {
            for (var sent = 1L; !stop.IsCancellationRequested; sent++)
            {
                await socket.SendAsync(payload);
                await frames.WaitForSocketAsync(socket, sent);
                Interlocked.Increment(ref echoed);
            }
        }));
        return echoed / Stopwatch.GetElapsedTime(started).TotalSeconds;
    }

    /// <summary>Every socket sends <c>ping</c> once per <see cref="Heartbeat"/>, the sockets spread evenly over it (a slice every 100 ms).</summary>
    private static async Task HeartbeatAsync(BenchSocket[] sockets, CancellationToken stop)
    {
        var tick = TimeSpan.FromMilliseconds(100);
        using var timer = new PeriodicTimer(tick);
        var perTick = (int)Math.Ceiling(sockets.Length / (Heartbeat / tick));
        var next = 0;
        try
        {
            while (await timer.WaitForNextTickAsync(stop))
            {
                for (var i = 0; i < perTick; i++, next = (next + 1) % sockets.Length)
                {
                    _ = SendQuietlyAsync(sockets[next], PongClock.Ping(next));
                }
            }
        }
        catch (OperationCanceledException)
        {
        }
    }

    /// <summary>A heartbeat to a socket that has closed meanwhile is not an error of the run: the health check counts closed sockets.</summary>
    private static async Task SendQuietlyAsync(BenchSocket socket, byte[] frame)
    {
        try
        {
            await socket.SendAsync(frame);
        }
        catch (Exception exception) when (exception is System.Net.WebSockets.WebSocketException or ObjectDisposedException or InvalidOperationException)
        {
        }
    }

    private static Task DisposeAllAsync(IEnumerable<BenchSocket> sockets) =>
        Parallel.ForEachAsync(sockets, new ParallelOptions { MaxDegreeOfParallelism = 256 }, async (s, _) => await s.DisposeAsync());

    private static long? OpenFileLimit()
    {
        var line = File.Exists("/proc/self/limits") ? File.ReadLines("/proc/self/limits").FirstOrDefault(l => l.StartsWith("Max open files", StringComparison.Ordinal)) : null;
        var soft = line?["Max open files".Length..].Split(' ', StringSplitOptions.RemoveEmptyEntries).FirstOrDefault();
        return long.TryParse(soft, NumberStyles.None, CultureInfo.InvariantCulture, out var files) ? files : null;
    }

    private sealed record EchoFigures(double KbPerConnection, double ConnectsPerSecond);

    /// <summary>KB per connection the second half added, KB per connection over all (with the fixed costs), and the resident total in MB.</summary>
    private sealed record HeldMemory(double MarginalKb, double AverageKb, double ResidentMb)
    {
        public Dictionary<string, double> Detail => new() { ["averageKbPerConnection"] = AverageKb, ["residentMb"] = ResidentMb };
    }

    private interface IFrameSink
    {
        void OnFrame(BenchSocket socket, ReadOnlySpan<byte> utf8);
    }

    /// <summary>Frames received from the echo server: by type, and per socket.</summary>
    private sealed class FrameCounter : IFrameSink
    {
        private readonly Dictionary<string, long> _byType = [];
        private readonly Dictionary<int, long> _bySocket = [];
        private readonly List<(Func<bool> Done, TaskCompletionSource Signal)> _waiting = [];

        public void OnFrame(BenchSocket socket, ReadOnlySpan<byte> utf8)
        {
            var type = FrameFields.Read(utf8).Type ?? string.Empty;
            lock (_waiting)
            {
                _byType[type] = _byType.GetValueOrDefault(type) + 1;
                _bySocket[socket.Index] = _bySocket.GetValueOrDefault(socket.Index) + 1;
                for (var i = _waiting.Count - 1; i >= 0; i--)
                {
                    if (_waiting[i].Done())
                    {
                        _waiting[i].Signal.TrySetResult();
                        _waiting.RemoveAt(i);
                    }
                }
            }
        }

        public Task WaitForAsync(string type, long total, TimeSpan within) =>
            WaitAsync(() => _byType.GetValueOrDefault(type) >= total).WaitAsync(within);

        public Task WaitForSocketAsync(BenchSocket socket, long total) =>
            WaitAsync(() => _bySocket.GetValueOrDefault(socket.Index) >= total).WaitAsync(TimeSpan.FromSeconds(30));

        private Task WaitAsync(Func<bool> done)
        {
            lock (_waiting)
            {
                if (done())
                {
                    return Task.CompletedTask;
                }

                var signal = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
                _waiting.Add((done, signal));
                return signal.Task;
            }
        }
    }

    /// <summary>The service's <c>pong</c>s: each ping carries its socket's index as its ref, and the time of the latest pong per socket is kept.</summary>
    private sealed class PongClock(int count) : IFrameSink
    {
        private readonly long[] _lastPong = new long[Math.Max(count, 64)];

        public static byte[] Ping(int index) => FrameFields.Utf8($$"""{"type":"ping","ref":"h{{index}}"}""");

        public void OnFrame(BenchSocket socket, ReadOnlySpan<byte> utf8)
        {
            var frame = FrameFields.Read(utf8);
            if (frame.Type == "pong" && socket.Index < _lastPong.Length)
            {
                Volatile.Write(ref _lastPong[socket.Index], Stopwatch.GetTimestamp());
            }
        }

        /// <summary>Pings each socket and waits for its pong: the round trip in ms, or null when none came within the time.</summary>
        public async Task<double?[]> PingAllAsync(BenchSocket[] sockets, TimeSpan within) =>
            await Task.WhenAll(sockets.Select(async socket =>
            {
                var sent = Stopwatch.GetTimestamp();
                await socket.SendAsync(Ping(socket.Index));
                var deadline = sent + (long)(within.TotalSeconds * Stopwatch.Frequency);
                while (Stopwatch.GetTimestamp() < deadline)
                {
                    var last = Volatile.Read(ref _lastPong[socket.Index]);
                    if (last > sent)
                    {
                        return (double?)Stopwatch.GetElapsedTime(sent, last).TotalMilliseconds;
                    }

                    await Task.Delay(5);
                }

                return null;
            }));
    }
}
