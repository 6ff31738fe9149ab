using System.Diagnostics;
using System.Diagnostics.Metrics;
using Microsoft.Extensions.Logging;
using Resilience.Runtime.Tests.Configuration;

namespace Resilience.Runtime.Tests.Telemetry;

public sealed class TelemetryTests : GlobalStateTest
{
    private sealed record Measurement(string Instrument, long Value, Dictionary<string, object?> Tags);

    private static MeterListener Listen(List<Measurement> into)
    {
        var listener = new MeterListener
        {
            InstrumentPublished = (instrument, l) =>
            {
                if (instrument.Meter.Name == ResilienceTelemetry.Name)
                {
                    l.EnableMeasurementEvents(instrument);
                }
            },
        };
        listener.SetMeasurementEventCallback<long>((instrument, value, tags, _) =>
        {
            var copy = new Dictionary<string, object?>();
            foreach (KeyValuePair<string, object?> tag in tags)
            {
                copy[tag.Key] = tag.Value;
            }

            lock (into)
            {
                into.Add(new Measurement(instrument.Name, value, copy));
            }
        });
        listener.Start();
        return listener;
    }

    private static void Exercise(string name, out RetryPolicy retry)
    {
        retry = new RetryPolicy(name, new RetryOptions { MaxRetries = 2, BaseDelayMs = 0, Jitter = Jitter.None });
        var state = new RetryState(retry);
        var failure = new InvalidOperationException("down");
        Assert.True(state.ShouldRetry(failure, default));
        state.OnRetry(failure);

        var timeout = new TimeoutPolicy(name, new TimeoutOptions { Ms = 100 });
        using (TimeoutAttempt scope = timeout.Start(default))
        {
            _ = scope.TimeoutException(new OperationCanceledException());
        }

        var fallback = new FallbackPolicy(name, "FromCache", FallbackOptions.Default);
        Assert.True(fallback.Handles(failure, default));

        var breaker = new CircuitBreakerPolicy(name, new CircuitBreakerOptions { FailureThreshold = 1 });
        breaker.Enter().OnFailure(failure, default);
        Assert.Throws<CircuitBreakerOpenException>(() => breaker.Enter());

        var bulkhead = new BulkheadPolicy(name, new BulkheadOptions { MaxConcurrency = 1 });
        using (bulkhead.Enter(default))
        {
            Assert.Throws<BulkheadRejectedException>(() => bulkhead.Enter(default));
        }
    }

    [Fact]
    public void Counters_are_recorded_with_policy_name_kind_and_state_tags()
    {
        var measurements = new List<Measurement>();
        string name = UniqueName("Telemetry.Agent.Call");
        using (Listen(measurements))
        {
            Exercise(name, out _);
        }

        List<Measurement> ours = measurements.Where(m => Equals(m.Tags.GetValueOrDefault(ResilienceTelemetry.PolicyNameTag), name)).ToList();
        long Sum(string instrument) => ours.Where(m => m.Instrument == instrument).Sum(m => m.Value);

        Assert.Equal(2, Sum(ResilienceTelemetry.Attempts)); // first attempt + the retry
        Assert.Equal(1, Sum(ResilienceTelemetry.Retries));
        Assert.Equal(1, Sum(ResilienceTelemetry.Timeouts));
        Assert.Equal(1, Sum(ResilienceTelemetry.Fallbacks));
        Assert.Equal(1, Sum(ResilienceTelemetry.BreakerTransitions));
        Assert.Equal(1, Sum(ResilienceTelemetry.BreakerRejections));
        Assert.Equal(1, Sum(ResilienceTelemetry.BulkheadRejections));

        Measurement transition = ours.Single(m => m.Instrument == ResilienceTelemetry.BreakerTransitions);
        Assert.Equal("Open", transition.Tags[ResilienceTelemetry.BreakerStateTag]);
        Assert.Equal("ConsecutiveFailures", transition.Tags[ResilienceTelemetry.TransitionReasonTag]);
        Assert.Equal("CircuitBreaker", transition.Tags[ResilienceTelemetry.PolicyKindTag]);
        Assert.Equal("Open", ours.Single(m => m.Instrument == ResilienceTelemetry.BreakerRejections).Tags[ResilienceTelemetry.BreakerStateTag]);
        Assert.Equal("FromCache", ours.Single(m => m.Instrument == ResilienceTelemetry.Fallbacks).Tags[ResilienceTelemetry.FallbackMethodTag]);
        Assert.Equal("Retry", ours.First(m => m.Instrument == ResilienceTelemetry.Retries).Tags[ResilienceTelemetry.PolicyKindTag]);
    }

