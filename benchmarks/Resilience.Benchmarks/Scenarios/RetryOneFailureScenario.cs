using System.Runtime.CompilerServices;
using BenchmarkDotNet.Attributes;
using Polly;
using Resilience.Benchmarks.Infrastructure;

namespace Resilience.Benchmarks.Scenarios;

/// <summary>
/// The failure path through <c>[Retry]</c>: the first attempt throws, the retry (no delay) succeeds. The implementation
/// alternates, so every variant makes exactly one failed and one successful attempt per call.
/// </summary>
public partial class RetryOneFailureTarget
{
    private bool _failNext = true;

    [Retry(MaxRetries = Options.MaxRetries, BaseDelayMs = 0)]
    public partial int Sync(int value);

    [Retry(MaxRetries = Options.MaxRetries, BaseDelayMs = 0)]
    public partial ValueTask<int> ValueTaskAsync(int value);

    [Retry(MaxRetries = Options.MaxRetries, BaseDelayMs = 0)]
    public partial Task<int> TaskAsync(int value);

    [MethodImpl(MethodImplOptions.NoInlining)]
    internal int SyncCore(int value)
    {
        FailEveryOtherCall();
        return value + 1;
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    internal ValueTask<int> ValueTaskAsyncCore(int value)
    {
        // A synchronously completing ValueTask method reports a failure as a faulted ValueTask, like an async method does.
        try
        {
            FailEveryOtherCall();
        }
        catch (Exception ex)
        {
            return ValueTask.FromException<int>(ex);
        }

        return new(value + 1);
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    internal async Task<int> TaskAsyncCore(int value)
    {
        await Task.Yield();
        FailEveryOtherCall();
        return value + 1;
    }

    private void FailEveryOtherCall()
    {
        bool fail = _failNext;
        _failNext = !fail;
        if (fail)
        {
            throw new InvalidOperationException("Transient failure.");
        }
    }

    // Hand-written: the loop of RetryTarget; a zero delay is not waited for.
    public int HandSync(int value)
    {
        for (int retries = 0; ; retries++)
        {
            try
            {
                return SyncCore(value);
            }
            catch (Exception ex) when (retries < Options.MaxRetries && ex is not OperationCanceledException)
            {
            }

            TimeSpan delay = HandWrittenBackoff.FullJitter(0, retries);
            if (delay > TimeSpan.Zero)
            {
                Thread.Sleep(delay);
            }
        }
    }

    public async ValueTask<int> HandValueTaskAsync(int value)
    {
        for (int retries = 0; ; retries++)
        {
            try
            {
                return await ValueTaskAsyncCore(value).ConfigureAwait(false);
            }
            catch (Exception ex) when (retries < Options.MaxRetries && ex is not OperationCanceledException)
            {
            }

            TimeSpan delay = HandWrittenBackoff.FullJitter(0, retries);
            if (delay > TimeSpan.Zero)
            {
                await Task.Delay(delay).ConfigureAwait(false);
            }
        }
    }

    public async Task<int> HandTaskAsync(int value)
    {
        for (int retries = 0; ; retries++)
        {
            try
            {
                return await TaskAsyncCore(value).ConfigureAwait(false);
            }
            catch (Exception ex) when (retries < Options.MaxRetries && ex is not OperationCanceledException)
            {
            }

            TimeSpan delay = HandWrittenBackoff.FullJitter(0, retries);
            if (delay > TimeSpan.Zero)
            {
                await Task.Delay(delay).ConfigureAwait(false);
            }
        }
    }
}

/// <summary>
/// One failed attempt, then success. "Direct" here is the floor of that work without any policy: the implementation
/// called, its exception caught by a bare <c>catch</c>, and the implementation called again.
/// </summary>
[MemoryDiagnoser]
[BenchmarkCategory("RetryOneFailure")]
public class RetryOneFailureBenchmarks
{
    private readonly RetryOneFailureTarget _target = new();
    private readonly int _value = 41;
    private readonly ResiliencePipeline<int> _polly = new ResiliencePipelineBuilder<int>()
        .AddRetry(PollyOptions.Retry(TimeSpan.Zero))
        .Build();

    [Benchmark(Baseline = true), BenchmarkCategory(Shape.Sync)]
    public int Sync_Direct()
    {
        try
        {
            return _target.SyncCore(_value);
        }
        catch
        {
            return _target.SyncCore(_value);
        }
    }

    [Benchmark, BenchmarkCategory(Shape.Sync)]
    public int Sync_Generated() => _target.Sync(_value);

    [Benchmark, BenchmarkCategory(Shape.Sync)]
    public int Sync_HandWritten() => _target.HandSync(_value);

    [Benchmark, BenchmarkCategory(Shape.Sync)]
    public int Sync_Polly() => _polly.Execute(static s => s.Target.SyncCore(s.Value), (Target: _target, Value: _value));

    [Benchmark(Baseline = true), BenchmarkCategory(Shape.ValueTask)]
    public async ValueTask<int> ValueTask_Direct()
    {
        try
        {
            return await _target.ValueTaskAsyncCore(_value).ConfigureAwait(false);
        }
        catch
        {
            return await _target.ValueTaskAsyncCore(_value).ConfigureAwait(false);
        }
    }

    [Benchmark, BenchmarkCategory(Shape.ValueTask)]
    public ValueTask<int> ValueTask_Generated() => _target.ValueTaskAsync(_value);

    [Benchmark, BenchmarkCategory(Shape.ValueTask)]
    public ValueTask<int> ValueTask_HandWritten() => _target.HandValueTaskAsync(_value);

    [Benchmark, BenchmarkCategory(Shape.ValueTask)]
    public ValueTask<int> ValueTask_Polly() =>
        _polly.ExecuteAsync(static (s, _) => s.Target.ValueTaskAsyncCore(s.Value), (Target: _target, Value: _value), CancellationToken.None);

    [Benchmark(Baseline = true), BenchmarkCategory(Shape.Task)]
    public async Task<int> TaskAsync_Direct()
    {
        try
        {
            return await _target.TaskAsyncCore(_value).ConfigureAwait(false);
        }
        catch
        {
            return await _target.TaskAsyncCore(_value).ConfigureAwait(false);
        }
    }

    [Benchmark, BenchmarkCategory(Shape.Task)]
    public Task<int> TaskAsync_Generated() => _target.TaskAsync(_value);

    [Benchmark, BenchmarkCategory(Shape.Task)]
    public Task<int> TaskAsync_HandWritten() => _target.HandTaskAsync(_value);

    [Benchmark, BenchmarkCategory(Shape.Task)]
    public Task<int> TaskAsync_Polly() =>
        _polly.ExecuteAsync(static (s, _) => new ValueTask<int>(s.Target.TaskAsyncCore(s.Value)), (Target: _target, Value: _value), CancellationToken.None).AsTask();
}
