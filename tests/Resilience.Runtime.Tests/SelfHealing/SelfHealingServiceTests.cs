using System.Diagnostics;
using Resilience.Testing;

namespace Resilience.Runtime.Tests.SelfHealing;

/// <summary>The self-healing loop on a fake clock: rounds are run with CheckAsync or woken by the fake timer; nothing sleeps.</summary>
public sealed class SelfHealingServiceTests
{
    private readonly FakeClock _clock = new();
    private readonly CircuitBreakerRegistry _breakers = new();
    private readonly List<SelfHealingEscalation> _escalations = new();
    private bool _primaryHealthy;
    private int _probes;
    private int _recoveries;
    private int _failovers;
    private int _failbacks;

    private SelfHealingService Create(Action<SelfHealingComponentOptions> configure, TimeSpan? interval = null)
    {
        var options = new SelfHealingOptions
        {
            TimeProvider = _clock,
            Breakers = _breakers,
            ProbeInterval = interval ?? TimeSpan.FromSeconds(10),
            OnEscalation = (e, _) =>
            {
                _escalations.Add(e);
                return Task.CompletedTask;
            },
        };
        options.AddComponent("kubernetes", c =>
        {
            c.Probe = _ =>
            {
                Interlocked.Increment(ref _probes);
                return Task.FromResult(_primaryHealthy);
            };
            c.Recover = _ =>
            {
                _recoveries++;
                return Task.CompletedTask;
            };
            c.RecoveryCooldown = TimeSpan.FromSeconds(60);
            configure(c);
        });
        return new SelfHealingService(options);
    }

    private SelfHealingComponentStatus Status(SelfHealingService service) => Assert.Single(service.GetStatus());

    [Fact]
    public async Task An_unhealthy_component_is_recovered_at_most_once_per_cooldown()
    {
        using SelfHealingService service = Create(_ => { });

        await service.CheckAsync();
        Assert.Equal(1, _recoveries);
        Assert.Equal(1, Status(service).ConsecutiveFailedRecoveries);
        Assert.Equal("the probe still fails after the recovery: the probe failed", Status(service).LastError);

        _clock.Advance(TimeSpan.FromSeconds(30));
        await service.CheckAsync();
        _clock.Advance(TimeSpan.FromSeconds(29));
        await service.CheckAsync();
        Assert.Equal(1, _recoveries); // on cooldown

        _clock.Advance(TimeSpan.FromSeconds(1));
        await service.CheckAsync();
        Assert.Equal(2, _recoveries);
        Assert.Equal(_clock.GetUtcNow(), Status(service).LastRecoveryTime);
    }

    [Fact]
    public async Task A_recovery_that_makes_the_probe_pass_resets_the_count()
    {
        using SelfHealingService service = Create(c => c.Recover = _ =>
        {
            _recoveries++;
            _primaryHealthy = true;
            return Task.CompletedTask;
        });

        await service.CheckAsync();

        Assert.Equal(1, _recoveries);
        SelfHealingComponentStatus status = Status(service);
        Assert.True(status.Healthy);
        Assert.Equal(0, status.ConsecutiveFailedRecoveries);
        Assert.Null(status.LastError);
    }

    [Fact]
    public async Task After_N_failed_recoveries_in_a_row_it_escalates_once_and_stops_recovering_until_the_probe_passes()
    {
        using SelfHealingService service = Create(c => c.MaxConsecutiveFailedRecoveries = 5);

        for (int i = 0; i < 8; i++)
        {
            await service.CheckAsync();
            _clock.Advance(TimeSpan.FromSeconds(60));
        }

        Assert.Equal(5, _recoveries);
        SelfHealingEscalation escalation = Assert.Single(_escalations);
        Assert.Equal("kubernetes", escalation.Component);
        Assert.Equal(5, escalation.ConsecutiveFailedRecoveries);
        Assert.True(Status(service).Escalated);

        _primaryHealthy = true;
        await service.CheckAsync();
        Assert.False(Status(service).Escalated);
        Assert.Equal(0, Status(service).ConsecutiveFailedRecoveries);

        _primaryHealthy = false;
        await service.CheckAsync();
        Assert.Equal(6, _recoveries); // recovering again after the reset
    }

    [Fact]
    public async Task It_fails_over_while_the_primary_stays_unhealthy_and_fails_back_once_its_probe_passes()
    {
        using SelfHealingService service = Create(c =>
        {
            c.Failover = _ =>
            {
                _failovers++;
                return Task.CompletedTask;
            };
            c.Failback = _ =>
            {
                _failbacks++;
                return Task.CompletedTask;
            };
        });

        await service.CheckAsync();
        Assert.Equal(1, _failovers);
        Assert.True(Status(service).UsingBackup);

        _clock.Advance(TimeSpan.FromSeconds(10));
        await service.CheckAsync();
        Assert.Equal(1, _failovers); // already on the backup

        _primaryHealthy = true;
        _clock.Advance(TimeSpan.FromSeconds(10));
        await service.CheckAsync();
        Assert.Equal(1, _failbacks);
        Assert.False(Status(service).UsingBackup);
    }

