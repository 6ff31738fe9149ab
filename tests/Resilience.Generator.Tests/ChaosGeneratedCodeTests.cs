using Resilience.Generator.Tests.TestClasses;

namespace Resilience.Generator.Tests;

/// <summary>
/// Chaos injected by the generated code inside every policy: faults drive a breaker open and a fallback answers while the
/// implementation never fails; a substitute result replaces the call. Keys name these methods only, so tests running beside
/// them are not affected (they read the one static flag, then find no rule).
/// </summary>
public class ChaosGeneratedCodeTests : FakeClockTest
{
    [Fact]
    public async Task Injected_faults_drive_the_breaker_open_and_the_fallback_answers()
    {
        var agent = new ChaosAgent();
        using (ResilienceChaos.Enable("Resilience.Generator.Tests.TestClasses.ChaosAgent.FetchAsync", new ChaosOptions { FaultRate = 1 }))
        {
            Assert.Equal("cached:checkout", await agent.FetchAsync("checkout", CancellationToken.None));
            Assert.Equal("cached:checkout", await agent.FetchAsync("checkout", CancellationToken.None));
            Assert.Equal(CircuitBreakerState.Open, CircuitBreakerRegistry.Default.GetState("tests.chaos.breaker"));

            // Open: rejected before the attempt (no injection, no implementation call), and the fallback still answers.
            Assert.Equal("cached:checkout", await agent.FetchAsync("checkout", CancellationToken.None));
        }

        Assert.Equal(0, agent.CoreCalls);
        Assert.False(ResilienceChaos.IsActive);
    }

    [Fact]
    public void Retries_see_injected_faults_and_a_substitute_result_replaces_the_call()
    {
        var agent = new ChaosAgent();
        const string key = "Resilience.Generator.Tests.TestClasses.ChaosAgent.Count";
        using (ResilienceChaos.Enable(key, new ChaosOptions { FaultRate = 1 }))
        {
            Assert.Throws<ChaosFaultException>(() => agent.Count());
        }

        using (ResilienceChaos.Enable(key, new ChaosOptions { Result = "42" }))
        {
            Assert.Equal(42, agent.Count());
        }

        Assert.Equal(0, agent.CoreCalls);
        Assert.Equal(1, agent.Count());
    }
}
