using System.Runtime.CompilerServices;
using BenchmarkDotNet.Attributes;

namespace Resilience.Benchmarks.Scenarios;

/// <summary>
/// What a result predicate costs per call on the success path: the same <c>[Retry]</c> + <c>[CircuitBreaker]</c> method with
/// and without <c>RetryOnResult</c>/<c>HandleOnResult</c> (the predicate is called once by each policy), sync and
/// synchronously completing <c>ValueTask</c>. Both rows must show 0 B allocated.
/// </summary>
public partial class ResultPredicateTarget
{
    [Retry(MaxRetries = 3, BaseDelayMs = 10)]
    [CircuitBreaker(Name = "bench.results.plain", FailureThreshold = 5)]
    public partial int Plain(int value);
    [MethodImpl(MethodImplOptions.NoInlining)]
    private int PlainCore(int value) => value + 1;

    [Retry(MaxRetries = 3, BaseDelayMs = 10, RetryOnResult = nameof(IsNegative))]
    [CircuitBreaker(Name = "bench.results.predicate", FailureThreshold = 5, HandleOnResult = nameof(IsNegative))]
    public partial int WithPredicates(int value);
    [MethodImpl(MethodImplOptions.NoInlining)]
    private int WithPredicatesCore(int value) => value + 1;

    [Retry(MaxRetries = 3, BaseDelayMs = 10)]
    [CircuitBreaker(Name = "bench.results.plain", FailureThreshold = 5)]
    public partial ValueTask<int> PlainAsync(int value);
    [MethodImpl(MethodImplOptions.NoInlining)]
    private ValueTask<int> PlainAsyncCore(int value) => new(value + 1);

    [Retry(MaxRetries = 3, BaseDelayMs = 10, RetryOnResult = nameof(IsNegative))]
    [CircuitBreaker(Name = "bench.results.predicate", FailureThreshold = 5, HandleOnResult = nameof(IsNegative))]
    public partial ValueTask<int> WithPredicatesAsync(int value);
    [MethodImpl(MethodImplOptions.NoInlining)]
    private ValueTask<int> WithPredicatesAsyncCore(int value) => new(value + 1);

    // A real predicate is not free either: kept out of line like the implementation.
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static bool IsNegative(int value) => value < 0;
}

[MemoryDiagnoser]
[BenchmarkCategory("ResultPredicate")]
public class ResultPredicateBenchmarks
{
    private readonly ResultPredicateTarget _target = new();

    [Benchmark(Baseline = true), BenchmarkCategory("Sync")]
    public int Sync_NoPredicate() => _target.Plain(1);

    [Benchmark, BenchmarkCategory("Sync")]
    public int Sync_ResultPredicates() => _target.WithPredicates(1);

    [Benchmark(Baseline = true), BenchmarkCategory("ValueTask")]
    public int ValueTask_NoPredicate() => _target.PlainAsync(1).Result;

    [Benchmark, BenchmarkCategory("ValueTask")]
    public int ValueTask_ResultPredicates() => _target.WithPredicatesAsync(1).Result;
}
