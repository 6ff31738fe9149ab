using Resilience;

namespace IncidentResponseAgent;

/// <summary>
/// The incident-response agent of the reference scenario, ported to attributes. Each external call says how it copes with
/// failure; each workflow step is checkpointed, so a crashed run resumes where it stopped; remediation actions are
/// idempotent, so a resumed or retried step never restarts the pods twice. The generator writes the bodies (see Generated/).
/// </summary>
public sealed partial class IncidentAgent(
    SimulatedDatadog datadog,
    IKubernetesClient kubernetes,
    SimulatedPagerDuty pagerDuty,
    Narrator narrator,
    Func<string, bool> crashAt)
{
    private static readonly Metrics s_defaultMetrics = new("payment-api", ErrorRate: 0.04, P99LatencyMs: 1900, FromCache: true);

    [CheckpointState]
    private AgentState _state = new();

    public AgentState State => _state;

    /// <summary>Runs the whole workflow; steps completed by an earlier run with the same incident id are not executed again.</summary>
    public async Task<bool> HandleIncidentAsync(Incident incident, CancellationToken cancellationToken)
    {
        narrator.Info($"INCIDENT {incident.Id}: {incident.Service} ({incident.Severity}) — {incident.Description}");

        IncidentContext context = await Run(1, "gather-context", () => GatherContextAsync(incident.Id, incident, cancellationToken));
        Diagnosis diagnosis = await Run(2, "identify-root-cause", () => IdentifyRootCauseAsync(incident.Id, context, cancellationToken));
        await Run(3, "apply-remediation", async () => { await ApplyRemediationAsync(incident.Id, incident, diagnosis, cancellationToken); return true; });
        bool healthy = await Run(4, "verify-fix", () => VerifyFixAsync(incident.Id, incident, cancellationToken));
        if (!healthy)
        {
            await Run(5, "escalate", async () => { await EscalateAsync(incident.Id, incident, cancellationToken); return true; });
        }

        narrator.Info($"\n{(healthy ? "RESOLVED" : "ESCALATED")} {incident.Id}. State: {_state.Summary}");
        return healthy;
    }

    // ---- workflow steps: [Checkpoint] ----------------------------------------------------------------------------

    [Checkpoint(Step = "gather-context")]
    public partial Task<IncidentContext> GatherContextAsync([WorkflowId] string incidentId, Incident incident, CancellationToken cancellationToken);

    private async Task<IncidentContext> GatherContextAsyncCore(string incidentId, Incident incident, CancellationToken cancellationToken)
    {
        Executing("gather-context");
        Metrics metrics = await FetchMetricsAsync(incident.Service, cancellationToken);
        LogSummary logs = await FetchLogsAsync(incident.Service, cancellationToken);
        _state.Degraded = metrics.FromCache || logs.Degraded;
        narrator.Policy($"context: error rate {metrics.ErrorRate:P0}{(metrics.FromCache ? " (defaults)" : string.Empty)}, {logs.RecentErrors.Count} log lines{(logs.Degraded ? " (logs unavailable)" : string.Empty)}");
        return new IncidentContext(metrics, logs);
    }

    [Checkpoint(Step = "identify-root-cause")]
    public partial Task<Diagnosis> IdentifyRootCauseAsync([WorkflowId] string incidentId, IncidentContext context, CancellationToken cancellationToken);

    private Task<Diagnosis> IdentifyRootCauseAsyncCore(string incidentId, IncidentContext context, CancellationToken cancellationToken)
    {
        Executing("identify-root-cause");
        var diagnosis = context.Metrics.P99LatencyMs > 1000
            ? new Diagnosis("connection pool exhaustion after a deploy", "restart pods and flush the cache")
            : new Diagnosis("unknown", "escalate");
        _state.RootCause = diagnosis.RootCause;
        narrator.Policy($"root cause: {diagnosis.RootCause}");
        return Task.FromResult(diagnosis);
    }

    [Checkpoint(Step = "apply-remediation")]
    public partial Task ApplyRemediationAsync([WorkflowId] string incidentId, Incident incident, Diagnosis diagnosis, CancellationToken cancellationToken);

    private async Task ApplyRemediationAsyncCore(string incidentId, Incident incident, Diagnosis diagnosis, CancellationToken cancellationToken)
    {
        Executing("apply-remediation");
        await RestartPodsAsync(incident, cancellationToken);
        if (crashAt("apply-remediation"))
        {
            throw new SimulatedCrashException("apply-remediation");
        }

        await FlushCacheAsync(incident, cancellationToken);
        _state.Remediated = true;
    }

    [Checkpoint(Step = "verify-fix")]
    public partial Task<bool> VerifyFixAsync([WorkflowId] string incidentId, Incident incident, CancellationToken cancellationToken);

    private async Task<bool> VerifyFixAsyncCore(string incidentId, Incident incident, CancellationToken cancellationToken)
    {
        Executing("verify-fix");
        bool ready = await WaitForPodsReadyAsync(incident.Service, cancellationToken);
        Metrics metrics = await FetchMetricsAsync(incident.Service, cancellationToken);
        narrator.Policy($"metrics after remediation: error rate {metrics.ErrorRate:P0}{(metrics.FromCache ? " (defaults)" : string.Empty)}");
        _state.Verified = ready;
        return ready;
    }

    [Checkpoint(Step = "escalate")]
    public partial Task EscalateAsync([WorkflowId] string incidentId, Incident incident, CancellationToken cancellationToken);

    private async Task EscalateAsyncCore(string incidentId, Incident incident, CancellationToken cancellationToken)
    {
        Executing("escalate");
        await PageOnCallAsync(incident, cancellationToken);
        _state.Escalated = true;
    }

    // ---- calls to flaky services ----------------------------------------------------------------------------------

    /// <summary>
    /// Metrics: retried with jitter, behind the shared "datadog" breaker. When the call fails (an open breaker included) the
    /// last metrics it returned, if younger than an hour, answer (level Slight; kept in the file store, so a restarted agent
    /// has them too); without them, built-in defaults (level Moderate).
    /// </summary>
    [Retry(MaxRetries = 3, BaseDelayMs = 100, Jitter = Jitter.Full, RetryOn = new[] { typeof(HttpRequestException), typeof(TimeoutException) })]
    [CircuitBreaker(Name = "datadog", FailureThreshold = 3, BreakDurationMs = 30_000)]
    [Timeout(2_000)]
    [LastKnownGood(MaxAgeSeconds = 3_600)]
    [Fallback(nameof(CachedMetrics))]
    public partial Task<Metrics> FetchMetricsAsync(string service, CancellationToken cancellationToken);

    private Task<Metrics> FetchMetricsAsyncCore(string service, CancellationToken cancellationToken) => datadog.QueryMetricsAsync(service, cancellationToken);

    private Metrics CachedMetrics(string service, CancellationToken cancellationToken, Exception failure)
    {
        narrator.Policy($"fallback: default metrics of {service} ({failure.GetType().Name})");
        Degraded("IncidentResponseAgent.IncidentAgent.FetchMetricsAsync", nameof(CachedMetrics), DegradationLevel.Moderate, failure);
        return s_defaultMetrics with { Service = service };
    }

    /// <summary>Logs: the same breaker; when it opens the retries stop at once and the agent goes on without logs.</summary>
    [Retry(MaxRetries = 4, BaseDelayMs = 100, Jitter = Jitter.Full, AbortOn = new[] { typeof(CircuitBreakerOpenException) })]
    [CircuitBreaker(Name = "datadog", FailureThreshold = 3, BreakDurationMs = 30_000)]
    [Timeout(2_000)]
    [Fallback(nameof(NoLogs))]
    public partial Task<LogSummary> FetchLogsAsync(string service, CancellationToken cancellationToken);

    private Task<LogSummary> FetchLogsAsyncCore(string service, CancellationToken cancellationToken) => datadog.QueryLogsAsync(service, cancellationToken);

    private LogSummary NoLogs(string service, CancellationToken cancellationToken, Exception failure)
    {
        narrator.Policy($"fallback: continuing without logs ({failure.GetType().Name}: {failure.Message})");
        Degraded("IncidentResponseAgent.IncidentAgent.FetchLogsAsync", nameof(NoLogs), DegradationLevel.Slight, failure);
        return new LogSummary(Array.Empty<string>(), Degraded: true);
    }

    /// <summary>Restarting pods twice for one incident would drop in-flight payments: at most once per incident and service.</summary>
    [Idempotent(Key = "restart-pods:{incident.Id}:{incident.Service}")]
    public partial Task<RemediationReceipt> RestartPodsAsync(Incident incident, CancellationToken cancellationToken);

    private Task<RemediationReceipt> RestartPodsAsyncCore(Incident incident, CancellationToken cancellationToken) =>
        Task.FromResult(kubernetes.RestartPods(incident.Service));

    [Idempotent(Key = "flush-cache:{incident.Id}:{incident.Service}")]
    public partial Task<RemediationReceipt> FlushCacheAsync(Incident incident, CancellationToken cancellationToken);

    private Task<RemediationReceipt> FlushCacheAsyncCore(Incident incident, CancellationToken cancellationToken) =>
        Task.FromResult(kubernetes.FlushCache(incident.Service));

    /// <summary>Pods need a moment after a restart: retried with a constant delay, and a false result after the last try.</summary>
    [Retry(MaxRetries = 3, BaseDelayMs = 200, Backoff = Backoff.Constant, Jitter = Jitter.None, RetryOn = new[] { typeof(TimeoutException) })]
    [Fallback(nameof(NotReady))]
    public partial Task<bool> WaitForPodsReadyAsync(string service, CancellationToken cancellationToken);

    private Task<bool> WaitForPodsReadyAsyncCore(string service, CancellationToken cancellationToken) => kubernetes.PodsReadyAsync(service, cancellationToken);

    private bool NotReady(string service, CancellationToken cancellationToken) => false;

    [Retry(MaxRetries = 2, BaseDelayMs = 100)]
    [CircuitBreaker(Name = "pagerduty", FailureThreshold = 2)]
    [Timeout(5_000)]
    public partial Task PageOnCallAsync(Incident incident, CancellationToken cancellationToken);

    private Task PageOnCallAsyncCore(Incident incident, CancellationToken cancellationToken) =>
        pagerDuty.PageAsync(incident, $"self-healing failed; {_state.Summary}", cancellationToken);

    // ---- narration ----------------------------------------------------------------------------------------------

    /// <summary>
    /// A [Fallback] answer is a degraded answer too: recorded at its level (its place in the chain) so that telemetry, the
    /// health check and the caller's DegradationScope see it as they see the [LastKnownGood] answers the runtime records.
    /// </summary>
    private static void Degraded(string policyName, string source, DegradationLevel level, Exception failure) =>
        DegradationTelemetry.OnDegraded(new DegradedAnswer(policyName, source, level, staleAge: null, ResilienceRuntime.TimeProvider.GetUtcNow(), failure));

    private readonly HashSet<string> _executed = new();

    /// <summary>Called first in every step body: the generated code only calls a body that has to run.</summary>
    private void Executing(string step)
    {
#pragma warning disable RES1005 // justification: narration only records which bodies ran in this process
        _executed.Add(step);
#pragma warning restore RES1005
    }

    /// <summary>Runs one step and says whether it executed or was restored from its checkpoint.</summary>
    private async Task<T> Run<T>(int number, string step, Func<Task<T>> run)
    {
        narrator.Step(number, step);
        T result = await run();
        if (!_executed.Contains(step))
        {
            narrator.Resumed(number, step);
        }

        return result;
    }
}
