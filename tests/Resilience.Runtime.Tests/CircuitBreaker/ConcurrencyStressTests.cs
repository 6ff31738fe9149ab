using System.Collections.Concurrent;
using System.Diagnostics;
using Resilience.Runtime.Tests.Configuration;
using Xunit.Abstractions;

namespace Resilience.Runtime.Tests.Breakers;

public sealed class ConcurrencyStressTests : GlobalStateTest
{
    private const int Threads = 8;
    private const int CallsPerThread = 40_000;
    private const int HalfOpenSuccesses = 3;

    private readonly ITestOutputHelper _output;

    public ConcurrencyStressTests(ITestOutputHelper output)
    {
        _output = output;
    }

    [Fact]
    public void Many_threads_never_exceed_the_trial_limit_and_lose_no_transition()
    {
        var policy = new CircuitBreakerPolicy(UniqueName("stress"), new CircuitBreakerOptions
        {
            FailureThreshold = 3,
            BreakDurationMs = 5,
            HalfOpenSuccesses = HalfOpenSuccesses,
        });
        CircuitBreaker breaker = policy.Breaker;
        var events = new ConcurrentQueue<CircuitBreakerStateChangedEventArgs>();
        breaker.StateChanged += (_, e) => events.Enqueue(e);

        int trialsNow = 0;
        int maxTrials = 0;
        long entered = 0, rejected = 0, trials = 0;
        using var start = new Barrier(Threads + 1);

        var workers = Enumerable.Range(0, Threads).Select(seed => new Thread(() =>
        {
            var random = new Random(seed);
            start.SignalAndWait();
            for (int i = 0; i < CallsPerThread; i++)
            {
                CircuitBreakerPermit permit;
                try
                {
                    permit = breaker.Enter();
                }
                catch (CircuitBreakerOpenException)
                {
                    Interlocked.Increment(ref rejected);
                    Time.Advance(TimeSpan.FromMilliseconds(1)); // rejected callers move the clock, so breaks end while others run
                    continue;
                }

                Interlocked.Increment(ref entered);
                bool isTrial = permit.IsTrial;
                if (isTrial)
                {
                    Interlocked.Increment(ref trials);
                    int now = Interlocked.Increment(ref trialsNow);
                    int seen;
                    while (now > (seen = Volatile.Read(ref maxTrials)) && Interlocked.CompareExchange(ref maxTrials, now, seen) != seen)
                    {
                    }
                }

                Thread.SpinWait(random.Next(isTrial ? 2_000 : 50));
                int outcome = random.Next(20);
                if (isTrial)
                {
                    Interlocked.Decrement(ref trialsNow);
                }

                if (outcome < 5)
                {
                    permit.OnFailure(new DependencyDownException(), default);
                }
                else if (outcome == 5)
                {
                    permit.OnFailure(new OperationCanceledException(), new CancellationToken(canceled: true)); // the caller's: ignored
                }
                else
                {
                    permit.OnSuccess();
                }
            }
        })).ToList();

        workers.ForEach(w => w.Start());
        var stopwatch = Stopwatch.StartNew();
        start.SignalAndWait();
        workers.ForEach(w => w.Join());
        stopwatch.Stop();

        CircuitBreakerStatistics stats = breaker.Statistics;
        var ordered = events.OrderBy(e => e.Sequence).ToList();
        _output.WriteLine(
            $"{Threads} threads x {CallsPerThread} calls = {Threads * CallsPerThread} calls in {stopwatch.ElapsedMilliseconds} ms on {Environment.ProcessorCount} cores: " +
            $"{entered} admitted ({trials} trials), {rejected} rejected, {ordered.Count} transitions, max concurrent trials {maxTrials}");

        Assert.InRange(maxTrials, 1, HalfOpenSuccesses);
        Assert.Equal(Threads * (long)CallsPerThread, entered + rejected);
        Assert.Equal(entered, stats.Calls);
        Assert.Equal(rejected, stats.Rejections);
        Assert.Equal(stats.Calls, stats.Successes + stats.Failures + stats.Ignored);
        Assert.Equal(0, breaker.TrialsInFlight);

        // No lost transitions: numbered 1..n without gaps, each starting where the previous ended, ending in the current state.
        Assert.Equal(stats.Transitions, ordered.Count);
        Assert.Equal(Enumerable.Range(1, ordered.Count).Select(i => (long)i), ordered.Select(e => e.Sequence));
        Assert.Equal(CircuitBreakerState.Closed, ordered[0].OldState);
        for (int i = 1; i < ordered.Count; i++)
        {
            Assert.Equal(ordered[i - 1].NewState, ordered[i].OldState);
        }

        Assert.Equal(ordered[^1].NewState, breaker.State);
        foreach (var transition in new[]
        {
            (CircuitBreakerState.Closed, CircuitBreakerState.Open),
            (CircuitBreakerState.Open, CircuitBreakerState.HalfOpen),
            (CircuitBreakerState.HalfOpen, CircuitBreakerState.Open),
            (CircuitBreakerState.HalfOpen, CircuitBreakerState.Closed),
        })
        {
            Assert.Contains(ordered, e => (e.OldState, e.NewState) == transition);
        }
    }
}
