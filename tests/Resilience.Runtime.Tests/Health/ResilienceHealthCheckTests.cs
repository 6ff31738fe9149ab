using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Resilience.Runtime.Tests.Breakers;
using Resilience.Runtime.Tests.Configuration;

namespace Resilience.Runtime.Tests.Health;

public sealed class ResilienceHealthCheckTests : GlobalStateTest
{
    private readonly CircuitBreakerRegistry _breakers = new();
    private readonly BulkheadRegistry _bulkheads = new();
    private readonly CircuitBreaker _kubernetes;
    private readonly CircuitBreaker _metrics;
    private readonly Bulkhead _llm;

    public ResilienceHealthCheckTests()
    {
        DegradationMonitor.Reset();
        _kubernetes = _breakers.GetOrAdd("kubernetes", new CircuitBreakerOptions { FailureThreshold = 2, BreakDurationMs = 30_000 });
        _metrics = _breakers.GetOrAdd("metrics", new CircuitBreakerOptions { FailureThreshold = 2, BreakDurationMs = 30_000 });
        _llm = _bulkheads.GetOrAdd("llm", new BulkheadOptions { MaxConcurrency = 1, MaxQueue = 0 });
    }

    private ResilienceHealthCheck NewCheck() => new(Options());

    private ResilienceHealthCheckOptions Options()
    {
        var options = new ResilienceHealthCheckOptions { Breakers = _breakers, Bulkheads = _bulkheads, RecentWindow = TimeSpan.FromMinutes(1) };
        options.CriticalBreakers.Add("kubernetes");
        return options;
    }

    private static void Fail(CircuitBreaker breaker)
    {
        CircuitBreakerPermit permit = breaker.Enter();
        permit.OnFailure(new DependencyDownException(), default);
    }

    [Fact]
    public void Healthy_when_every_breaker_is_closed_and_the_data_names_each_breaker_and_bulkhead_with_its_statistics()
    {
        _metrics.Enter().OnSuccess();
        _metrics.Enter().OnSuccess();
        _metrics.Enter().OnSuccess();
        Time.Advance(TimeSpan.FromSeconds(1));
        Fail(_metrics);
        using (_llm.Enter(default))
        {
        }

        HealthCheckResult result = NewCheck().Evaluate();

        Assert.Equal(HealthStatus.Healthy, result.Status);
        var metrics = Assert.IsType<CircuitBreakerStatistics>(result.Data["breaker:metrics"]);
        Assert.Equal(CircuitBreakerState.Closed, metrics.State);
        Assert.Equal(0.75, metrics.SuccessRate);
        Assert.Equal(1, metrics.FailuresInCurrentWindow);
        Assert.Equal(Time.GetUtcNow(), metrics.LastFailureTime);
        Assert.IsType<CircuitBreakerStatistics>(result.Data["breaker:kubernetes"]);
        var llm = Assert.IsType<BulkheadStatistics>(result.Data["bulkhead:llm"]);
        Assert.Equal(1, llm.Admitted);
        Assert.Equal(1, llm.Total);
        Assert.Equal(0, llm.Rejected);
    }

    [Fact]
    public void Degraded_when_a_breaker_is_open_and_healthy_again_once_it_closes()
    {
        Fail(_metrics);
        Fail(_metrics);

        HealthCheckResult open = NewCheck().Evaluate();
        Assert.Equal(HealthStatus.Degraded, open.Status);
        Assert.Contains("'metrics' is Open", open.Description, StringComparison.Ordinal);

        _metrics.Reset();
        Assert.Equal(HealthStatus.Healthy, NewCheck().Evaluate().Status);
    }

    [Fact]
    public void Unhealthy_when_a_critical_breaker_is_open_or_any_breaker_is_isolated()
    {
        Fail(_kubernetes);
        Fail(_kubernetes);
        HealthCheckResult critical = NewCheck().Evaluate();
        Assert.Equal(HealthStatus.Unhealthy, critical.Status);
        Assert.Contains("'kubernetes' is Open (critical)", critical.Description, StringComparison.Ordinal);

        _kubernetes.Reset();
        _metrics.Isolate();
        Assert.Equal(HealthStatus.Unhealthy, NewCheck().Evaluate().Status);
    }

    [Fact]
    public void A_saturated_or_rejecting_bulkhead_is_degraded_and_rejections_stop_counting_after_the_window()
    {
        BulkheadLease held = _llm.Enter(default);
        HealthCheckResult saturated = NewCheck().Evaluate();
        Assert.Equal(HealthStatus.Degraded, saturated.Status);
        Assert.Contains("'llm' is saturated", saturated.Description, StringComparison.Ordinal);

        Assert.Throws<BulkheadRejectedException>(() => _llm.Enter(default));
        held.Dispose();
        HealthCheckResult rejecting = NewCheck().Evaluate();
        Assert.Equal(HealthStatus.Degraded, rejecting.Status);
        Assert.Contains("'llm' is rejecting calls (1 rejected of 2)", rejecting.Description, StringComparison.Ordinal);

        Time.Advance(TimeSpan.FromMinutes(1) + TimeSpan.FromSeconds(1));
        Assert.Equal(HealthStatus.Healthy, NewCheck().Evaluate().Status);
    }

    [Fact]
    public void A_recent_degraded_answer_is_degraded_until_the_window_passes()
    {
        DegradationTelemetry.OnDegraded(new DegradedAnswer("Agent.FetchMetricsAsync", LastKnownGoodPolicy.SourceName, DegradationLevel.Slight, TimeSpan.FromMinutes(3), Time.GetUtcNow(), new TimeoutException()));

        HealthCheckResult recent = NewCheck().Evaluate();
        Assert.Equal(HealthStatus.Degraded, recent.Status);
        Assert.Contains("'Agent.FetchMetricsAsync' answered at level Slight from LastKnownGood", recent.Description, StringComparison.Ordinal);
        Assert.Equal(1, Assert.IsType<DegradationStatistics>(recent.Data["degraded:Agent.FetchMetricsAsync"]).DegradedAnswers);

        Time.Advance(TimeSpan.FromMinutes(2));
        Assert.Equal(HealthStatus.Healthy, NewCheck().Evaluate().Status);
    }

    [Fact]
    public async Task AddResilienceHealthChecks_reports_through_the_health_check_service()
    {
        var services = new ServiceCollection();
        services.AddSingleton(typeof(Microsoft.Extensions.Logging.ILogger<>), typeof(Microsoft.Extensions.Logging.Abstractions.NullLogger<>));
        services.AddHealthChecks().AddResilienceHealthChecks(o =>
        {
            o.Breakers = _breakers;
            o.Bulkheads = _bulkheads;
            o.CriticalBreakers.Add("kubernetes");
        });
        await using ServiceProvider provider = services.BuildServiceProvider();
        HealthCheckService health = provider.GetRequiredService<HealthCheckService>();

        Assert.Equal(HealthStatus.Healthy, (await health.CheckHealthAsync()).Status);
        Fail(_kubernetes);
        Fail(_kubernetes);
        HealthReport report = await health.CheckHealthAsync();
        Assert.Equal(HealthStatus.Unhealthy, report.Status);
        Assert.True(report.Entries.ContainsKey("resilience"));
    }
}
