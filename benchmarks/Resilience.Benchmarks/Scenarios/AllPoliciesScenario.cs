using System.Runtime.CompilerServices;
using BenchmarkDotNet.Attributes;
using Polly;
using Polly.Fallback;
using Resilience.Benchmarks.Infrastructure;

namespace Resilience.Benchmarks.Scenarios;

/// <summary>
/// The success path through all five policies, composed Fallback → Retry → CircuitBreaker → Timeout → Bulkhead → Core;
/// the caller passes a live token.
/// </summary>
public partial class AllPoliciesTarget
{
    private static readonly TimeSpan s_handTimeout = TimeSpan.FromMilliseconds(Options.TimeoutMs);
    private static readonly CircuitBreakerPolicy s_handBreaker = new(
        "Hand.AllPolicies",
        new CircuitBreakerOptions { FailureThreshold = Options.FailureThreshold, BreakDurationMs = Options.BreakDurationMs });
    private static readonly SemaphoreSlim s_handBulkhead = new(Options.MaxConcurrency, Options.MaxConcurrency);

    [Retry(MaxRetries = Options.MaxRetries, BaseDelayMs = Options.BaseDelayMs)]
    [CircuitBreaker(FailureThreshold = Options.FailureThreshold, BreakDurationMs = Options.BreakDurationMs)]
    [Timeout(Options.TimeoutMs)]
    [Bulkhead(MaxConcurrency = Options.MaxConcurrency)]
    [Fallback(nameof(Cached))]
    public partial int Sync(int value, CancellationToken cancellationToken);

    [Retry(MaxRetries = Options.MaxRetries, BaseDelayMs = Options.BaseDelayMs)]
    [CircuitBreaker(FailureThreshold = Options.FailureThreshold, BreakDurationMs = Options.BreakDurationMs)]
    [Timeout(Options.TimeoutMs)]
    [Bulkhead(MaxConcurrency = Options.MaxConcurrency)]
    [Fallback(nameof(CachedValueTaskAsync))]
    public partial ValueTask<int> ValueTaskAsync(int value, CancellationToken cancellationToken);

    [Retry(MaxRetries = Options.MaxRetries, BaseDelayMs = Options.BaseDelayMs)]
    [CircuitBreaker(FailureThreshold = Options.FailureThreshold, BreakDurationMs = Options.BreakDurationMs)]
    [Timeout(Options.TimeoutMs)]
    [Bulkhead(MaxConcurrency = Options.MaxConcurrency)]
    [Fallback(nameof(CachedTaskAsync))]
    public partial Task<int> TaskAsync(int value, CancellationToken cancellationToken);

    [MethodImpl(MethodImplOptions.NoInlining)]
    internal int SyncCore(int value, CancellationToken cancellationToken) => value + 1;

    [MethodImpl(MethodImplOptions.NoInlining)]
    internal ValueTask<int> ValueTaskAsyncCore(int value, CancellationToken cancellationToken) => new(value + 1);

    [MethodImpl(MethodImplOptions.NoInlining)]
    internal async Task<int> TaskAsyncCore(int value, CancellationToken cancellationToken)
    {
        await Task.Yield();
        return value + 1;
    }

    internal int Cached(int value, CancellationToken cancellationToken) => 0;

    internal ValueTask<int> CachedValueTaskAsync(int value, CancellationToken cancellationToken) => new(0);

    internal Task<int> CachedTaskAsync(int value, CancellationToken cancellationToken) => Task.FromResult(0);

