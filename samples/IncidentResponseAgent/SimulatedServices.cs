namespace IncidentResponseAgent;

/// <summary>
/// Which calls of a simulated dependency fail: a fixed schedule, so every run of the sample tells the same story
/// (the "seed" of the scenario). "x" fails, "." succeeds; calls past the end repeat the last entry.
/// </summary>
public sealed class FailureSchedule(string pattern)
{
    private int _calls;

    public int Calls => Volatile.Read(ref _calls);

    public bool NextCallFails()
    {
#pragma warning disable RES1002 // justification: the schedule counts every attempt on purpose: that is how the simulation fails on a fixed schedule
        int call = Interlocked.Increment(ref _calls);
#pragma warning restore RES1002
        char mark = pattern[Math.Min(call, pattern.Length) - 1];
        return mark == 'x';
    }
}

/// <summary>The monitoring service: metrics answer after two 503s; the logs endpoint is down for the whole run.</summary>
public sealed class SimulatedDatadog(Narrator narrator)
{
    public FailureSchedule MetricsSchedule { get; } = new("xx.");

    public FailureSchedule LogsSchedule { get; } = new("x");

    public async Task<Metrics> QueryMetricsAsync(string service, CancellationToken cancellationToken)
    {
        await Task.Yield();
        if (MetricsSchedule.NextCallFails())
        {
            narrator.Policy($"datadog metrics call {MetricsSchedule.Calls}: 503 Service Unavailable");
            throw new HttpRequestException("datadog: 503 Service Unavailable");
        }

        narrator.Policy($"datadog metrics call {MetricsSchedule.Calls}: ok");
        return new Metrics(service, ErrorRate: 0.05, P99LatencyMs: 2300, FromCache: false);
    }

    /// <summary>The health probe of the logs endpoint (quiet: the self-healing step narrates it).</summary>
    public Task<bool> LogsReachableAsync(CancellationToken cancellationToken) => Task.FromResult(false);

    public async Task<LogSummary> QueryLogsAsync(string service, CancellationToken cancellationToken)
    {
        await Task.Yield();
        if (LogsSchedule.NextCallFails())
        {
            narrator.Policy($"datadog logs call {LogsSchedule.Calls}: connection refused");
            throw new HttpRequestException("datadog logs: connection refused");
        }

        return new LogSummary(new[] { "Connection timeout", "Database deadlock" }, Degraded: false);
    }
}

/// <summary>The cluster: restarts and cache flushes are real side effects, counted so duplicates would show.</summary>
public sealed class SimulatedKubernetes(Narrator narrator) : IKubernetesClient
{
    private int _restarts;
    private int _cacheFlushes;
    private int _readinessChecks;

    public int Restarts => Volatile.Read(ref _restarts);

    public int CacheFlushes => Volatile.Read(ref _cacheFlushes);

    public RemediationReceipt RestartPods(string service)
    {
        int generation = Interlocked.Increment(ref _restarts);
        narrator.Action($"kubectl rollout restart deployment/{service} (restart #{generation})");
        return new RemediationReceipt(service, "restart-pods", generation);
    }

    public RemediationReceipt FlushCache(string service)
    {
        int generation = Interlocked.Increment(ref _cacheFlushes);
        narrator.Action($"flush cache of {service} (flush #{generation})");
        return new RemediationReceipt(service, "flush-cache", generation);
    }

    /// <summary>Pods take one check to become ready after a restart.</summary>
    public async Task<bool> PodsReadyAsync(string service, CancellationToken cancellationToken)
    {
        await Task.Yield();
#pragma warning disable RES1002 // justification: simulated cluster: counts readiness probes
        int check = Interlocked.Increment(ref _readinessChecks);
#pragma warning restore RES1002
        bool ready = check > 1;
        narrator.Policy($"readiness check {check}: {(ready ? "all pods ready" : "pods not ready yet")}");
        return ready ? true : throw new TimeoutException($"{service}: pods not ready");
    }
}

/// <summary>The pager: only used when self-healing fails.</summary>
public sealed class SimulatedPagerDuty(Narrator narrator)
{
    public int Pages { get; private set; }

    public Task PageAsync(Incident incident, string summary, CancellationToken cancellationToken)
    {
#pragma warning disable RES1001 // justification: simulated pager: counts pages so the demo can show them
        Pages++;
#pragma warning restore RES1001
        narrator.Action($"page on-call for {incident.Id}: {summary}");
        return Task.CompletedTask;
    }
}
