using Resilience;

namespace IncidentResponseAgent;

/// <summary>The cluster as the agent consumes it: a client interface registered in DI, as SDK clients are.</summary>
public interface IKubernetesClient
{
    int Restarts { get; }

    int CacheFlushes { get; }

    RemediationReceipt RestartPods(string service);

    RemediationReceipt FlushCache(string service);

    Task<bool> PodsReadyAsync(string service, CancellationToken cancellationToken);
}

/// <summary>
/// The generated proxy the agent gets from DI (<c>AddResilientProxy&lt;IKubernetesClient, ResilientKubernetesClient&gt;()</c>):
/// every call to the cluster passes the shared "kubernetes" breaker, so a control plane that keeps failing is left alone
/// for 30 s instead of being hammered by every retry of every step. The generator writes the rest (see Generated/).
/// </summary>
[ResilientProxy(typeof(IKubernetesClient))]
[CircuitBreaker(Name = "kubernetes", FailureThreshold = 5, BreakDurationMs = 30_000)]
public partial class ResilientKubernetesClient;
