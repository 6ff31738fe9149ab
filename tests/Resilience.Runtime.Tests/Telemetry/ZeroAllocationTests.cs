using Resilience.Runtime.Tests.Configuration;
using Xunit.Abstractions;

namespace Resilience.Runtime.Tests.Telemetry;

/// <summary>The hot paths that generated code takes on every successful call allocate nothing (no listener, no override).</summary>
public sealed class ZeroAllocationTests : GlobalStateTest
{
    private const int Calls = 10_000;
    private readonly ITestOutputHelper _output;

    public ZeroAllocationTests(ITestOutputHelper output)
    {
        _output = output;
        ResilienceRuntime.TimeProvider = TimeProvider.System; // the real clock, as in production
    }

    private double BytesPerCall(string what, Action call)
    {
        for (int i = 0; i < 2_000; i++)
        {
            call();
        }

        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < Calls; i++)
        {
            call();
        }

        double perCall = (GC.GetAllocatedBytesForCurrentThread() - before) / (double)Calls;
        _output.WriteLine($"{what}: {perCall} bytes/call");
        return perCall;
    }

    [Fact]
    public void Closed_breaker_Enter_and_OnSuccess_allocate_nothing_in_every_mode()
    {
        var consecutive = new CircuitBreakerPolicy(UniqueName("alloc"), new CircuitBreakerOptions());
        var window = new CircuitBreakerPolicy(UniqueName("alloc"), new CircuitBreakerOptions { SamplingDurationMs = 10_000 });
        var ratio = new CircuitBreakerPolicy(UniqueName("alloc"), new CircuitBreakerOptions { FailureRatio = 0.5 });

        foreach (CircuitBreakerPolicy policy in new[] { consecutive, window, ratio })
        {
            Assert.Equal(0, BytesPerCall($"breaker {policy.Options.Mode}", () =>
            {
                var breaker = policy.Enter();
                breaker.OnSuccess();
            }));
        }
    }

    [Fact]
    public void Ignored_failures_and_switched_off_breakers_allocate_nothing()
    {
        var policy = new CircuitBreakerPolicy(UniqueName("alloc"), new CircuitBreakerOptions
        {
            Exceptions = new ExceptionTypeFilter(null, new[] { typeof(ArgumentException) }),
        });
        var ignored = new ArgumentException("bad input");
        Assert.Equal(0, BytesPerCall("breaker ignored failure", () => policy.Enter().OnFailure(ignored, default)));

        ResilienceRuntime.SetEnabled(PolicyKind.CircuitBreaker, false);
        Assert.Equal(0, BytesPerCall("breaker switched off", () => policy.Enter().OnSuccess()));
    }

    [Fact]
    public void Bulkhead_with_a_free_slot_allocates_nothing()
    {
        var policy = new BulkheadPolicy(UniqueName("alloc"), new BulkheadOptions { MaxConcurrency = 2, MaxQueue = 5 });

        Assert.Equal(0, BytesPerCall("bulkhead Enter", () =>
        {
            using (policy.Enter(default))
            {
            }
        }));
        Assert.Equal(0, BytesPerCall("bulkhead EnterAsync (slot free)", () =>
        {
            ValueTask<BulkheadLease> entered = policy.EnterAsync(default);
            Assert.True(entered.IsCompletedSuccessfully);
            using (entered.Result)
            {
            }
        }));
    }

    [Fact]
    public void The_composed_success_path_allocates_nothing()
    {
        var retryPolicy = new RetryPolicy(UniqueName("alloc"), new RetryOptions());
        var breakerPolicy = new CircuitBreakerPolicy(UniqueName("alloc"), new CircuitBreakerOptions { FailureRatio = 0.5 });
        var bulkheadPolicy = new BulkheadPolicy(UniqueName("alloc"), new BulkheadOptions());
        var fallbackPolicy = new FallbackPolicy(UniqueName("alloc"), "Cached", FallbackOptions.Default);
        int calls = 0;

        int Core() => ++calls;

        // Fallback → Retry → CircuitBreaker → Bulkhead → implementation, as the generator writes it.
        int Call(CancellationToken cancellationToken)
        {
            try
            {
                var retry = new RetryState(retryPolicy);
                while (true)
                {
                    try
                    {
                        var breaker = breakerPolicy.Enter();
                        try
                        {
                            int result;
                            using (bulkheadPolicy.Enter(cancellationToken))
                            {
                                result = Core();
                            }

                            breaker.OnSuccess();
                            return result;
                        }
                        catch (Exception ex)
                        {
                            breaker.OnFailure(ex, cancellationToken);
                            throw;
                        }
                    }
                    catch (Exception ex) when (retry.ShouldRetry(ex, cancellationToken))
                    {
                        retry.OnRetry(ex);
                    }

                    retry.Wait(cancellationToken);
                }
            }
            catch (Exception ex) when (fallbackPolicy.Handles(ex, cancellationToken))
            {
                return -1;
            }
        }

        Assert.Equal(0, BytesPerCall("fallback+retry+breaker(ratio)+bulkhead", () => Call(default)));
        Assert.True(calls > Calls);
    }
}
