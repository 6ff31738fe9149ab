using System.Runtime.CompilerServices;
using BenchmarkDotNet.Attributes;
using Resilience.Benchmarks.Infrastructure;

namespace Resilience.Benchmarks.Scenarios;

/// <summary>
/// The success path through Retry + CircuitBreaker, once as partial methods (the implementation is <c>{Name}Core</c>) and
/// once through a generated <c>[ResilientProxy]</c> whose class-level policies wrap an interface call to the inner
/// instance. The proxy should cost the partial-method form plus one interface call, and allocate nothing on the
/// synchronous and synchronously completing ValueTask paths.
/// </summary>
public interface IProxiedPricing
{
    int Sync(int value);

    ValueTask<int> ValueTaskAsync(int value);

    Task<int> TaskAsync(int value);
}

public sealed class Pricing : IProxiedPricing
{
    [MethodImpl(MethodImplOptions.NoInlining)]
    public int Sync(int value) => value + 1;

    [MethodImpl(MethodImplOptions.NoInlining)]
    public ValueTask<int> ValueTaskAsync(int value) => new(value + 1);

    [MethodImpl(MethodImplOptions.NoInlining)]
    public async Task<int> TaskAsync(int value)
    {
        await Task.Yield();
        return value + 1;
    }
}

[ResilientProxy(typeof(IProxiedPricing))]
[Retry(MaxRetries = Options.MaxRetries, BaseDelayMs = Options.BaseDelayMs)]
[CircuitBreaker(FailureThreshold = Options.FailureThreshold, BreakDurationMs = Options.BreakDurationMs)]
public partial class ResilientPricing;

/// <summary>The same policies as partial methods of the caller's own class.</summary>
public partial class PartialMethodPricing(Pricing inner)
{
    [Retry(MaxRetries = Options.MaxRetries, BaseDelayMs = Options.BaseDelayMs)]
    [CircuitBreaker(FailureThreshold = Options.FailureThreshold, BreakDurationMs = Options.BreakDurationMs)]
    public partial int Sync(int value);

    [Retry(MaxRetries = Options.MaxRetries, BaseDelayMs = Options.BaseDelayMs)]
    [CircuitBreaker(FailureThreshold = Options.FailureThreshold, BreakDurationMs = Options.BreakDurationMs)]
    public partial ValueTask<int> ValueTaskAsync(int value);

    [Retry(MaxRetries = Options.MaxRetries, BaseDelayMs = Options.BaseDelayMs)]
    [CircuitBreaker(FailureThreshold = Options.FailureThreshold, BreakDurationMs = Options.BreakDurationMs)]
    public partial Task<int> TaskAsync(int value);

    private int SyncCore(int value) => inner.Sync(value);

    private ValueTask<int> ValueTaskAsyncCore(int value) => inner.ValueTaskAsync(value);

    private Task<int> TaskAsyncCore(int value) => inner.TaskAsync(value);
}

public class ProxyBenchmarks
{
    private static readonly Pricing s_inner = new();
    private readonly IProxiedPricing _direct = s_inner;
    private readonly PartialMethodPricing _partial = new(s_inner);
    private readonly IProxiedPricing _proxy = new ResilientPricing(s_inner);
    private readonly int _value = 41;

    [Benchmark(Baseline = true), BenchmarkCategory(Shape.Sync)]
    public int Sync_Direct() => _direct.Sync(_value);

    [Benchmark, BenchmarkCategory(Shape.Sync)]
    public int Sync_PartialMethod() => _partial.Sync(_value);

    [Benchmark, BenchmarkCategory(Shape.Sync)]
    public int Sync_Proxy() => _proxy.Sync(_value);

    [Benchmark(Baseline = true), BenchmarkCategory(Shape.ValueTask)]
    public ValueTask<int> ValueTask_Direct() => _direct.ValueTaskAsync(_value);

    [Benchmark, BenchmarkCategory(Shape.ValueTask)]
    public ValueTask<int> ValueTask_PartialMethod() => _partial.ValueTaskAsync(_value);

    [Benchmark, BenchmarkCategory(Shape.ValueTask)]
    public ValueTask<int> ValueTask_Proxy() => _proxy.ValueTaskAsync(_value);

    [Benchmark(Baseline = true), BenchmarkCategory(Shape.Task)]
    public Task<int> TaskAsync_Direct() => _direct.TaskAsync(_value);

    [Benchmark, BenchmarkCategory(Shape.Task)]
    public Task<int> TaskAsync_PartialMethod() => _partial.TaskAsync(_value);

    [Benchmark, BenchmarkCategory(Shape.Task)]
    public Task<int> TaskAsync_Proxy() => _proxy.TaskAsync(_value);
}
