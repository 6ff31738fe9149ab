using Resilience.Analyzers.Tests.Infrastructure;

namespace Resilience.Analyzers.Tests.Hazards;

/// <summary>RES1002: Interlocked deltas on shared storage.</summary>
public class InterlockedDeltaRuleTests
{
    [Fact]
    public async Task RES1002_InterlockedDeltas()
    {
        await HazardVerifier.VerifyAsync(
            """
            public partial class Counter
            {
                private int _count;
                private static long s_total;

                [Retry]
                public partial void Run();
                private void RunCore()
                {
                    {|#0:Interlocked.Increment(ref _count)|};
                    {|RES1002:Interlocked.Add(ref s_total, 5)|};
                    {|RES1002:Interlocked.Decrement(ref _count)|};
                    var local = 0;
                    Interlocked.Increment(ref local);
                    Interlocked.Exchange(ref _count, 0);
                    Interlocked.CompareExchange(ref _count, 1, 0);
                }
            }
            """,
            HazardVerifier.Diagnostic("RES1002", 0).WithMessage("'RunCore' calls Interlocked.Increment on field '_count', and it runs again on every retry of 'Run'"));
    }
}
