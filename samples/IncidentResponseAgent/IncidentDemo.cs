using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using Resilience;

namespace IncidentResponseAgent;

/// <summary>
/// The sample's entry point, separate from Main so that tests can run it in-process and read what it printed.
/// Exit codes: 0 resolved, 2 escalated to a human, 3 crashed (run again to resume), 64 bad arguments.
/// </summary>
public static class IncidentDemo
{
    public const string Usage = """
        usage: IncidentResponseAgent [--incident <id>] [--crash-at <step>] [--state-dir <dir>] [--reset] [--chaos]
          --incident   incident id, also the workflow id of the checkpoints (default INC-20240111-001; with --chaos INC-20240111-CHAOS)
          --crash-at   stop inside a step as if the process died there: apply-remediation
          --state-dir  where checkpoints, idempotency records and last known good values are kept (default from appsettings.json)
          --reset      delete the state directory first
          --chaos      inject a fault into every metrics call (Resilience:Chaos configuration): the last known good
                       metrics of an earlier run answer, or the defaults when there are none
        """;

    public static async Task<int> RunAsync(string[] args, TextWriter output, CancellationToken cancellationToken = default)
    {
        if (!TryParse(args, out string incidentId, out string? crashAt, out string? stateDirectory, out bool reset, out bool chaos))
        {
            output.WriteLine(Usage);
            return 64;
        }

        HostApplicationBuilder builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings
        {
            Args = Array.Empty<string>(),
            ContentRootPath = AppContext.BaseDirectory,
        });
        stateDirectory = Path.GetFullPath(stateDirectory ?? builder.Configuration["Agent:StateDirectory"] ?? ".incident-state");
        if (reset && Directory.Exists(stateDirectory))
        {
            Directory.Delete(stateDirectory, recursive: true);
        }

