using System.Runtime.CompilerServices;
using BenchmarkDotNet.Attributes;
using Polly;
using Polly.Fallback;
using Resilience.Benchmarks.Infrastructure;

namespace Resilience.Benchmarks.Scenarios;

/// <summary>The success path through <c>[Fallback]</c>: the implementation succeeds, the fallback is never called.</summary>
public partial class FallbackTarget
{
    [Fallback(nameof(Cached))]
    public partial int Sync(int value);

    [Fallback(nameof(CachedValueTaskAsync))]
    public partial ValueTask<int> ValueTaskAsync(int value);

    [Fallback(nameof(CachedTaskAsync))]
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

    internal int Cached(int value) => 0;

    internal ValueTask<int> CachedValueTaskAsync(int value) => new(0);

    internal Task<int> CachedTaskAsync(int value) => Task.FromResult(0);

    // Hand-written: try the implementation, take the fallback on any failure.
    public int HandSync(int value)
    {
        try
        {
            return SyncCore(value);
        }
        catch (Exception)
        {
            return Cached(value);
        }
    }

    public async ValueTask<int> HandValueTaskAsync(int value)
    {
        try
        {
            return await ValueTaskAsyncCore(value).ConfigureAwait(false);
        }
        catch (Exception)
        {
            return await CachedValueTaskAsync(value).ConfigureAwait(false);
        }
    }

    public async Task<int> HandTaskAsync(int value)
    {
        try
        {
            return await TaskAsyncCore(value).ConfigureAwait(false);
        }
        catch (Exception)
        {
            return await CachedTaskAsync(value).ConfigureAwait(false);
        }
    }
}

[MemoryDiagnoser]
[BenchmarkCategory("Fallback")]
public class FallbackBenchmarks
{
    private readonly FallbackTarget _target = new();
    private readonly int _value = 41;
    private readonly ResiliencePipeline<int> _polly = new ResiliencePipelineBuilder<int>()
        .AddFallback(new FallbackStrategyOptions<int>
        {
            ShouldHandle = static args => new ValueTask<bool>(args.Outcome.Exception is not null),
            FallbackAction = static _ => Outcome.FromResultAsValueTask(0),
        })
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
