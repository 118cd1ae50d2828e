using ChatClean.Application.Abstractions.Hosting;
using ChatClean.Infrastructure.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging.Abstractions;

namespace ChatClean.Infrastructure.IntegrationTests.Hosting;

/// <summary>The start-up sequence's stop: every step is stopped in reverse; a step still stopping when the host's shutdown timeout runs out is abandoned, a step that fails fails the stop.</summary>
public sealed class StartupSequenceTests
{
    [Fact]
    public async Task A_step_that_outlives_the_shutdown_timeout_is_abandoned_and_the_steps_before_it_still_stop()
    {
        var stopped = new List<string>();
        await using var provider = Provider(stopped, new Step("first"), new Step("slow", Slow: true));
        using var sequence = Sequence(provider);
        await sequence.StartAsync(CancellationToken.None);

        using var timeout = new CancellationTokenSource(TimeSpan.FromMilliseconds(100));
        await sequence.StopAsync(timeout.Token);

        stopped.ShouldBe(["first"]);
    }

    [Fact]
    public async Task A_step_that_fails_to_stop_fails_the_stop_after_every_other_step_has_stopped()
    {
        var stopped = new List<string>();
        await using var provider = Provider(stopped, new Step("first"), new Step("broken", Fails: true), new Step("last"));
        using var sequence = Sequence(provider);
        await sequence.StartAsync(CancellationToken.None);

        var failure = await Should.ThrowAsync<AggregateException>(() => sequence.StopAsync(CancellationToken.None));

        failure.InnerExceptions.Single().Message.ShouldBe("broken cannot stop");
        stopped.ShouldBe(["last", "first"]);
        await sequence.StopAsync(CancellationToken.None); // a second stop finds nothing left to stop
        stopped.Count.ShouldBe(2);
    }

    [Fact]
    public async Task Stops_that_overlap_stop_every_step_once()
    {
        var stopped = new List<string>();
        await using var provider = Provider(stopped, new Step("first", Delayed: true), new Step("second", Delayed: true), new Step("third", Delayed: true));
        using var sequence = Sequence(provider);
        await sequence.StartAsync(CancellationToken.None);

        await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => Task.Run(() => sequence.StopAsync(CancellationToken.None))));

        stopped.ShouldBe(["third", "second", "first"]);
    }

    private static ServiceProvider Provider(List<string> stopped, params Step[] steps)
    {
        var services = new ServiceCollection();
        foreach (var (step, index) in steps.Select((s, i) => (s, i)))
        {
            var type = StepTypes[index];
            services.AddSingleton(type, _ => Activator.CreateInstance(type, step, stopped)!);
            services.AddSingleton(new StartupStep(StartupPhase.Subscriptions, type));
        }

        services.AddSingleton<IHostApplicationLifetime, Lifetime>();
        return services.BuildServiceProvider();
    }

    private static StartupSequence Sequence(IServiceProvider provider) => new(
        provider.GetServices<StartupStep>(), provider, provider.GetRequiredService<IHostApplicationLifetime>(), NullLogger<StartupSequence>.Instance);

    private static readonly Type[] StepTypes = [typeof(Service1), typeof(Service2), typeof(Service3)];

    private sealed record Step(string Name, bool Slow = false, bool Fails = false, bool Delayed = false);

    private abstract class Service(Step step, List<string> stopped) : IHostedService
    {
        public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

        public async Task StopAsync(CancellationToken cancellationToken)
        {
            if (step.Slow)
            {
                await Task.Delay(Timeout.Infinite, cancellationToken);
            }

            if (step.Delayed)
            {
                await Task.Delay(TimeSpan.FromMilliseconds(20), CancellationToken.None);
            }

            if (step.Fails)
            {
                throw new InvalidOperationException($"{step.Name} cannot stop");
            }

            lock (stopped)
            {
                stopped.Add(step.Name);
            }
        }
    }

    private sealed class Service1(Step step, List<string> stopped) : Service(step, stopped);

    private sealed class Service2(Step step, List<string> stopped) : Service(step, stopped);

    private sealed class Service3(Step step, List<string> stopped) : Service(step, stopped);

    private sealed class Lifetime : IHostApplicationLifetime
    {
        public CancellationToken ApplicationStarted => CancellationToken.None;

        public CancellationToken ApplicationStopping => CancellationToken.None;

        public CancellationToken ApplicationStopped => CancellationToken.None;

        public void StopApplication()
        {
        }
    }
}
