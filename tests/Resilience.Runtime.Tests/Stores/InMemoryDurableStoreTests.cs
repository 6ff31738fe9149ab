namespace Resilience.Runtime.Tests.Stores;

public sealed class InMemoryDurableStoreTests : DurableStoreContractTests
{
    protected override IDurableStore CreateStore(TimeProvider clock) => new InMemoryDurableStore(clock);

    [Fact]
    public void Uses_the_runtime_clock_when_none_is_given()
    {
        Assert.Same(ResilienceRuntime.TimeProvider, new InMemoryDurableStore().TimeProvider);
        Assert.Equal("in-memory", new InMemoryDurableStore().Name);
    }
}
