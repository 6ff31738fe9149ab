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
        usage: IncidentResponseAgent [--incident <id>] [--crash-at <step>] [--state-dir <dir>] [--reset]
          --incident   incident id, also the workflow id of the checkpoints (default INC-20240111-001)
          --crash-at   stop inside a step as if the process died there: apply-remediation
          --state-dir  where checkpoints and idempotency records are kept (default from appsettings.json)
          --reset      delete the state directory first
        """;

    public static async Task<int> RunAsync(string[] args, TextWriter output, CancellationToken cancellationToken = default)
    {
        if (!TryParse(args, out string incidentId, out string? crashAt, out string? stateDirectory, out bool reset))
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

        var exported = new List<Metric>();
        using MeterProvider meters = Sdk.CreateMeterProviderBuilder()
            .AddMeter(ResilienceTelemetry.Name)
            .AddInMemoryExporter(exported)
            .Build()!;

        using IHost host = builder.Build();
        host.Services.UseResilience();

        // A fresh process starts with closed breakers; so does every in-process run of this demo.
        CircuitBreakerRegistry.Default.ResetAll();
        EventHandler<CircuitBreakerStateChangedEventArgs> onBreaker = (_, change) =>
            narrator.Policy($"circuit breaker '{change.BreakerName}': {change.OldState} → {change.NewState} ({change.Reason})");
        CircuitBreakerRegistry.Default.StateChanged += onBreaker;
        try
        {
            output.WriteLine($"state: {stateDirectory}");
            var incident = new Incident(incidentId, "payment-api", "high", "error rate 5%, p99 latency 2.3 s");
            bool resolved = await host.Services.GetRequiredService<IncidentAgent>().HandleIncidentAsync(incident, cancellationToken);
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
            meters.ForceFlush();
            PrintTelemetry(output, exported);
        }
    }

    private static void PrintTelemetry(TextWriter output, List<Metric> exported)
    {
        output.WriteLine("\nOpenTelemetry metrics (meter 'Resilience', in-process exporter):");
        foreach (Metric metric in exported.OrderBy(m => m.Name, StringComparer.Ordinal))
        {
            long total = 0;
            foreach (ref readonly MetricPoint point in metric.GetMetricPoints())
            {
                total += point.GetSumLong();
            }

            output.WriteLine($"  {metric.Name,-34} {total}");
        }
    }

    private static bool TryParse(string[] args, out string incidentId, out string? crashAt, out string? stateDirectory, out bool reset)
    {
        incidentId = "INC-20240111-001";
        crashAt = null;
        stateDirectory = null;
        reset = false;
        for (int i = 0; i < args.Length; i++)
        {
            string? Value() => i + 1 < args.Length ? args[++i] : null;
            switch (args[i])
            {
                case "--incident": incidentId = Value() ?? string.Empty; break;
                case "--crash-at": crashAt = Value(); break;
                case "--state-dir": stateDirectory = Value(); break;
                case "--reset": reset = true; break;
                default: return false;
            }
        }

        return incidentId.Length > 0 && (crashAt is null or "apply-remediation");
    }
}
