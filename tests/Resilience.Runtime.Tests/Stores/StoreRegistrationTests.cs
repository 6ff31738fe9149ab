using Microsoft.Extensions.DependencyInjection;

namespace Resilience.Runtime.Tests.Stores;

public sealed class StoreRegistrationTests
{
    [Fact]
    public void AddFileResilienceStores_registers_the_store_and_makes_it_the_default()
    {
        IDurableStore previous = ResilienceStores.Default;
        string directory = Path.Combine(Path.GetTempPath(), "resilience-di-" + Guid.NewGuid().ToString("N"));
        try
        {
            var services = new ServiceCollection();
            services.AddFileResilienceStores(directory);

            var store = Assert.IsType<FileDurableStore>(ResilienceStores.Default);
            Assert.Equal(Path.GetFullPath(directory), store.Directory);
            Assert.Contains(services, d => d.ServiceType == typeof(IDurableStore) && d.ImplementationInstance == store && d.Lifetime == ServiceLifetime.Singleton);
            Assert.Contains(services, d => d.ServiceType == typeof(FileDurableStore) && d.ImplementationInstance == store);

            new ServiceCollection().AddInMemoryResilienceStores(setAsDefault: false);
            Assert.Same(store, ResilienceStores.Default);
        }
        finally
        {
            ResilienceStores.Default = previous;
        }
    }

    [Fact]
    public void An_instance_store_wins_over_the_default()
    {
        var own = new InMemoryDurableStore();
        IHasResilienceStore agent = new Agent(own);
        Assert.Same(own, ResilienceStores.Resolve(agent.ResilienceStore));
        Assert.Same(ResilienceStores.Default, ResilienceStores.Resolve(new Agent(null).ResilienceStore));
    }

    private sealed class Agent : IHasResilienceStore
    {
        public Agent(IDurableStore? store) => ResilienceStore = store;

        public IDurableStore? ResilienceStore { get; }
    }
}
