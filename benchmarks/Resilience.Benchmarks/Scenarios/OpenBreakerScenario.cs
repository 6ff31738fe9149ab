using System.Runtime.CompilerServices;
using BenchmarkDotNet.Attributes;
using Polly;
using Polly.CircuitBreaker;
using Resilience.Benchmarks.Infrastructure;

namespace Resilience.Benchmarks.Scenarios;

/// <summary>
/// The failure path of an open <c>[CircuitBreaker]</c>: every call is rejected at once. The breakers are opened in
/// <c>[GlobalSetup]</c> by one failing call and stay open longer than the benchmark process lives.
/// </summary>
public partial class OpenBreakerTarget
{
    internal static readonly CircuitBreakerPolicy HandBreaker = new(
        "Hand.OpenBreaker",
        new CircuitBreakerOptions { FailureThreshold = 1, BreakDurationMs = Options.BreakDurationMs });

    private bool _fail;

    [CircuitBreaker(FailureThreshold = 1, BreakDurationMs = Options.BreakDurationMs)]
    public partial int Sync(int value);

    [CircuitBreaker(FailureThreshold = 1, BreakDurationMs = Options.BreakDurationMs)]
    public partial ValueTask<int> ValueTaskAsync(int value);

    [CircuitBreaker(FailureThreshold = 1, BreakDurationMs = Options.BreakDurationMs)]
    public partial Task<int> TaskAsync(int value);

    [MethodImpl(MethodImplOptions.NoInlining)]
    internal int SyncCore(int value) => _fail ? throw new InvalidOperationException("Down.") : value + 1;

    [MethodImpl(MethodImplOptions.NoInlining)]
    internal ValueTask<int> ValueTaskAsyncCore(int value) =>
        _fail ? ValueTask.FromException<int>(new InvalidOperationException("Down.")) : new(value + 1);

    [MethodImpl(MethodImplOptions.NoInlining)]
    internal async Task<int> TaskAsyncCore(int value)
    {
        await Task.Yield();
        return _fail ? throw new InvalidOperationException("Down.") : value + 1;
    }

    /// <summary>Opens the generated breakers (one failing call each) and the hand-written one.</summary>
    public void OpenBreakers()
    {
        _fail = true;
        Try(() => Sync(0));
        Try(() => ValueTaskAsync(0).AsTask().GetAwaiter().GetResult());
        Try(() => TaskAsync(0).GetAwaiter().GetResult());
        Try(() => HandSync(0));
        _fail = false;

        static void Try(Func<int> call)
        {
            try
            {
                call();
            }
            catch (InvalidOperationException)
            {
            }
        }
    }

