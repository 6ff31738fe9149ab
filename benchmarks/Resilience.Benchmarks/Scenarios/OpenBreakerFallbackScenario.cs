using System.Runtime.CompilerServices;
using BenchmarkDotNet.Attributes;
using Polly;
using Polly.CircuitBreaker;
using Polly.Fallback;
using Resilience.Benchmarks.Infrastructure;

namespace Resilience.Benchmarks.Scenarios;

/// <summary>
/// An open <c>[CircuitBreaker]</c> under a <c>[Fallback]</c> that answers the rejection: every measured call is rejected
/// and answered by the fallback. The breakers are opened in <c>[GlobalSetup]</c> and stay open longer than the process lives.
/// </summary>
public partial class OpenBreakerFallbackTarget
{
    private bool _fail;

    [Fallback(nameof(Cached))]
    [CircuitBreaker(FailureThreshold = 1, BreakDurationMs = Options.BreakDurationMs)]
    public partial int Sync(int value);

    [Fallback(nameof(CachedAsync))]
    [CircuitBreaker(FailureThreshold = 1, BreakDurationMs = Options.BreakDurationMs)]
    public partial ValueTask<int> ValueTaskAsync(int value);

    [MethodImpl(MethodImplOptions.NoInlining)]
    internal int SyncCore(int value) => _fail ? throw new InvalidOperationException("Down.") : value + 1;

    [MethodImpl(MethodImplOptions.NoInlining)]
    internal ValueTask<int> ValueTaskAsyncCore(int value) =>
        _fail ? ValueTask.FromException<int>(new InvalidOperationException("Down.")) : new(value + 1);

    [MethodImpl(MethodImplOptions.NoInlining)]
    internal static int Cached(int value) => -1;

    [MethodImpl(MethodImplOptions.NoInlining)]
    internal static ValueTask<int> CachedAsync(int value) => new(-1);

    /// <summary>Opens both generated breakers with one failing call each (the fallback answers that call too).</summary>
    public void OpenBreakers()
    {
        _fail = true;
        Sync(0);
        ValueTaskAsync(0).AsTask().GetAwaiter().GetResult();
        _fail = false;
    }
}

/// <summary>
/// Every variant returns the fallback's -1. "Direct" is the fallback method called directly: the floor of answering
/// without any policy.
/// </summary>
[MemoryDiagnoser]
[BenchmarkCategory("OpenBreakerFallback")]
public class OpenBreakerFallbackBenchmarks
{
    private readonly OpenBreakerFallbackTarget _target = new();
    private readonly int _value = 41;
    private readonly ResiliencePipeline<int> _polly = new ResiliencePipelineBuilder<int>()
        .AddFallback(new FallbackStrategyOptions<int>
        {
            ShouldHandle = static args => new ValueTask<bool>(args.Outcome.Exception is not null),
            FallbackAction = static _ => Outcome.FromResultAsValueTask(-1),
        })
        .AddCircuitBreaker(PollyBreakerOptions.CircuitBreaker(failureThreshold: 2))
        .Build();

    [GlobalSetup]
    public void OpenBreakers()
    {
        _target.OpenBreakers();
        for (int i = 0; i < 2; i++)
        {
            _polly.Execute<int>(static () => throw new InvalidOperationException("Down."));
        }

        if (_polly.Execute(static s => s.Target.SyncCore(s.Value), (Target: _target, Value: _value)) != -1)
        {
            throw new InvalidOperationException("The Polly breaker did not open.");
        }
    }

    [Benchmark(Baseline = true), BenchmarkCategory(Shape.Sync)]
    public int Sync_Direct() => OpenBreakerFallbackTarget.Cached(_value);

    [Benchmark, BenchmarkCategory(Shape.Sync)]
    public int Sync_Generated() => _target.Sync(_value);

    [Benchmark, BenchmarkCategory(Shape.Sync)]
    public int Sync_Polly() => _polly.Execute(static s => s.Target.SyncCore(s.Value), (Target: _target, Value: _value));

    [Benchmark(Baseline = true), BenchmarkCategory(Shape.ValueTask)]
    public int ValueTask_Direct() => OpenBreakerFallbackTarget.CachedAsync(_value).Result;

    [Benchmark, BenchmarkCategory(Shape.ValueTask)]
    public int ValueTask_Generated() => _target.ValueTaskAsync(_value).Result;

    [Benchmark, BenchmarkCategory(Shape.ValueTask)]
    public int ValueTask_Polly() =>
        _polly.ExecuteAsync(static (s, _) => s.Target.ValueTaskAsyncCore(s.Value), (Target: _target, Value: _value), CancellationToken.None).Result;
}
