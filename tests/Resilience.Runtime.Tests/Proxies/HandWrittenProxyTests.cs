using System;
using System.Threading;
using System.Threading.Tasks;

namespace Resilience.Runtime.Tests.Proxies;

/// <summary>The generated proxy's shape (<see cref="ResilientInventoryApi"/>, written by hand) behaves as issue #14 describes.</summary>
[Collection(ProxyBreakerCollection.Name)]
public sealed class HandWrittenProxyTests : IDisposable
{
    private const string Breaker = "proxy-tests.inventory";

    public HandWrittenProxyTests() => ResetBreaker();

    public void Dispose() => ResetBreaker();

    [Fact]
    public async Task GetStockAsync_is_retried_by_the_interface_members_policy()
    {
        var inner = new FakeInventoryApi { FailuresLeft = 2 };
        var proxy = new ResilientInventoryApi(inner);

        Assert.Equal(3, await proxy.GetStockAsync("abc"));
        Assert.Equal(3, inner.GetStockCalls);
    }

    [Fact]
    public async Task SetStockAsync_alone_gets_the_timeout_and_is_not_retried()
    {
        var inner = new FakeInventoryApi();
        var proxy = new ResilientInventoryApi(inner);
        using var caller = new CancellationTokenSource();

        await proxy.SetStockAsync("abc", 5, caller.Token);
        Assert.True(inner.LastToken.CanBeCanceled);
        Assert.NotEqual(caller.Token, inner.LastToken);

        await proxy.GetStockAsync("abc", caller.Token);
        Assert.Equal(caller.Token, inner.LastToken);

        inner.FailuresLeft = 1;
        await Assert.ThrowsAsync<InvalidOperationException>(() => proxy.SetStockAsync("abc", 5));
        Assert.Equal(2, inner.SetStockCalls);
    }

    [Fact]
    public async Task The_class_level_breaker_is_shared_by_every_method()
    {
        var inner = new FakeInventoryApi { FailuresLeft = 3 };
        var proxy = new ResilientInventoryApi(inner);

        for (int i = 0; i < 3; i++)
        {
            await Assert.ThrowsAsync<InvalidOperationException>(() => proxy.SetStockAsync("abc", 1));
        }

        await Assert.ThrowsAsync<CircuitBreakerOpenException>(() => proxy.GetStockAsync("abc"));
        Assert.Equal(0, inner.GetStockCalls);
        Assert.Throws<CircuitBreakerOpenException>(() => proxy.Describe<object>("abc"));
    }

    [Fact]
    public async Task Properties_indexers_events_and_generic_methods_are_forwarded()
    {
        var inner = new FakeInventoryApi { Version = 42 };
        var proxy = new ResilientInventoryApi(inner);
        int changes = 0;
        EventHandler handler = (_, _) => changes++;

        Assert.Equal(42, proxy.Version);
        proxy["abc"] = "blue";
        Assert.Equal("blue", inner["abc"]);
        Assert.Equal("blue", proxy["abc"]);

        proxy.Changed += handler;
        await proxy.SetStockAsync("abc", 1);
        proxy.Changed -= handler;
        await proxy.SetStockAsync("abc", 1);
        Assert.Equal(1, changes);

        Assert.IsType<Uri>(proxy.Describe<UriBox>("abc").Value);
        Assert.Same(inner, ((IResilientProxy<IInventoryApi>)proxy).Inner);
    }

    [Fact]
    public void Default_interface_members_reach_the_inner_instance_once()
    {
        IInventoryApi overriding = new ResilientInventoryApi(new SummarizingInventoryApi());
        Assert.Equal("own summary", overriding.Summary());

        IInventoryApi defaulting = new ResilientInventoryApi(new FakeInventoryApi { Version = 3 });
        Assert.Equal("default summary of 3", defaulting.Summary());
    }

    [Fact]
    public void The_constructor_rejects_null() =>
        Assert.Equal("inner", Assert.Throws<ArgumentNullException>(() => new ResilientInventoryApi(null!)).ParamName);

    private static void ResetBreaker()
    {
        if (CircuitBreakerRegistry.Default.TryGet(Breaker, out CircuitBreaker? breaker))
        {
            breaker.Reset();
        }
    }

    public sealed class UriBox
    {
        public object Value { get; } = new Uri("https://example.test/");
    }
}

/// <summary>Tests that use the process-wide breaker of <see cref="ResilientInventoryApi"/> run one at a time.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class ProxyBreakerCollection
{
    public const string Name = "Proxies.InventoryBreaker";
}