    // Hand-written: retry loop, the runtime's breaker, a linked token source, a SemaphoreSlim, try/catch fallback.
    public int HandSync(int value, CancellationToken cancellationToken)
    {
        try
        {
            for (int retries = 0; ; retries++)
            {
                try
                {
                    var permit = s_handBreaker.Enter();
                    int result;
                    try
                    {
                        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
                        timeout.CancelAfter(s_handTimeout);
                        if (!s_handBulkhead.Wait(0, cancellationToken))
                        {
                            throw new BulkheadRejectedException("Hand.AllPolicies", Options.MaxConcurrency, 0);
                        }

                        try
                        {
                            result = SyncCore(value, timeout.Token);
                        }
                        catch (OperationCanceledException ex) when (timeout.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
                        {
                            throw new TimeoutException($"Timed out after {s_handTimeout}.", ex);
                        }
                        finally
                        {
                            s_handBulkhead.Release();
                        }
                    }
                    catch (Exception ex)
                    {
                        permit.OnFailure(ex, cancellationToken);
                        throw;
                    }

                    permit.OnSuccess();
                    return result;
                }
                catch (Exception ex) when (retries < Options.MaxRetries && !(ex is OperationCanceledException && cancellationToken.IsCancellationRequested))
                {
                }

                Thread.Sleep(HandWrittenBackoff.FullJitter(Options.BaseDelayMs, retries));
            }
        }
        catch (Exception ex) when (!(ex is OperationCanceledException && cancellationToken.IsCancellationRequested))
        {
            return Cached(value, cancellationToken);
        }
    }

    public async ValueTask<int> HandValueTaskAsync(int value, CancellationToken cancellationToken)
    {
        try
        {
            for (int retries = 0; ; retries++)
            {
                try
                {
                    var permit = s_handBreaker.Enter();
                    int result;
                    try
                    {
                        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
                        timeout.CancelAfter(s_handTimeout);
                        if (!await s_handBulkhead.WaitAsync(0, cancellationToken).ConfigureAwait(false))
                        {
                            throw new BulkheadRejectedException("Hand.AllPolicies", Options.MaxConcurrency, 0);
                        }

                        try
                        {
                            result = await ValueTaskAsyncCore(value, timeout.Token).ConfigureAwait(false);
                        }
                        catch (OperationCanceledException ex) when (timeout.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
                        {
                            throw new TimeoutException($"Timed out after {s_handTimeout}.", ex);
                        }
                        finally
                        {
                            s_handBulkhead.Release();
                        }
                    }
                    catch (Exception ex)
                    {
                        permit.OnFailure(ex, cancellationToken);
                        throw;
                    }

                    permit.OnSuccess();
                    return result;
                }
                catch (Exception ex) when (retries < Options.MaxRetries && !(ex is OperationCanceledException && cancellationToken.IsCancellationRequested))
                {
                }

                await Task.Delay(HandWrittenBackoff.FullJitter(Options.BaseDelayMs, retries), cancellationToken).ConfigureAwait(false);
            }
        }
        catch (Exception ex) when (!(ex is OperationCanceledException && cancellationToken.IsCancellationRequested))
        {
            return await CachedValueTaskAsync(value, cancellationToken).ConfigureAwait(false);
        }
    }

    public async Task<int> HandTaskAsync(int value, CancellationToken cancellationToken)
    {
        try
        {
            for (int retries = 0; ; retries++)
            {
                try
                {
                    var permit = s_handBreaker.Enter();
                    int result;
                    try
                    {
                        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
                        timeout.CancelAfter(s_handTimeout);
                        if (!await s_handBulkhead.WaitAsync(0, cancellationToken).ConfigureAwait(false))
                        {
                            throw new BulkheadRejectedException("Hand.AllPolicies", Options.MaxConcurrency, 0);
                        }

                        try
                        {
                            result = await TaskAsyncCore(value, timeout.Token).ConfigureAwait(false);
                        }
                        catch (OperationCanceledException ex) when (timeout.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
                        {
                            throw new TimeoutException($"Timed out after {s_handTimeout}.", ex);
                        }
                        finally
                        {
                            s_handBulkhead.Release();
                        }
                    }
                    catch (Exception ex)
                    {
                        permit.OnFailure(ex, cancellationToken);
                        throw;
                    }

                    permit.OnSuccess();
                    return result;
                }
                catch (Exception ex) when (retries < Options.MaxRetries && !(ex is OperationCanceledException && cancellationToken.IsCancellationRequested))
                {
                }

                await Task.Delay(HandWrittenBackoff.FullJitter(Options.BaseDelayMs, retries), cancellationToken).ConfigureAwait(false);
            }
        }
        catch (Exception ex) when (!(ex is OperationCanceledException && cancellationToken.IsCancellationRequested))
        {
            return await CachedTaskAsync(value, cancellationToken).ConfigureAwait(false);
        }
    }
}

/// <summary>All five policies against Polly's five strategies (the bulkhead is Polly.RateLimiting's concurrency limiter).</summary>
[MemoryDiagnoser]
[BenchmarkCategory("AllPolicies")]
public class AllPoliciesBenchmarks
{
    private readonly AllPoliciesTarget _target = new();
    private readonly int _value = 41;
    private readonly CancellationTokenSource _caller = new();
    private readonly ResiliencePipeline<int> _polly = new ResiliencePipelineBuilder<int>()
        .AddFallback(new FallbackStrategyOptions<int>
        {
            ShouldHandle = static args => new ValueTask<bool>(args.Outcome.Exception is not null),
            FallbackAction = static _ => Outcome.FromResultAsValueTask(0),
        })
        .AddRetry(PollyOptions.Retry(TimeSpan.FromMilliseconds(Options.BaseDelayMs)))
        .AddCircuitBreaker(PollyBreakerOptions.CircuitBreaker(Options.FailureThreshold))
        .AddTimeout(TimeSpan.FromMilliseconds(Options.TimeoutMs))
        .AddConcurrencyLimiter(Options.MaxConcurrency, queueLimit: 0)
        .Build();

    private CancellationToken Token => _caller.Token;

    [GlobalCleanup]
    public void Cleanup() => _caller.Dispose();

    [Benchmark(Baseline = true), BenchmarkCategory(Shape.Sync)]
    public int Sync_Direct() => _target.SyncCore(_value, Token);

    [Benchmark, BenchmarkCategory(Shape.Sync)]
    public int Sync_Generated() => _target.Sync(_value, Token);

    [Benchmark, BenchmarkCategory(Shape.Sync)]
    public int Sync_HandWritten() => _target.HandSync(_value, Token);

    [Benchmark, BenchmarkCategory(Shape.Sync)]
    public int Sync_Polly() => _polly.Execute(static (s, ct) => s.Target.SyncCore(s.Value, ct), (Target: _target, Value: _value), Token);

    [Benchmark(Baseline = true), BenchmarkCategory(Shape.ValueTask)]
    public ValueTask<int> ValueTask_Direct() => _target.ValueTaskAsyncCore(_value, Token);

    [Benchmark, BenchmarkCategory(Shape.ValueTask)]
    public ValueTask<int> ValueTask_Generated() => _target.ValueTaskAsync(_value, Token);

    [Benchmark, BenchmarkCategory(Shape.ValueTask)]
    public ValueTask<int> ValueTask_HandWritten() => _target.HandValueTaskAsync(_value, Token);

    [Benchmark, BenchmarkCategory(Shape.ValueTask)]
    public ValueTask<int> ValueTask_Polly() =>
        _polly.ExecuteAsync(static (s, ct) => s.Target.ValueTaskAsyncCore(s.Value, ct), (Target: _target, Value: _value), Token);

    [Benchmark(Baseline = true), BenchmarkCategory(Shape.Task)]
    public Task<int> TaskAsync_Direct() => _target.TaskAsyncCore(_value, Token);

    [Benchmark, BenchmarkCategory(Shape.Task)]
    public Task<int> TaskAsync_Generated() => _target.TaskAsync(_value, Token);

    [Benchmark, BenchmarkCategory(Shape.Task)]
    public Task<int> TaskAsync_HandWritten() => _target.HandTaskAsync(_value, Token);

    [Benchmark, BenchmarkCategory(Shape.Task)]
    public Task<int> TaskAsync_Polly() =>
        _polly.ExecuteAsync(static (s, ct) => new ValueTask<int>(s.Target.TaskAsyncCore(s.Value, ct)), (Target: _target, Value: _value), Token).AsTask();
}
