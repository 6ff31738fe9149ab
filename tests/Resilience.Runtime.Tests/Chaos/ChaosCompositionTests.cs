using Resilience.Runtime.Tests.Breakers;
using Resilience.Runtime.Tests.Configuration;

namespace Resilience.Runtime.Tests.Chaos;

/// <summary>
/// Fallback/LastKnownGood → CircuitBreaker → chaos → implementation, written out as the generator emits it: injected faults
/// open the breaker, and the last known good value, then the fallback, answer.
/// </summary>
public sealed class ChaosCompositionTests : GlobalStateTest
{
    private readonly string _name = UniqueName("Tests.Chaos.Agent") + ".GetMetricsAsync";
    private readonly InMemoryDurableStore _store;
    private readonly LastKnownGoodPolicy _lastKnownGood;
    private readonly CircuitBreakerPolicy _breaker;
    private readonly FallbackPolicy _fallback;
    private int _coreCalls;

    public ChaosCompositionTests()
    {
        _store = new InMemoryDurableStore(Time);
        _lastKnownGood = new LastKnownGoodPolicy(_name, new LastKnownGoodOptions { MaxAgeSeconds = 300 }, DegradationLevel.Slight);
        _breaker = new CircuitBreakerPolicy(_name, new CircuitBreakerOptions { FailureThreshold = 3, BreakDurationMs = 30_000 });
        _fallback = new FallbackPolicy(_name, nameof(FromDefaultsAsync), new FallbackOptions());
    }

    private Task<string> CoreAsync(string service)
    {
        _coreCalls++;
        return Task.FromResult("live:" + service);
    }

    private Task<string> FromDefaultsAsync(string service) => Task.FromResult("defaults:" + service);

    private async Task<string> GetMetricsAsync(string service, CancellationToken ct = default)
    {
        string key = service;
        try
        {
            try
            {
                CircuitBreakerPermit permit = _breaker.Enter();
                string result;
                try
                {
                    if (ResilienceChaos.IsActive)
                    {
                        await ResilienceChaos.InjectAsync(_name, ct);
                    }

                    result = await CoreAsync(service);
                    permit.OnSuccess();
                }
                catch (Exception ex)
                {
                    permit.OnFailure(ex, ct);
                    throw;
                }

                _lastKnownGood.Record(_store, key, result);
                return result;
            }
            catch (Exception ex) when (_lastKnownGood.Handles(ex, ct))
            {
                LastKnownGoodValue<string> stale = await _lastKnownGood.TryGetAsync<string>(_store, key, ex, ct);
                if (stale.HasValue)
                {
                    return stale.Value;
                }

                throw;
            }
        }
        catch (Exception ex) when (_fallback.Handles(ex, ct))
        {
            string answer = await FromDefaultsAsync(service);
            DegradationTelemetry.OnDegraded(new DegradedAnswer(_name, nameof(FromDefaultsAsync), DegradationLevel.Moderate, null, Time.GetUtcNow(), ex));
            return answer;
        }
    }

    [Fact]
    public async Task Injected_faults_open_the_breaker_and_the_stale_value_then_the_fallback_answer()
    {
        Assert.Equal("live:checkout", await GetMetricsAsync("checkout"));
        await LastKnownGoodPolicy.FlushAsync();

        using IDisposable chaos = ResilienceChaos.Enable(_name, new ChaosOptions { FaultRate = 1, ExceptionType = "HttpRequestException" });
        using DegradationScope scope = DegradationScope.Begin();
        for (int i = 0; i < 5; i++)
        {
            Time.Advance(TimeSpan.FromSeconds(10));
            Assert.Equal("live:checkout", await GetMetricsAsync("checkout")); // served from the last known good value
        }

        Assert.Equal(CircuitBreakerState.Open, _breaker.Breaker.State);
        Assert.Equal(3, _breaker.Breaker.Statistics.Failures);
        Assert.Equal(2, _breaker.Breaker.Statistics.Rejections);
        Assert.Equal(1, _coreCalls);
        Assert.Equal(DegradationLevel.Slight, scope.Level);
        Assert.Equal(TimeSpan.FromSeconds(50), scope.Answers[^1].StaleAge);
        Assert.IsType<CircuitBreakerOpenException>(scope.Answers[^1].Exception);

        // Past its max age the stale value is refused and the next member of the chain answers.
        Time.Advance(TimeSpan.FromSeconds(300));
        Assert.Equal("defaults:checkout", await GetMetricsAsync("checkout"));
        Assert.Equal(DegradationLevel.Moderate, scope.Level);
    }
}