        var narrator = new Narrator(output);
        SimulatedDatadog? datadogForProbe = null;
        SimulatedPagerDuty? pagerForEscalation = null;
        int recoveries = 0;
        if (chaos)
        {
            // What an operator would put in appsettings.json or the environment to rehearse a monitoring outage.
            builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["Resilience:Chaos:IncidentResponseAgent.IncidentAgent.FetchMetricsAsync:FaultRate"] = "1",
                ["Resilience:Chaos:IncidentResponseAgent.IncidentAgent.FetchMetricsAsync:ExceptionType"] = "HttpRequestException",
                ["Resilience:Chaos:IncidentResponseAgent.IncidentAgent.FetchMetricsAsync:ExceptionMessage"] = "chaos: injected 503",
            });
        }

        builder.Services.AddResilience(builder.Configuration);
        builder.Services.AddFileResilienceStores(stateDirectory);
        builder.Services.AddSingleton(narrator);
        builder.Services.AddSingleton<SimulatedDatadog>();
        builder.Services.AddSingleton<SimulatedKubernetes>();
        builder.Services.AddSingleton<IKubernetesClient>(services => services.GetRequiredService<SimulatedKubernetes>());
        builder.Services.AddResilientProxy<IKubernetesClient, ResilientKubernetesClient>();
        builder.Services.AddSingleton<SimulatedPagerDuty>();
        builder.Services.AddSingleton(new Func<string, bool>(step => string.Equals(step, crashAt, StringComparison.OrdinalIgnoreCase)));
        builder.Services.AddSingleton<IncidentAgent>();
        builder.Services.AddSelfHealing(healing =>
        {
            healing.AddComponent("datadog-logs", component =>
            {
                component.Probe = ct => datadogForProbe!.LogsReachableAsync(ct);
                component.Recover = ct =>
                {
                    narrator.Action($"self-healing: reconnect the datadog logs client (attempt {++recoveries})");
                    return Task.CompletedTask;
                };
                component.TriggerBreakers.Add("datadog");
                component.RecoveryCooldown = TimeSpan.Zero; // the demo runs its probe rounds back to back
                component.MaxConsecutiveFailedRecoveries = 5;
            });
            healing.OnEscalation = (escalation, ct) =>
            {
                narrator.Policy($"self-healing gave up: {escalation}");
                return pagerForEscalation!.PageAsync(new Incident(incidentId, "datadog-logs", "medium", "logs endpoint down"), escalation.ToString(), ct);
            };
        });

        var exported = new List<Metric>();
        using MeterProvider meters = Sdk.CreateMeterProviderBuilder()
            .AddMeter(ResilienceTelemetry.Name)
            .AddInMemoryExporter(exported)
            .Build()!;

        using IHost host = builder.Build();
        host.Services.UseResilience();
        datadogForProbe = host.Services.GetRequiredService<SimulatedDatadog>();
        pagerForEscalation = host.Services.GetRequiredService<SimulatedPagerDuty>();

        // A fresh process starts with closed breakers; so does every in-process run of this demo.
        CircuitBreakerRegistry.Default.ResetAll();
        EventHandler<CircuitBreakerStateChangedEventArgs> onBreaker = (_, change) =>
            narrator.Policy($"circuit breaker '{change.BreakerName}': {change.OldState} → {change.NewState} ({change.Reason})");
        CircuitBreakerRegistry.Default.StateChanged += onBreaker;
        var degraded = new List<DegradedAnswer>();
        EventHandler<DegradedAnswer> onDegraded = (_, answer) =>
        {
            lock (degraded)
            {
                degraded.Add(answer);
            }

            narrator.Policy($"degraded answer, level {answer.Level} ({(int)answer.Level}): {answer.Source}{Age(answer.StaleAge)} for {answer.PolicyName.Split('.')[^1]}");
        };
        DegradationMonitor.Degraded += onDegraded;
        try
        {
            output.WriteLine($"state: {stateDirectory}{(chaos ? " — chaos: every metrics call fails" : string.Empty)}");
            var incident = new Incident(incidentId, "payment-api", "high", "error rate 5%, p99 latency 2.3 s");
            bool resolved = await host.Services.GetRequiredService<IncidentAgent>().HandleIncidentAsync(incident, cancellationToken);

            // The self-healing service probes every 10 s in a host; here five rounds run back to back.
            output.WriteLine("\n[self-healing] datadog-logs (probe: logs endpoint; trigger: breaker 'datadog'; escalate after 5 failed recoveries)");
            SelfHealingService healing = host.Services.GetRequiredService<SelfHealingService>();
            for (int round = 0; round < 5; round++)
            {
                await healing.CheckAsync(cancellationToken);
            }

            SelfHealingComponentStatus status = healing.GetStatus()[0];
            narrator.Policy($"status: healthy {status.Healthy}, {status.Recoveries} recoveries, escalated {status.Escalated}");
            return resolved ? 0 : 2;
        }
        catch (SimulatedCrashException crash)
        {
            output.WriteLine($"\n💥 CRASH inside step '{crash.Step}'. Run the same command without --crash-at to resume.");
            return 3;
        }
        finally
        {
            CircuitBreakerRegistry.Default.StateChanged -= onBreaker;
            DegradationMonitor.Degraded -= onDegraded;
            PrintDegradation(output, degraded);
            ResilienceChaos.Clear();

            // The last known good values are written behind; an orderly exit writes what is still queued.
            await LastKnownGoodPolicy.FlushAsync(CancellationToken.None);
            meters.ForceFlush();
            PrintTelemetry(output, exported);
        }
    }

    private static string Age(TimeSpan? age) => age switch
    {
        null => string.Empty,
        { TotalMinutes: < 1 } => " (stale, under a minute old)",
        { } value => $" (stale, {value.TotalMinutes:0} min old)",
    };

    private static void PrintDegradation(TextWriter output, List<DegradedAnswer> degraded)
    {
        DegradationLevel worst = degraded.Count == 0 ? DegradationLevel.Full : degraded.Max(a => a.Level);
        CircuitBreakerHealthReport breakers = CircuitBreakerRegistry.Default.GetHealthReport();
        output.WriteLine($"\nDegradation: {degraded.Count} degraded answer(s), worst level {worst} ({(int)worst}); breakers: {breakers.Status}");
    }

    private static void PrintTelemetry(TextWriter output, List<Metric> exported)
    {
        output.WriteLine("\nOpenTelemetry metrics (meter 'Resilience', in-process exporter):");
        foreach (Metric metric in exported.OrderBy(m => m.Name, StringComparer.Ordinal))
        {
            long total = 0;
            foreach (ref readonly MetricPoint point in metric.GetMetricPoints())
            {
                total += metric.MetricType == MetricType.Histogram ? point.GetHistogramCount() : point.GetSumLong();
            }

            output.WriteLine($"  {metric.Name,-34} {total}");
        }
    }

    private static bool TryParse(string[] args, out string incidentId, out string? crashAt, out string? stateDirectory, out bool reset, out bool chaos)
    {
        string? incident = null;
        crashAt = null;
        stateDirectory = null;
        reset = false;
        chaos = false;
        for (int i = 0; i < args.Length; i++)
        {
            string? Value() => i + 1 < args.Length ? args[++i] : null;
            switch (args[i])
            {
                case "--incident": incident = Value() ?? string.Empty; break;
                case "--crash-at": crashAt = Value(); break;
                case "--state-dir": stateDirectory = Value(); break;
                case "--reset": reset = true; break;
                case "--chaos": chaos = true; break;
                default:
                    incidentId = string.Empty;
                    return false;
            }
        }

        // A chaos rehearsal is its own incident, so the checkpoints of the normal run do not replay its steps.
        incidentId = incident ?? (chaos ? "INC-20240111-CHAOS" : "INC-20240111-001");
        return incidentId.Length > 0 && (crashAt is null or "apply-remediation");
    }
}
