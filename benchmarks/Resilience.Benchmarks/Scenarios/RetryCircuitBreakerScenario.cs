using System.Runtime.CompilerServices;
using BenchmarkDotNet.Attributes;
using Polly;
using Resilience.Benchmarks.Infrastructure;

namespace Resilience.Benchmarks.Scenarios;

/// <summary>The success path through <c>[Retry]</c> + <c>[CircuitBreaker]</c>: every attempt passes the breaker.</summary>
public partial class RetryCircuitBreakerTarget
{
    private static readonly CircuitBreakerPolicy s_handBreaker = new(
        "Hand.RetryCircuitBreaker",
        new CircuitBreakerOptions { FailureThreshold = Options.FailureThreshold, BreakDurationMs = Options.BreakDurationMs });

    [Retry(MaxRetries = Options.MaxRetries, BaseDelayMs = Options.BaseDelayMs)]
    [CircuitBreaker(FailureThreshold = Options.FailureThreshold, BreakDurationMs = Options.BreakDurationMs)]
    public partial int Sync(int value);

    [Retry(MaxRetries = Options.MaxRetries, BaseDelayMs = Options.BaseDelayMs)]
    [CircuitBreaker(FailureThreshold = Options.FailureThreshold, BreakDurationMs = Options.BreakDurationMs)]
    public partial ValueTask<int> ValueTaskAsync(int value);

    [Retry(MaxRetries = Options.MaxRetries, BaseDelayMs = Options.BaseDelayMs)]
    [CircuitBreaker(FailureThreshold = Options.FailureThreshold, BreakDurationMs = Options.BreakDurationMs)]
    public partial Task<int> TaskAsync(int value);

    [MethodImpl(MethodImplOptions.NoInlining)]
    internal int SyncCore(int value) => value + 1;

    [MethodImpl(MethodImplOptions.NoInlining)]
    internal ValueTask<int> ValueTaskAsyncCore(int value) => new(value + 1);

    [MethodImpl(MethodImplOptions.NoInlining)]
    internal async Task<int> TaskAsyncCore(int value)
    {
        await Task.Yield();
        return value + 1;
    }

    // Hand-written: the retry loop of RetryTarget around the runtime's breaker.
    public int HandSync(int value)
    {
        for (int retries = 0; ; retries++)
        {
            try
            {
                var permit = s_handBreaker.Enter();
                int result;
                try
                {
                    result = SyncCore(value);
                }
                catch (Exception ex)
                {
                    permit.OnFailure(ex, default);
                    throw;
                }

                permit.OnSuccess();
                return result;
            }
            catch (Exception ex) when (retries < Options.MaxRetries && ex is not OperationCanceledException)
            {
            }

            Thread.Sleep(HandWrittenBackoff.FullJitter(Options.BaseDelayMs, retries));
        }
    }

    public async ValueTask<int> HandValueTaskAsync(int value)
    {
        for (int retries = 0; ; retries++)
        {
            try
            {
                var permit = s_handBreaker.Enter();
                int result;
                try
                {
                    result = await ValueTaskAsyncCore(value).ConfigureAwait(false);
                }
                catch (Exception ex)
                {
                    permit.OnFailure(ex, default);
                    throw;
                }

                permit.OnSuccess();
                return result;
            }
            catch (Exception ex) when (retries < Options.MaxRetries && ex is not OperationCanceledException)
            {
            }

            await Task.Delay(HandWrittenBackoff.FullJitter(Options.BaseDelayMs, retries)).ConfigureAwait(false);
        }
    }

    public async Task<int> HandTaskAsync(int value)
    {
        for (int retries = 0; ; retries++)
        {
            try
            {
                var permit = s_handBreaker.Enter();
                int result;
                try
                {
                    result = await TaskAsyncCore(value).ConfigureAwait(false);
                }
                catch (Exception ex)
                {
                    permit.OnFailure(ex, default);
                    throw;
                }

                permit.OnSuccess();
                return result;
            }
            catch (Exception ex) when (retries < Options.MaxRetries && ex is not OperationCanceledException)
            {
            }

            await Task.Delay(HandWrittenBackoff.FullJitter(Options.BaseDelayMs, retries)).ConfigureAwait(false);
        }
    }
}

[MemoryDiagnoser]
[BenchmarkCategory("RetryCircuitBreaker")]
public class RetryCircuitBreakerBenchmarks
{
    private readonly RetryCircuitBreakerTarget _target = new();
    private readonly int _value = 41;
    private readonly ResiliencePipeline<int> _polly = new ResiliencePipelineBuilder<int>()
        .AddRetry(PollyOptions.Retry(TimeSpan.FromMilliseconds(Options.BaseDelayMs)))
        .AddCircuitBreaker(PollyBreakerOptions.CircuitBreaker(Options.FailureThreshold))
        .Build();

    [Benchmark(Baseline = true), BenchmarkCategory(Shape.Sync)]
    public int Sync_Direct() => _target.SyncCore(_value);

    [Benchmark, BenchmarkCategory(Shape.Sync)]
    public int Sync_Generated() => _target.Sync(_value);

    [Benchmark, BenchmarkCategory(Shape.Sync)]
    public int Sync_HandWritten() => _target.HandSync(_value);

    [Benchmark, BenchmarkCategory(Shape.Sync)]
    public int Sync_Polly() => _polly.Execute(static s => s.Target.SyncCore(s.Value), (Target: _target, Value: _value));

    [Benchmark(Baseline = true), BenchmarkCategory(Shape.ValueTask)]
    public ValueTask<int> ValueTask_Direct() => _target.ValueTaskAsyncCore(_value);

    [Benchmark, BenchmarkCategory(Shape.ValueTask)]
    public ValueTask<int> ValueTask_Generated() => _target.ValueTaskAsync(_value);

    [Benchmark, BenchmarkCategory(Shape.ValueTask)]
    public ValueTask<int> ValueTask_HandWritten() => _target.HandValueTaskAsync(_value);

    [Benchmark, BenchmarkCategory(Shape.ValueTask)]
    public ValueTask<int> ValueTask_Polly() =>
        _polly.ExecuteAsync(static (s, _) => s.Target.ValueTaskAsyncCore(s.Value), (Target: _target, Value: _value), CancellationToken.None);

    [Benchmark(Baseline = true), BenchmarkCategory(Shape.Task)]
    public Task<int> TaskAsync_Direct() => _target.TaskAsyncCore(_value);

    [Benchmark, BenchmarkCategory(Shape.Task)]
    public Task<int> TaskAsync_Generated() => _target.TaskAsync(_value);

    [Benchmark, BenchmarkCategory(Shape.Task)]
    public Task<int> TaskAsync_HandWritten() => _target.HandTaskAsync(_value);

    [Benchmark, BenchmarkCategory(Shape.Task)]
    public Task<int> TaskAsync_Polly() =>
        _polly.ExecuteAsync(static (s, _) => new ValueTask<int>(s.Target.TaskAsyncCore(s.Value)), (Target: _target, Value: _value), CancellationToken.None).AsTask();
}
