using Microsoft.CodeAnalysis;
using Resilience.Analyzers.Tests.Infrastructure;

namespace Resilience.Analyzers.Tests.Hazards;

/// <summary>RES1012 (Info): bodiless calls whose name and signature suggest a relative change.</summary>
public class RelativeNameRuleTests
{
    [Fact]
    public async Task RES1012_IncreaseMemoryByOnAnExternalApi_NotWhenAnImplementationIsInTheCompilation()
    {
        await HazardVerifier.VerifyAsync(
            """
            public sealed class Pod { }
            public interface IClusterApi
            {
                Task IncreaseMemory(Pod pod, int by);
                Task SetMemory(Pod pod, int megabytes);
                Task ToggleMaintenance(Pod pod);
                Task AddUser(Pod pod, int userId);
            }
            public interface IQuota { void Decrement(string tenant, int amount); }
            public sealed class Quota : IQuota { public void Decrement(string tenant, int amount) { } }
            public partial class Remediation
            {
                private readonly IClusterApi _cluster;
                private readonly IQuota _quota;
                public Remediation(IClusterApi cluster, IQuota quota) { _cluster = cluster; _quota = quota; }

                [Retry]
                public partial Task FixAsync(Pod pod);
                private async Task FixAsyncCore(Pod pod)
                {
                    await {|#0:_cluster.IncreaseMemory(pod, by: 500)|};
                    await {|RES1012:_cluster.ToggleMaintenance(pod)|};
                    await _cluster.SetMemory(pod, 2048);
                    await _cluster.AddUser(pod, 7);
                    _quota.Decrement("t", 1);
                }
            }
            """,
            new Microsoft.CodeAnalysis.Testing.DiagnosticResult("RES1012", DiagnosticSeverity.Info).WithLocation(0).WithMessage(
                "'FixAsyncCore' calls 'IncreaseMemory' (its name and numeric 'by' parameter suggest a relative change), and it runs again on every retry of 'FixAsync'"));
    }
}
