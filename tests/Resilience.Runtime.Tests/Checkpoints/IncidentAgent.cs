namespace Resilience.Runtime.Tests.Checkpoints;

/// <summary>The agent state of the incident workflow ([CheckpointState]).</summary>
public sealed class IncidentState
{
    public List<string> Notes { get; set; } = new();

    public int FixAttempts { get; set; }
}

/// <summary>
/// The incident workflow of seed 003 section 3 (analyze logs → check metrics → identify root cause → apply fix → verify fix),
/// written in the exact shape the generator emits for [Checkpoint] methods with a [WorkflowId] parameter and a
/// [CheckpointState] member.
/// </summary>
public sealed class IncidentAgent
{
    public static readonly CheckpointPolicy AnalyzeLogsPolicy = new("Tests.IncidentAgent.AnalyzeLogsAsync", new CheckpointOptions { Step = "analyze_logs" });
    public static readonly CheckpointPolicy CheckMetricsPolicy = new("Tests.IncidentAgent.CheckMetricsAsync", new CheckpointOptions { Step = "check_metrics" });
    public static readonly CheckpointPolicy RootCausePolicy = new("Tests.IncidentAgent.IdentifyRootCauseAsync", new CheckpointOptions { Step = "identify_root_cause" });
    public static readonly CheckpointPolicy ApplyFixPolicy = new("Tests.IncidentAgent.ApplyFixAsync", new CheckpointOptions { Step = "apply_fix" });
    public static readonly CheckpointPolicy VerifyFixPolicy = new("Tests.IncidentAgent.VerifyFixAsync", new CheckpointOptions { Step = "verify_fix" });

    private readonly IDurableStore? _store;
    private readonly Dictionary<string, int> _executions;

    public IncidentAgent(IDurableStore? store, Dictionary<string, int> executions)
    {
        _store = store;
        _executions = executions;
    }

    /// <summary>[CheckpointState]</summary>
    public IncidentState State { get; set; } = new();

    /// <summary>Makes apply_fix throw (a crash inside the step) while positive; decremented per throw.</summary>
    public int ApplyFixFailures { get; set; }

    public async Task<string> RunAsync(string incidentId, string service)
    {
        string logs = await AnalyzeLogsAsync(incidentId, service);
        string metrics = await CheckMetricsAsync(incidentId, service);
        string cause = await IdentifyRootCauseAsync(incidentId, logs, metrics);
        string fix = await ApplyFixAsync(incidentId, cause);
        bool verified = await VerifyFixAsync(incidentId, fix);
        return $"{cause} -> {fix} -> verified={verified}";
    }

    public Task<string> AnalyzeLogsAsync(string incidentId, string service) =>
        StepAsync(AnalyzeLogsPolicy, incidentId, Fp(service), () => { State.Notes.Add("logs: OOMKilled x3"); return "OOMKilled"; });

    public Task<string> CheckMetricsAsync(string incidentId, string service) =>
        StepAsync(CheckMetricsPolicy, incidentId, Fp(service), () => { State.Notes.Add("metrics: memory 98%"); return "memory 98%"; });

    public Task<string> IdentifyRootCauseAsync(string incidentId, string logs, string metrics) =>
        StepAsync(RootCausePolicy, incidentId, Fp(logs, metrics), () => { State.Notes.Add("cause: memory limit too low"); return "memory limit too low"; });

    public Task<string> ApplyFixAsync(string incidentId, string cause) =>
        StepAsync(ApplyFixPolicy, incidentId, Fp(cause), () =>
        {
            State.FixAttempts++;
            if (ApplyFixFailures > 0)
            {
                ApplyFixFailures--;
                throw new InvalidOperationException("agent crashed while applying the fix");
            }

            State.Notes.Add("fix: memory limit 1024Mi");
            return "memory limit 1024Mi";
        });

    public Task<bool> VerifyFixAsync(string incidentId, string fix) =>
        StepAsync(VerifyFixPolicy, incidentId, Fp(fix), () => { State.Notes.Add("verified"); return true; });

    // The generated shape.
    private async Task<T> StepAsync<T>(CheckpointPolicy policy, string incidentId, string fingerprint, Func<T> core)
    {
        CheckpointStep<T> step = await policy.BeginAsync<T>(_store, incidentId, fingerprint, CancellationToken.None);
        if (step.IsReplay)
        {
            if (step.TryGetState(out IncidentState s))
            {
                State = s;
            }

            return step.Result;
        }

        T result;
        try
        {
            lock (_executions)
            {
                _executions[policy.Step] = _executions.GetValueOrDefault(policy.Step) + 1;
            }

            await Task.Yield();
            result = core();
        }
        catch
        {
            await step.ReleaseAsync();
            throw;
        }

        await step.CompleteAsync(result, State);
        return result;
    }

    public static string Fp(params object[] values)
    {
        var fingerprint = new ArgumentFingerprint();
        foreach (object value in values)
        {
            fingerprint.Add(value);
        }

        return fingerprint.ToHexString();
    }
}
