namespace IncidentResponseAgent;

public sealed record Incident(string Id, string Service, string Severity, string Description);

public sealed record Metrics(string Service, double ErrorRate, double P99LatencyMs, bool FromCache);

public sealed record LogSummary(IReadOnlyList<string> RecentErrors, bool Degraded);

public sealed record IncidentContext(Metrics Metrics, LogSummary Logs);

public sealed record Diagnosis(string RootCause, string Remediation);

public sealed record RemediationReceipt(string Service, string Action, int Generation);

/// <summary>
/// The agent's working memory: snapshotted with every completed step and restored when a run resumes. Steps set
/// absolute values (never "append" or "add one"), so a step that runs again leaves the same state.
/// </summary>
public sealed class AgentState
{
    public bool Degraded { get; set; }

    public string? RootCause { get; set; }

    public bool Remediated { get; set; }

    public bool? Verified { get; set; }

    public bool Escalated { get; set; }

    public string Summary =>
        $"context{(Degraded ? " (degraded)" : string.Empty)} → root cause: {RootCause ?? "?"} → remediated: {Remediated} → verified: {Verified?.ToString() ?? "?"}{(Escalated ? " → escalated" : string.Empty)}";
}

/// <summary>Thrown by <c>--crash-at</c>: the run stops in the middle of a step, as if the process had died there.</summary>
public sealed class SimulatedCrashException(string step) : Exception($"simulated crash inside step '{step}'")
{
    public string Step { get; } = step;
}
