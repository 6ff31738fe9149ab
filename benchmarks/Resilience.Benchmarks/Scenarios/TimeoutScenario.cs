using System.Runtime.CompilerServices;
using BenchmarkDotNet.Attributes;
using Polly;
using Resilience.Benchmarks.Infrastructure;

namespace Resilience.Benchmarks.Scenarios;

/// <summary>The success path through <c>[Timeout]</c>: the call ends long before the timeout; the caller passes a live token.</summary>
public partial class TimeoutTarget
{
    private static readonly TimeSpan s_handTimeout = TimeSpan.FromMilliseconds(Options.TimeoutMs);

    [Timeout(Options.TimeoutMs)]
    public partial int Sync(int value, CancellationToken cancellationToken);

    [Timeout(Options.TimeoutMs)]
    public partial ValueTask<int> ValueTaskAsync(int value, CancellationToken cancellationToken);

    [Timeout(Options.TimeoutMs)]
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

    // Hand-written: the textbook linked token source with CancelAfter, disposed when the call ends.
    public int HandSync(int value, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(s_handTimeout);
        try
        {
            return SyncCore(value, timeout.Token);
        }
        catch (OperationCanceledException ex) when (timeout.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            throw new TimeoutException($"Timed out after {s_handTimeout}.", ex);
        }
    }

    public async ValueTask<int> HandValueTaskAsync(int value, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(s_handTimeout);
        try
        {
            return await ValueTaskAsyncCore(value, timeout.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException ex) when (timeout.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            throw new TimeoutException($"Timed out after {s_handTimeout}.", ex);
        }
    }

    public async Task<int> HandTaskAsync(int value, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(s_handTimeout);
        try
        {
            return await TaskAsyncCore(value, timeout.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException ex) when (timeout.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            throw new TimeoutException($"Timed out after {s_handTimeout}.", ex);
        }
    }
}

[MemoryDiagnoser]
[BenchmarkCategory("Timeout")]
public class TimeoutBenchmarks
{
    private readonly TimeoutTarget _target = new();
    private readonly int _value = 41;
    private readonly CancellationTokenSource _caller = new();
    private readonly ResiliencePipeline<int> _polly = new ResiliencePipelineBuilder<int>()
        .AddTimeout(TimeSpan.FromMilliseconds(Options.TimeoutMs))
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
