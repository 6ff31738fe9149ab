using System.Runtime.CompilerServices;
using BenchmarkDotNet.Attributes;
using Resilience.Benchmarks.Infrastructure;

namespace Resilience.Benchmarks.Scenarios;

/// <summary>
/// A replay hit through <c>[Idempotent]</c> on the in-memory store: the key was completed in setup, so every measured call
/// builds the key and fingerprint, finds the stored result and deserializes it, without running the implementation.
/// Polly has no equivalent; the baseline is the implementation itself.
/// </summary>
public partial class IdempotentTarget(IDurableStore store) : IHasResilienceStore
{
    public IDurableStore? ResilienceStore => store;

    [Idempotent(Key = "charge:{customer}")]
    public partial Task<int> ChargeAsync(string customer, int amount);

    [Idempotent(Key = "charge:{customer}")]
    public partial int Charge(string customer, int amount);

    [MethodImpl(MethodImplOptions.NoInlining)]
    internal Task<int> ChargeAsyncCore(string customer, int amount) => Task.FromResult(amount);

    [MethodImpl(MethodImplOptions.NoInlining)]
    internal int ChargeCore(string customer, int amount) => amount;
}

[MemoryDiagnoser]
[BenchmarkCategory("Idempotent")]
public class IdempotentReplayBenchmarks
{
    private readonly IdempotentTarget _target = new(new InMemoryDurableStore());

    [GlobalSetup]
    public void Setup()
    {
        _target.ChargeAsync("ada", 42).GetAwaiter().GetResult();
        _target.Charge("bob", 42);
    }

    [Benchmark(Baseline = true), BenchmarkCategory(Shape.Sync)]
    public int Sync_Direct() => _target.ChargeCore("bob", 42);

    [Benchmark, BenchmarkCategory(Shape.Sync)]
    public int Sync_GeneratedReplay() => _target.Charge("bob", 42);

    [Benchmark(Baseline = true), BenchmarkCategory(Shape.Task)]
    public Task<int> TaskAsync_Direct() => _target.ChargeAsyncCore("ada", 42);

    [Benchmark, BenchmarkCategory(Shape.Task)]
    public Task<int> TaskAsync_GeneratedReplay() => _target.ChargeAsync("ada", 42);
}
