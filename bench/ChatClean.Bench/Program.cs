namespace ChatClean.Bench;

/// <summary>
/// <c>./bench/run.sh [scenario…] [--quick]</c>: runs the named scenarios (all by default; with <c>--quick</c> the
/// short ones, well under a minute), prints every figure beside its same-run baseline, and writes
/// <c>bench/results/&lt;utc&gt;.json</c>. (A named class, not top-level statements: the tests reference both this and
/// the service, whose <c>Program</c> is the one they mean.)
/// </summary>
public static class BenchMain
{
    /// <summary>The environment variable that makes this program the bare WebSocket echo server of the baselines instead.</summary>
    public const string EchoServerVariable = "BENCH_ECHO_SERVER";

    public static Task<int> Main(string[] args) =>
        Environment.GetEnvironmentVariable(EchoServerVariable) == "1" ? EchoServer.RunAsync(args) : BenchProgram.RunAsync(args);
}
