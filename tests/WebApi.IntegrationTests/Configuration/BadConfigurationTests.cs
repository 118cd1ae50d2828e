using System.Diagnostics;
using ChatClean.TestSupport;
using ChatClean.WebApi.Infrastructure;

namespace ChatClean.WebApi.IntegrationTests.Configuration;

/// <summary>
/// The real service, started as its own process with one bad setting, stops before it listens: it exits non-zero
/// (<see cref="InvalidConfiguration.ExitCode"/>) within seconds, says on standard error which key is wrong, and never
/// answers <c>/health/live</c> or <c>/health/ready</c> meanwhile (ADR 21). Embedded mode: no database or Redis needed.
/// </summary>
public sealed class BadConfigurationTests : IDisposable
{
    private static readonly TimeSpan ExitWithin = TimeSpan.FromSeconds(20);

    private readonly string _dataDirectory = TestSecrets.NewDataDirectory();

    public void Dispose()
    {
        if (Directory.Exists(_dataDirectory))
        {
            Directory.Delete(_dataDirectory, recursive: true);
        }
    }

    [Fact]
    public async Task A_waiting_timeout_that_is_not_a_time_span_stops_the_start_naming_its_key_and_health_never_answers()
    {
        var run = await RunAsync(("Conversations:WaitingTimeout", "banana"));

        run.ShouldStopNaming("Conversations:WaitingTimeout");
        run.Error.ShouldContain("Conversations:WaitingTimeout: 'banana' is not a valid TimeSpan");
    }

    [Theory]
    [InlineData("Conversations:WaitingTimeout", "00:00:00")]
    [InlineData("Conversations:WaitingTimeout", "-00:00:05")]
    [InlineData("Conversations:WaitingTimeoutByReason:ai_faild", "00:00:30")]
    [InlineData("Realtime:MaxFrameBytes", "lots")]
    [InlineData("Realtime:IdleTimeout", "-00:01:00")]
    [InlineData("Realtime:PresenceExpiry", "0")]
    [InlineData("Storage:Provider", "Oracle")]
    [InlineData("Ai:Provider", "Nope")]
    [InlineData("Ai:MinCoverage", "2")]
    [InlineData("Metrics:SampleInterval", "soon")]
    [InlineData("Hangfire:WorkerCount", "0")]
    [InlineData("Hangfire:Enabled", "yes")]
    [InlineData("EventStore:SubscriptionPollInterval", "never")]
    [InlineData("Passwords:BcryptWorkFactor", "99")]
    [InlineData("RateLimits:LoginPerAccount:Limit", "0")]
    [InlineData("Kestrel:Limits:MaxRequestBodySize", "big")]
    [InlineData("Security:TrustedProxies:0", "the-proxy")]
    [InlineData("Console:EmbedOrigins:0", "https://shop.example/")]
    [InlineData("Audit:Checkpoints:SigningKey", "not-a-pem-key")]
    [InlineData("Health:MaxProjectionLag", "00:00:00")]
    [InlineData("Health:CheckTimeout", "fast")]
    [InlineData("Logging:Format", "xml")]
    [InlineData("OpenTelemetry:Otlp:Endpoint", "collector:4317")]
    [InlineData("OpenTelemetry:Otlp:Protocol", "udp")]
    public async Task A_bad_value_stops_the_start_naming_its_key(string key, string value)
    {
        var run = await RunAsync((key, value));

        run.ShouldStopNaming(key);
    }

    [Fact]
    public async Task Several_bad_values_are_all_named_in_one_start()
    {
        var run = await RunAsync(("Conversations:WaitingTimeout", "banana"), ("Realtime:FrameBurst", "0"), ("Metrics:SampleInterval", "soon"), ("Jwt:ClockSkew", "-00:00:01"));

        run.ShouldStopNaming("Conversations:WaitingTimeout", "Realtime:FrameBurst", "Metrics:SampleInterval", "Jwt:ClockSkew");
    }

    private async Task<Run> RunAsync(params (string Key, string Value)[] bad)
    {
        var settings = TestSecrets.ServiceSettings(_dataDirectory);
        foreach (var (key, value) in bad)
        {
            settings[key] = value;
        }

        var port = Ports.Free();
        using var node = ServiceProcess.Start(typeof(Program).Assembly.Location, settings, $"http://127.0.0.1:{port}");
        using var probe = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}"), Timeout = TimeSpan.FromSeconds(1) };
        var answers = new List<string>();
        var clock = Stopwatch.StartNew();
        while (!node.HasExited && clock.Elapsed < ExitWithin)
        {
            foreach (var path in new[] { "/health/live", "/health/ready" })
            {
                try
                {
                    answers.Add($"{path}: {(int)(await probe.GetAsync(path)).StatusCode}");
                }
                catch (Exception exception) when (exception is HttpRequestException or TaskCanceledException)
                {
                    // Nobody listens (or not yet): what a node with a bad configuration must look like.
                }
            }

            await Task.Delay(TimeSpan.FromMilliseconds(20));
        }

        var exited = await node.WaitForExitAsync(ExitWithin - clock.Elapsed > TimeSpan.Zero ? ExitWithin - clock.Elapsed : TimeSpan.Zero);
        return new Run(exited, exited ? node.ExitCode : null, node.Error, node.Output, answers);
    }

    private sealed record Run(bool Exited, int? ExitCode, string Error, string Output, IReadOnlyList<string> HealthAnswers)
    {
        public void ShouldStopNaming(params string[] keys)
        {
            HealthAnswers.ShouldBeEmpty($"output: {Output}");
            Exited.ShouldBeTrue($"the service was still running after {ExitWithin}; output: {Output}");
            ExitCode.ShouldBe(InvalidConfiguration.ExitCode, $"output: {Output}");
            foreach (var key in keys)
            {
                Error.ShouldContain($"{key}: ", Case.Sensitive, $"standard error should name {key}; output: {Output}");
            }

            // One problem line per bad key and no other: the rest of the test service's settings are valid.
            Error.Split('\n').Count(line => line.StartsWith("  ", StringComparison.Ordinal)).ShouldBe(keys.Length, $"output: {Output}");
        }
    }
}