    [Fact]
    public async Task An_open_trigger_breaker_makes_the_component_unhealthy_even_when_its_probe_passes()
    {
        _primaryHealthy = true;
        CircuitBreaker breaker = _breakers.GetOrAdd("k8s-api", new CircuitBreakerOptions());
        using SelfHealingService service = Create(c => c.TriggerBreakers.Add("k8s-api"));

        await service.CheckAsync();
        Assert.Equal(0, _recoveries);

        breaker.Isolate();
        await service.CheckAsync();
        Assert.Equal(1, _recoveries);
        Assert.True(Status(service).Healthy); // the recovery's verifying probe passed

        _clock.Advance(TimeSpan.FromSeconds(10));
        await service.CheckAsync(); // still isolated, but the recovery is on cooldown
        Assert.Equal(1, _recoveries);
        Assert.False(Status(service).Healthy);
        Assert.Equal("breaker 'k8s-api' is Isolated", Status(service).LastError);
    }

    [Fact]
    public async Task A_recovery_action_that_hangs_is_abandoned_after_its_timeout_and_counts_as_failed()
    {
        var never = new TaskCompletionSource();
        using SelfHealingService service = Create(c =>
        {
            c.ActionTimeout = TimeSpan.FromSeconds(5);
            c.Recover = _ => never.Task; // ignores its token
        });

        Task round = service.CheckAsync();
        Assert.False(round.IsCompleted);
        _clock.Advance(TimeSpan.FromSeconds(5));
        await round;

        SelfHealingComponentStatus status = Assert.Single(service.GetStatus());
        Assert.Equal(1, status.ConsecutiveFailedRecoveries);
        Assert.Equal("recovery did not finish within 5 s", status.LastError);
    }

    [Fact]
    public async Task A_throwing_probe_or_recovery_is_logged_as_a_failure_and_never_escapes()
    {
        using SelfHealingService service = Create(c =>
        {
            c.Probe = _ => throw new InvalidOperationException("kubeconfig missing");
            c.Recover = _ => throw new IOException("restart failed");
        });

        await service.CheckAsync();

        SelfHealingComponentStatus status = Status(service);
        Assert.False(status.Healthy);
        Assert.Equal("recovery threw IOException: restart failed", status.LastError);
    }

    [Fact]
    public async Task The_hosted_loop_probes_at_the_interval_and_a_trigger_breaker_opening_wakes_it_at_once()
    {
        _primaryHealthy = true;
        CircuitBreaker breaker = _breakers.GetOrAdd("k8s-loop", new CircuitBreakerOptions());
        var rounds = new SemaphoreSlim(0);
        using SelfHealingService service = Create(
            c =>
            {
                c.TriggerBreakers.Add("k8s-loop");
                c.Probe = _ =>
                {
                    Interlocked.Increment(ref _probes);
                    rounds.Release();
                    return Task.FromResult(_primaryHealthy);
                };
            },
            interval: TimeSpan.FromSeconds(7)); // unlike the probe timeout (10 s), so the loop's wait is recognised below

        await service.StartAsync(CancellationToken.None);
        Assert.True(await rounds.WaitAsync(TimeSpan.FromSeconds(30))); // first round at start
        // The probe ran, but the loop starts its wait after the round ends: advancing earlier would pass the timer by.
        var waitStarted = Stopwatch.StartNew();
        while (!_clock.RequestedDelays.Contains(TimeSpan.FromSeconds(7)))
        {
            Assert.True(waitStarted.Elapsed < TimeSpan.FromSeconds(30), "the loop never started its wait for the interval");
            await Task.Delay(10);
        }

        _clock.Advance(TimeSpan.FromSeconds(7));
        Assert.True(await rounds.WaitAsync(TimeSpan.FromSeconds(30))); // the interval elapsed on the fake clock

        breaker.Isolate(); // no time passes
        Assert.True(await rounds.WaitAsync(TimeSpan.FromSeconds(30)));
        await service.StopAsync(CancellationToken.None);
        Assert.True(_probes >= 3);
    }

    [Fact]
    public void Bad_configuration_is_rejected_naming_the_component()
    {
        var options = new SelfHealingOptions();
        var noProbe = Assert.Throws<ArgumentException>(() => options.AddComponent("db", _ => { }));
        Assert.Contains("'db'", noProbe.Message, StringComparison.Ordinal);
        var half = Assert.Throws<ArgumentException>(() => options.AddComponent("db", c =>
        {
            c.Probe = _ => Task.FromResult(true);
            c.Failover = _ => Task.CompletedTask;
        }));
        Assert.Contains("Failback", half.Message, StringComparison.Ordinal);
    }
}
