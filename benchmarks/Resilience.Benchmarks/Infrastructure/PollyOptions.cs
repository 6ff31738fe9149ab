using Polly;
using Polly.Retry;

namespace Resilience.Benchmarks.Infrastructure;

/// <summary>Polly v8 strategy options that match the attributes' values.</summary>
internal static class PollyOptions
{
    /// <summary>Matches <c>[Retry(MaxRetries = 3, BaseDelayMs = …)]</c>: exponential backoff with jitter, every exception but cancellation.</summary>
    public static RetryStrategyOptions<int> Retry(TimeSpan delay) => new()
    {
        MaxRetryAttempts = Options.MaxRetries,
        Delay = delay,
        BackoffType = DelayBackoffType.Exponential,
        UseJitter = true,
        ShouldHandle = static args => new ValueTask<bool>(args.Outcome.Exception is not null and not OperationCanceledException),
    };
}