    // Hand-written with the runtime's breaker, as in CircuitBreakerTarget.
    public int HandSync(int value)
    {
        var permit = HandBreaker.Enter();
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

    public async ValueTask<int> HandValueTaskAsync(int value)
    {
        var permit = HandBreaker.Enter();
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

    public async Task<int> HandTaskAsync(int value)
    {
        var permit = HandBreaker.Enter();
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
}

/// <summary>
/// Every variant catches the rejection and returns -1. "Direct" is the floor of a call that ends in an exception:
/// a <see cref="CircuitBreakerOpenException"/> thrown and caught without any policy.
/// </summary>
[MemoryDiagnoser]
[BenchmarkCategory("OpenBreaker")]
public class OpenBreakerBenchmarks
{
    private readonly OpenBreakerTarget _target = new();
    private readonly int _value = 41;
    private readonly ResiliencePipeline<int> _polly = new ResiliencePipelineBuilder<int>()
        .AddCircuitBreaker(PollyBreakerOptions.CircuitBreaker(failureThreshold: 2))
        .Build();

    [GlobalSetup]
    public void OpenBreakers()
    {
        _target.OpenBreakers();
        for (int i = 0; i < 2; i++)
        {
            try
            {
                _polly.Execute<int>(static () => throw new InvalidOperationException("Down."));
            }
            catch (InvalidOperationException)
            {
            }
        }
    }

    [Benchmark(Baseline = true), BenchmarkCategory(Shape.Sync)]
    public int Sync_Direct()
    {
        try
        {
            return Reject();
        }
        catch (CircuitBreakerOpenException)
        {
            return -1;
        }
    }

    [Benchmark, BenchmarkCategory(Shape.Sync)]
    public int Sync_Generated()
    {
        try
        {
            return _target.Sync(_value);
        }
        catch (CircuitBreakerOpenException)
        {
            return -1;
        }
    }

    [Benchmark, BenchmarkCategory(Shape.Sync)]
    public int Sync_HandWritten()
    {
        try
        {
            return _target.HandSync(_value);
        }
        catch (CircuitBreakerOpenException)
        {
            return -1;
        }
    }

    [Benchmark, BenchmarkCategory(Shape.Sync)]
    public int Sync_Polly()
    {
        try
        {
            return _polly.Execute(static s => s.Target.SyncCore(s.Value), (Target: _target, Value: _value));
        }
        catch (BrokenCircuitException)
        {
            return -1;
        }
    }

    [Benchmark(Baseline = true), BenchmarkCategory(Shape.ValueTask)]
    public async ValueTask<int> ValueTask_Direct()
    {
        try
        {
            return await RejectAsync().ConfigureAwait(false);
        }
        catch (CircuitBreakerOpenException)
        {
            return -1;
        }
    }

    [Benchmark, BenchmarkCategory(Shape.ValueTask)]
    public async ValueTask<int> ValueTask_Generated()
    {
        try
        {
            return await _target.ValueTaskAsync(_value).ConfigureAwait(false);
        }
        catch (CircuitBreakerOpenException)
        {
            return -1;
        }
    }

    [Benchmark, BenchmarkCategory(Shape.ValueTask)]
    public async ValueTask<int> ValueTask_HandWritten()
    {
        try
        {
            return await _target.HandValueTaskAsync(_value).ConfigureAwait(false);
        }
        catch (CircuitBreakerOpenException)
        {
            return -1;
        }
    }

    [Benchmark, BenchmarkCategory(Shape.ValueTask)]
    public async ValueTask<int> ValueTask_Polly()
    {
        try
        {
            return await _polly.ExecuteAsync(static (s, _) => s.Target.ValueTaskAsyncCore(s.Value), (Target: _target, Value: _value), CancellationToken.None).ConfigureAwait(false);
        }
        catch (BrokenCircuitException)
        {
            return -1;
        }
    }

    [Benchmark(Baseline = true), BenchmarkCategory(Shape.Task)]
    public async Task<int> TaskAsync_Direct()
    {
        try
        {
            return await RejectAsync().ConfigureAwait(false);
        }
        catch (CircuitBreakerOpenException)
        {
            return -1;
        }
    }

    [Benchmark, BenchmarkCategory(Shape.Task)]
    public async Task<int> TaskAsync_Generated()
    {
        try
        {
            return await _target.TaskAsync(_value).ConfigureAwait(false);
        }
        catch (CircuitBreakerOpenException)
        {
            return -1;
        }
    }

    [Benchmark, BenchmarkCategory(Shape.Task)]
    public async Task<int> TaskAsync_HandWritten()
    {
        try
        {
            return await _target.HandTaskAsync(_value).ConfigureAwait(false);
        }
        catch (CircuitBreakerOpenException)
        {
            return -1;
        }
    }

    [Benchmark, BenchmarkCategory(Shape.Task)]
    public async Task<int> TaskAsync_Polly()
    {
        try
        {
            return await _polly.ExecuteAsync(static (s, _) => new ValueTask<int>(s.Target.TaskAsyncCore(s.Value)), (Target: _target, Value: _value), CancellationToken.None).ConfigureAwait(false);
        }
        catch (BrokenCircuitException)
        {
            return -1;
        }
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static int Reject() => throw new CircuitBreakerOpenException("Direct", TimeSpan.FromMilliseconds(Options.BreakDurationMs));

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static ValueTask<int> RejectAsync() =>
        ValueTask.FromException<int>(new CircuitBreakerOpenException("Direct", TimeSpan.FromMilliseconds(Options.BreakDurationMs)));
}
