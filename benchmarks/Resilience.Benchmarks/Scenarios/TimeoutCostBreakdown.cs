using BenchmarkDotNet.Attributes;

namespace Resilience.Benchmarks.Scenarios;

/// <summary>
/// Where the time of a <c>[Timeout]</c> call goes: the pieces <see cref="TimeoutLease"/> is made of, measured alone.
/// Not a four-variant scenario (the peer columns show "?"); it explains the Timeout rows.
/// </summary>
[MemoryDiagnoser]
[BenchmarkCategory("TimeoutBreakdown")]
public class TimeoutCostBreakdown
{
    private static readonly TimeSpan s_timeout = TimeSpan.FromMilliseconds(Infrastructure.Options.TimeoutMs);
    private readonly TimeoutPolicy _policy = new("Bench.Breakdown", new TimeoutOptions { Ms = Infrastructure.Options.TimeoutMs });
    private readonly CancellationTokenSource _source = new();
    private readonly CancellationTokenSource _caller = new();
    private readonly CancellationTokenSource _otherCaller = new();
    private long _word;

    /// <summary>
    /// The whole lease, as generated code uses it, with the same live caller token every call: rent the thread's pooled
    /// slot (still linked to that token), write the deadline word, compare-exchange it back, return the slot.
    /// </summary>
    [Benchmark, BenchmarkCategory("Breakdown")]
    public bool TimeoutLease_StartDispose()
    {
        using TimeoutLease lease = _policy.Start(_caller.Token);
        return lease.Token.CanBeCanceled;
    }

    /// <summary>Two live caller tokens taking turns: every call re-links the pooled source (one registration, one unregistration).</summary>
    [Benchmark(OperationsPerInvoke = 2), BenchmarkCategory("Breakdown")]
    public bool TimeoutLease_StartDispose_AlternatingCallerTokens()
    {
        bool result;
        using (TimeoutLease lease = _policy.Start(_caller.Token))
        {
            result = lease.Token.CanBeCanceled;
        }

        using (TimeoutLease lease = _policy.Start(_otherCaller.Token))
        {
            return result & lease.Token.CanBeCanceled;
        }
    }

    /// <summary>Same without a cancellable caller token: nothing to link.</summary>
    [Benchmark, BenchmarkCategory("Breakdown")]
    public bool TimeoutLease_StartDispose_NoCallerToken()
    {
        using TimeoutLease lease = _policy.Start(CancellationToken.None);
        return lease.Token.CanBeCanceled;
    }

    /// <summary>Disarming: the one compare-exchange a lease pays (it races with the ticker firing it).</summary>
    [Benchmark, BenchmarkCategory("Breakdown")]
    public long Disarm_CompareExchange()
    {
        _word = 3;
        return Interlocked.CompareExchange(ref _word, 0, 3);
    }

    /// <summary>What the previous design paid per call: arming and disarming a timer (<c>CancelAfter</c> + <c>TryReset</c>).</summary>
    [Benchmark, BenchmarkCategory("Breakdown")]
    public bool PreviousDesign_CancelAfter_TryReset()
    {
        _source.CancelAfter(s_timeout);
        return _source.TryReset();
    }

    /// <summary>Reading the clock, which a lease avoids (it reads the ticker's epoch instead).</summary>
    [Benchmark, BenchmarkCategory("Breakdown")]
    public long Clock_GetTimestamp() => TimeProvider.System.GetTimestamp();

    /// <summary>Linking a caller's token: <c>UnsafeRegister</c> + <c>Unregister</c>, what a call with a new token pays.</summary>
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
        _otherCaller.Dispose();
    }
}