    [Fact]
    public async Task Idempotent_replays_are_counted_with_the_policy_name()
    {
        var measurements = new List<Measurement>();
        using MeterListener listener = Listen(measurements);
        var store = new InMemoryDurableStore(Time);
        var policy = new IdempotencyPolicy("Telemetry.Agent.Charge", new IdempotencyOptions());

        IdempotencyClaim<int> first = await policy.BeginAsync<int>(store, "k", "f");
        await first.CompleteAsync(7);
        IdempotencyClaim<int> replay = await policy.BeginAsync<int>(store, "k", "f");

        Assert.True(replay.IsReplay);
        Measurement replayed;
        lock (measurements)
        {
            replayed = Assert.Single(measurements, m => m.Instrument == ResilienceTelemetry.IdempotentReplays);
        }

        Assert.Equal(1, replayed.Value);
        Assert.Equal("Telemetry.Agent.Charge", replayed.Tags[ResilienceTelemetry.PolicyNameTag]);
        Assert.Equal("Idempotent", replayed.Tags[ResilienceTelemetry.PolicyKindTag]);
    }

    [Fact]
    public void Log_events_are_written_through_the_logger_factory()
    {
        var log = new RecordingLoggerFactory();
        ResilienceRuntime.LoggerFactory = log;
        string name = UniqueName("Telemetry.Agent.Call");

        Exercise(name, out _);

        IReadOnlyList<LogEntry> entries = log.Entries.Where(e => e.Message.Contains(name, StringComparison.Ordinal)).ToList();
        Assert.All(entries, e => Assert.Equal(ResilienceTelemetry.LoggerCategory, e.Category));
        // A handled failure is one Warning line naming the exception, without the exception (and its stack trace) attached.
        Assert.Contains(entries, e => e.EventName == "RetryScheduled" && e.Level == LogLevel.Warning && e.Exception is null
            && e.Message.Contains(typeof(InvalidOperationException).FullName!, StringComparison.Ordinal));
        Assert.Contains(entries, e => e.EventName == "TimedOut" && e.Level == LogLevel.Warning);
        Assert.Contains(entries, e => e.EventName == "FallbackTaken" && e.Level == LogLevel.Warning && e.Exception is null && e.Message.Contains("FromCache", StringComparison.Ordinal));
        Assert.Contains(entries, e => e.EventName == "CircuitBreakerStateChanged" && e.Level == LogLevel.Warning && e.Message.Contains("Closed to Open", StringComparison.Ordinal));
        Assert.Contains(entries, e => e.EventName == "CircuitBreakerRejected" && e.Level == LogLevel.Debug);
        Assert.Contains(entries, e => e.EventName == "BulkheadRejected" && e.Level == LogLevel.Warning);
    }

    [Fact]
    public void Nothing_is_logged_or_formatted_below_the_minimum_level()
    {
        var log = new RecordingLoggerFactory { MinimumLevel = LogLevel.None };
        ResilienceRuntime.LoggerFactory = log;

        Exercise(UniqueName("Telemetry.Agent.Call"), out _);

        Assert.Empty(log.Entries);
        Assert.True(log.IsEnabledCalls > 0); // asked, and stopped there
    }

    [Fact]
    public void Without_listeners_the_instrumented_paths_allocate_nothing()
    {
        Assert.False(MeterHasListeners());
        var retry = new RetryPolicy(UniqueName("alloc"), new RetryOptions { MaxRetries = int.MaxValue, BaseDelayMs = 0, Jitter = Jitter.None });
        var fallback = new FallbackPolicy(UniqueName("alloc"), "FromCache", FallbackOptions.Default);
        var failure = new InvalidOperationException("down");

        void Run()
        {
            var state = new RetryState(retry);
            for (int i = 0; i < 10; i++)
            {
                if (state.ShouldRetry(failure, default))
                {
                    state.OnRetry(failure);
                }
            }

            _ = fallback.Handles(failure, default);
        }

        for (int i = 0; i < 1_000; i++)
        {
            Run();
        }

        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < 1_000; i++)
        {
            Run();
        }

        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
    }

    [Fact]
    public void Recording_activities_get_events()
    {
        using var source = new ActivitySource("Resilience.Runtime.Tests");
        using var listener = new ActivityListener
        {
            ShouldListenTo = s => s.Name == source.Name,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
        };
        ActivitySource.AddActivityListener(listener);

        using Activity? activity = source.StartActivity("call");
        Assert.NotNull(activity);
        Exercise(UniqueName("Telemetry.Agent.Call"), out _);

        string[] names = activity!.Events.Select(e => e.Name).ToArray();
        Assert.Contains("resilience.retry", names);
        Assert.Contains("resilience.timeout", names);
        Assert.Contains("resilience.fallback", names);
        Assert.Contains("resilience.breaker.transition", names);
    }

    [Fact]
    public void The_meter_and_activity_source_are_named_Resilience()
    {
        Assert.Equal("Resilience", ResilienceTelemetry.Meter.Name);
        Assert.Equal("Resilience", ResilienceTelemetry.ActivitySource.Name);
    }

    private static bool MeterHasListeners()
    {
        bool any = false;
        using var probe = new MeterListener
        {
            InstrumentPublished = (instrument, _) =>
            {
                if (instrument.Meter.Name == ResilienceTelemetry.Name && instrument.Enabled)
                {
                    any = true;
                }
            },
        };
        probe.Start();
        return any;
    }
}
