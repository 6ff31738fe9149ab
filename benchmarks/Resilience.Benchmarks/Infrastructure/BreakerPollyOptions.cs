using Polly;
using Polly.CircuitBreaker;
using Resilience.Benchmarks.Infrastructure;

namespace Resilience.Benchmarks.Scenarios;

/// <summary>Polly v8 circuit-breaker options matching <c>[CircuitBreaker]</c> as closely as Polly allows.</summary>
internal static class PollyBreakerOptions
{
    /// <summary>
    /// Polly v8 has no consecutive-failure mode: a failure ratio of 1 with a minimum throughput of
    /// <paramref name="failureThreshold"/> (at least 2, Polly's minimum) is the closest match.
    /// </summary>
    public static CircuitBreakerStrategyOptions<int> CircuitBreaker(int failureThreshold) => new()
    {
        FailureRatio = 1.0,
        MinimumThroughput = Math.Max(2, failureThreshold),
        SamplingDuration = TimeSpan.FromSeconds(30),
        BreakDuration = TimeSpan.FromMilliseconds(Options.BreakDurationMs),
        ShouldHandle = static args => new ValueTask<bool>(args.Outcome.Exception is not null and not OperationCanceledException),
    };
}
