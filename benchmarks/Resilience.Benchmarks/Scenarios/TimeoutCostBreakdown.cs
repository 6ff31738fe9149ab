using System.Collections.Concurrent;
using BenchmarkDotNet.Attributes;

namespace Resilience.Benchmarks.Scenarios;

/// <summary>
/// Where the time of a <c>[Timeout]</c> call goes: the pieces <see cref="TimeoutAttempt"/> is made of, measured alone.
/// Not a four-variant scenario (the peer columns show "?"); it explains the Timeout rows.
/// </summary>
[MemoryDiagnoser]
[BenchmarkCategory("TimeoutBreakdown")]
public class TimeoutCostBreakdown
{
    private static readonly TimeSpan s_timeout = TimeSpan.FromMilliseconds(Infrastructure.Options.TimeoutMs);
    private readonly TimeoutPolicy _policy = new("Bench.Breakdown", new TimeoutOptions { Ms = Infrastructure.Options.TimeoutMs });
    private readonly ConcurrentQueue<CancellationTokenSource> _pool = new();
    private readonly CancellationTokenSource _source = new();
    private readonly CancellationTokenSource _caller = new();

    [GlobalSetup]
    public void Setup() => _pool.Enqueue(new CancellationTokenSource());

    /// <summary>The whole scope, as generated code uses it: rent, arm, link the caller's token, unlink, disarm, return.</summary>
    [Benchmark, BenchmarkCategory("Breakdown")]
    public bool TimeoutScope_StartDispose()
    {
        using TimeoutAttempt scope = _policy.Start(_caller.Token);
        return scope.Token.CanBeCanceled;
    }

    /// <summary>Same without a cancellable caller token: no registration.</summary>
    [Benchmark, BenchmarkCategory("Breakdown")]
    public bool TimeoutScope_StartDispose_NoCallerToken()
    {
        using TimeoutAttempt scope = _policy.Start(CancellationToken.None);
        return scope.Token.CanBeCanceled;
    }

    /// <summary>Arming and disarming the timer of one token source: <c>CancelAfter</c> + <c>TryReset</c>.</summary>
    [Benchmark, BenchmarkCategory("Breakdown")]
    public bool Timer_CancelAfter_TryReset()
    {
        _source.CancelAfter(s_timeout);
        return _source.TryReset();
    }

    /// <summary>The pool: one dequeue and one enqueue on a <see cref="ConcurrentQueue{T}"/>.</summary>
    [Benchmark, BenchmarkCategory("Breakdown")]
    public bool Pool_Dequeue_Enqueue()
    {
        bool rented = _pool.TryDequeue(out CancellationTokenSource? source);
        _pool.Enqueue(source!);
        return rented;
    }

    /// <summary>Linking the caller's token: <c>UnsafeRegister</c> + registration <c>Dispose</c>.</summary>
    [Benchmark, BenchmarkCategory("Breakdown")]
    public bool CallerToken_Register_Dispose()
    {
        CancellationTokenRegistration registration = _caller.Token.UnsafeRegister(static _ => { }, null);
        return registration.Unregister();
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _source.Dispose();
        _caller.Dispose();
    }
}
