using Resilience.Analyzers.Tests.Infrastructure;

namespace Resilience.Analyzers.Tests;

/// <summary>
/// The examples of shared/seeds/003 section 2 ("Idempotency — Safe to Retry") written in C#:
/// relative changes are flagged, absolute values and check-then-act are not.
/// </summary>
public class SeedScenarioTests
{
    private const string Cluster = """
        public interface ICluster
        {
            Task<int> GetReplicasAsync(string deployment, CancellationToken ct);
            Task SetReplicasAsync(string deployment, int replicas, CancellationToken ct);
            Task<int> GetMemoryAsync(string pod, CancellationToken ct);
            Task SetMemoryAsync(string pod, int mebibytes, CancellationToken ct);
            Task RestartPodAsync(string pod, CancellationToken ct);
        }

        """;

    [Fact]
    public async Task ScaleUp_WritingCurrentPlusOne_IsFlagged()
    {
        var diagnostics = await AnalyzerHarness.VerifyAsync(Cluster + """
            public partial class Remediation(ICluster cluster)
            {
                [Retry(MaxRetries = 3)]
                public partial Task ScaleUpAsync(string deployment, CancellationToken ct = default);

                private async Task ScaleUpAsyncCore(string deployment, CancellationToken ct)
                {
                    var currentReplicas = await cluster.GetReplicasAsync(deployment, ct);
                    await {|RES1003:cluster.SetReplicasAsync(deployment, currentReplicas + 1, ct)|};
                }
            }
            """);
        Assert.Contains("'ScaleUpAsyncCore' reads a value with 'GetReplicasAsync' and writes a relative change of it back with 'SetReplicasAsync'", diagnostics[0].GetMessage());
        Assert.EndsWith("every retry of 'ScaleUpAsync'", diagnostics[0].GetMessage());
    }

    [Fact]
    public async Task EnsureReplicas_WithAbsoluteTarget_IsNotFlagged()
    {
        var diagnostics = await AnalyzerHarness.VerifyAsync(Cluster + """
            public partial class Remediation(ICluster cluster)
            {
                [Retry(MaxRetries = 3)]
                public partial Task EnsureReplicasAsync(string deployment, int target, CancellationToken ct = default);

                private async Task EnsureReplicasAsyncCore(string deployment, int target, CancellationToken ct)
                {
                    await cluster.SetReplicasAsync(deployment, target, ct);
                }

                // Check-then-act that sets an absolute value is also safe to repeat.
                [Retry]
                public partial Task EnsureAtLeastAsync(string deployment, int target, CancellationToken ct = default);

                private async Task EnsureAtLeastAsyncCore(string deployment, int target, CancellationToken ct)
                {
                    var current = await cluster.GetReplicasAsync(deployment, ct);
                    if (current < target)
                    {
                        await cluster.SetReplicasAsync(deployment, target, ct);
                    }
                }
            }
            """);
        Assert.Empty(diagnostics);
    }

    [Fact]
    public async Task IncreaseMemory_By_IsFlagged_InCheckpointedWorkflow()
    {
        var diagnostics = await AnalyzerHarness.VerifyAsync(Cluster + """
            public partial class MemoryWorkflow(ICluster cluster)
            {
                [Checkpoint]
                public partial Task IncreaseMemoryAsync([WorkflowId] string runId, string pod, int byMebibytes, CancellationToken ct = default);

                private async Task IncreaseMemoryAsyncCore(string runId, string pod, int byMebibytes, CancellationToken ct)
                {
                    var current = await cluster.GetMemoryAsync(pod, ct);
                    await {|RES1003:cluster.SetMemoryAsync(pod, current + byMebibytes, ct)|};
                    await cluster.RestartPodAsync(pod, ct);
                }
            }
            """);
        Assert.EndsWith("every re-run of checkpointed step 'IncreaseMemoryAsync'", diagnostics[0].GetMessage());
    }

    [Fact]
    public async Task SetMemory_To_IsNotFlagged()
    {
        var diagnostics = await AnalyzerHarness.VerifyAsync(Cluster + """
            public partial class MemoryWorkflow(ICluster cluster)
            {
                [Checkpoint]
                [Retry]
                public partial Task SetMemoryAsync([WorkflowId] string runId, string pod, int toMebibytes, CancellationToken ct = default);

                private async Task SetMemoryAsyncCore(string runId, string pod, int toMebibytes, CancellationToken ct)
                {
                    await cluster.SetMemoryAsync(pod, toMebibytes, ct);
                    await cluster.RestartPodAsync(pod, ct);
                }
            }
            """);
        Assert.Empty(diagnostics);
    }
}
