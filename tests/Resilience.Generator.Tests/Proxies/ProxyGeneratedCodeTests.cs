using Microsoft.Extensions.DependencyInjection;
using Resilience.Generator.Tests.TestClasses;

namespace Resilience.Generator.Tests.Proxies;

/// <summary>The example of issue #14 compiled by the generator and run: each policy where the issue says, and DI decoration.</summary>
[Collection(InventoryBreaker.Name)]
public sealed class ProxyGeneratedCodeTests() : FakeClockTest(autoAdvance: false), IDisposable
{
    private const string Breaker = "generator-tests.inventory";

    void IDisposable.Dispose()
    {
        ResetBreaker();
        Dispose();
    }

    private static void ResetBreaker()
    {
        if (CircuitBreakerRegistry.Default.TryGet(Breaker, out CircuitBreaker? breaker))
        {
            breaker.Reset();
        }
    }

    [Fact]
    public async Task GetStockAsync_is_retried_with_the_interface_members_delays()
    {
        var inner = new HttpInventoryApi(Time) { FailuresLeft = 2 };
        var api = new ResilientInventoryApi(inner);
        Time.AutoAdvance = true;

        Assert.Equal(0, await api.GetStockAsync("sku-1"));
        Assert.Equal(3, inner.GetCalls);
        Assert.Equal(new[] { 100.0, 200.0 }, Time.RequestedDelays.Select(d => d.TotalMilliseconds));
    }

    [Fact]
    public async Task SetStockAsync_alone_has_the_timeout_and_is_not_retried()
    {
        var inner = new HttpInventoryApi(Time) { Hang = true };
        var api = new ResilientInventoryApi(inner);

        Task call = api.SetStockAsync("sku-1", 5);
        while (Time.RequestedDelays.Count < 1)
        {
            await Task.Yield();
        }

        Time.Advance(TimeSpan.FromMilliseconds(2_000));
        var timeout = await Assert.ThrowsAsync<ResilienceTimeoutException>(() => call);
        Assert.Equal("Resilience.Generator.Tests.TestClasses.ResilientInventoryApi.SetStockAsync", timeout.PolicyName);
        Assert.Equal(1, inner.SetCalls);

        inner.Hang = false;
        inner.FailuresLeft = 1;
        await Assert.ThrowsAsync<HttpRequestException>(() => api.SetStockAsync("sku-1", 5));
        Assert.Equal(2, inner.SetCalls);
    }

    [Fact]
    public async Task The_class_breaker_is_shared_by_both_methods()
    {
        ResetBreaker();
        var inner = new HttpInventoryApi(Time) { FailuresLeft = 3 };
        var api = new ResilientInventoryApi(inner);

        for (int i = 0; i < 3; i++)
        {
            await Assert.ThrowsAsync<HttpRequestException>(() => api.SetStockAsync("sku-1", 1));
        }

        Assert.Equal(CircuitBreakerState.Open, CircuitBreakerRegistry.Default.GetState(Breaker));
        Time.AutoAdvance = true;
        var open = await Assert.ThrowsAsync<CircuitBreakerOpenException>(() => api.GetStockAsync("sku-1"));
        Assert.Equal(Breaker, open.BreakerName);
        Assert.Equal(0, inner.GetCalls);
    }

    [Fact]
    public async Task Properties_and_events_are_forwarded()
    {
        var inner = new HttpInventoryApi(Time);
        var api = new ResilientInventoryApi(inner);
        int changes = 0;
        api.Changed += (_, _) => changes++;

        await api.SetStockAsync("sku-1", 7);
        Assert.Equal(7, await api.GetStockAsync("sku-1"));
        Assert.Equal(3, api.Version);
        Assert.Equal(1, changes);
        Assert.Same(inner, ((IResilientProxy<IInventoryApi>)api).Inner);
    }

    [Fact]
    public async Task AddResilientProxy_decorates_the_registration_with_the_generated_proxy()
    {
        var services = new ServiceCollection();
        services.AddSingleton<TimeProvider>(Time);
        services.AddSingleton<IInventoryApi, HttpInventoryApi>();
        services.AddResilientProxy<IInventoryApi, ResilientInventoryApi>();

        using ServiceProvider provider = services.BuildServiceProvider();
        var api = provider.GetRequiredService<IInventoryApi>();
        Assert.IsType<ResilientInventoryApi>(api);
        Assert.IsType<HttpInventoryApi>(((IResilientProxy<IInventoryApi>)api).Inner);
        Assert.Same(api, provider.GetRequiredService<IInventoryApi>());
        await api.SetStockAsync("sku-2", 4);
        Assert.Equal(4, await api.GetStockAsync("sku-2"));
    }

    [Fact]
    public async Task Sync_and_ValueTask_members_forward_through_class_policies()
    {
        var api = new ResilientPriceApi(new PriceApi());

        Assert.Equal(3, api.Price("abc"));
        Assert.Equal(4, await api.PriceAsync("abcd", CancellationToken.None));
    }
}

/// <summary>Tests that open the shared inventory breaker run one at a time.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class InventoryBreaker
{
    public const string Name = "Proxies.InventoryBreaker";
}
