using System.Diagnostics.Metrics;
using ChatClean.Application.Ai;

namespace ChatClean.Infrastructure.Ai;

/// <summary>
/// <c>chatclean.ai.circuit_state</c> (meter <c>ChatClean.Ai.Circuit</c>): the model breaker's state, 0 closed, 1 half
/// open, 2 open. Only a node with a remote model (<c>Ai:Provider=OpenAI</c>) has a breaker, and only it reports the series.
/// </summary>
internal static class CircuitStateGauge
{
    private static readonly Meter Meter = new(AiMetrics.MeterName + ".Circuit");
    private static volatile CircuitBreaker? _breaker;

    static CircuitStateGauge() =>
        Meter.CreateObservableGauge("chatclean.ai.circuit_state", Observe, description: "The model circuit breaker: 0 closed, 1 half open, 2 open.");

    /// <summary>Reports <paramref name="breaker"/> from now on (the service has one model, so the latest wins).</summary>
    public static void Track(CircuitBreaker breaker) => _breaker = breaker;

    private static IEnumerable<Measurement<int>> Observe() =>
        _breaker is { } breaker ? [new Measurement<int>((int)breaker.State)] : [];
}
