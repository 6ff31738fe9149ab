using System;
using System.Linq;
using System.Threading.Tasks;
using Microsoft.Extensions.DependencyInjection;

namespace Resilience.Runtime.Tests.Proxies;

public sealed class AddResilientProxyTests
{
    [Theory]
    [InlineData(ServiceLifetime.Singleton)]
    [InlineData(ServiceLifetime.Scoped)]
    [InlineData(ServiceLifetime.Transient)]
    public void An_implementation_type_registration_keeps_its_lifetime(ServiceLifetime lifetime)
    {
        IServiceCollection services = new ServiceCollection();
        services.Add(new ServiceDescriptor(typeof(IInventoryApi), typeof(FakeInventoryApi), lifetime));
        services.AddResilientProxy<IInventoryApi, ResilientInventoryApi>();

        ServiceDescriptor decorated = services.Last(d => d.ServiceType == typeof(IInventoryApi));
        Assert.Equal(lifetime, decorated.Lifetime);
        Assert.False(decorated.IsKeyedService);

        using ServiceProvider provider = services.BuildServiceProvider(new ServiceProviderOptions { ValidateScopes = true, ValidateOnBuild = true });
        using IServiceScope first = provider.CreateScope();
        using IServiceScope second = provider.CreateScope();
        var a = first.ServiceProvider.GetRequiredService<IInventoryApi>();
        var b = first.ServiceProvider.GetRequiredService<IInventoryApi>();
        var c = second.ServiceProvider.GetRequiredService<IInventoryApi>();

        Assert.IsType<ResilientInventoryApi>(a);
        Assert.IsType<FakeInventoryApi>(((IResilientProxy<IInventoryApi>)a).Inner);
        Assert.Equal(lifetime != ServiceLifetime.Transient, ReferenceEquals(a, b));
        Assert.Equal(lifetime == ServiceLifetime.Singleton, ReferenceEquals(a, c));
        Assert.Equal(ReferenceEquals(a, b), ReferenceEquals(Inner(a), Inner(b)));
    }

    [Fact]
    public void The_container_still_creates_and_disposes_an_implementation_type()
    {
        var services = new ServiceCollection();
        services.AddScoped<IInventoryApi, FakeInventoryApi>();
        services.AddResilientProxy<IInventoryApi, ResilientInventoryApi>();

        using ServiceProvider provider = services.BuildServiceProvider();
        FakeInventoryApi inner;
        using (IServiceScope scope = provider.CreateScope())
        {
            inner = (FakeInventoryApi)Inner(scope.ServiceProvider.GetRequiredService<IInventoryApi>());
            Assert.False(inner.Disposed);
        }

        Assert.True(inner.Disposed);
    }

    [Fact]
    public async Task A_factory_registration_is_wrapped_and_the_proxy_applies_its_policies()
    {
        var inner = new FakeInventoryApi { FailuresLeft = 1 };
        var services = new ServiceCollection();
        services.AddTransient<IInventoryApi>(_ => inner);
        services.AddResilientProxy<IInventoryApi, ResilientInventoryApi>();

        using ServiceProvider provider = services.BuildServiceProvider();
        var api = provider.GetRequiredService<IInventoryApi>();
        Assert.Same(inner, Inner(api));
        Assert.Equal(3, await api.GetStockAsync("abc"));
        Assert.Equal(2, inner.GetStockCalls);
        Assert.Equal(ServiceLifetime.Transient, services.Single(d => d.ServiceType == typeof(IInventoryApi)).Lifetime);
    }

    [Fact]
    public void An_instance_registration_is_wrapped_once_and_stays_owned_by_the_caller()
    {
        var inner = new FakeInventoryApi();
        var services = new ServiceCollection();
        services.AddSingleton<IInventoryApi>(inner);
        services.AddResilientProxy<IInventoryApi, ResilientInventoryApi>();

        var descriptor = services.Single(d => d.ServiceType == typeof(IInventoryApi));
        Assert.IsType<ResilientInventoryApi>(descriptor.ImplementationInstance);
        using (ServiceProvider provider = services.BuildServiceProvider())
        {
            Assert.Same(descriptor.ImplementationInstance, provider.GetRequiredService<IInventoryApi>());
            Assert.Same(inner, Inner(provider.GetRequiredService<IInventoryApi>()));
        }

        Assert.False(inner.Disposed);
    }

    [Fact]
    public void Keyed_registrations_keep_their_key_and_lifetime()
    {
        var eu = new FakeInventoryApi();
        var services = new ServiceCollection();
        services.AddKeyedSingleton<IInventoryApi>("eu", eu);
        services.AddKeyedScoped<IInventoryApi, FakeInventoryApi>("us");
        services.AddKeyedTransient<IInventoryApi>("asia", (_, key) => new FakeInventoryApi { Version = key is "asia" ? 99 : 0 });
        services.AddSingleton<IInventoryApi, FakeInventoryApi>();

        services.AddKeyedResilientProxy<IInventoryApi, ResilientInventoryApi>("eu");
        services.AddKeyedResilientProxy<IInventoryApi, ResilientInventoryApi>("us");
        services.AddKeyedResilientProxy<IInventoryApi, ResilientInventoryApi>("asia");

        Assert.Equal(ServiceLifetime.Scoped, services.Single(d => d.ServiceType == typeof(IInventoryApi) && Equals(d.ServiceKey, "us")).Lifetime);
        using ServiceProvider provider = services.BuildServiceProvider(new ServiceProviderOptions { ValidateScopes = true });
        using IServiceScope scope = provider.CreateScope();
        Assert.Same(eu, Inner(scope.ServiceProvider.GetRequiredKeyedService<IInventoryApi>("eu")));
        Assert.IsType<FakeInventoryApi>(Inner(scope.ServiceProvider.GetRequiredKeyedService<IInventoryApi>("us")));
        Assert.Equal(99, scope.ServiceProvider.GetRequiredKeyedService<IInventoryApi>("asia").Version);
        Assert.IsType<ResilientInventoryApi>(scope.ServiceProvider.GetRequiredKeyedService<IInventoryApi>("asia"));

        // The registration without a key was not asked for, so it is left alone.
        Assert.IsType<FakeInventoryApi>(provider.GetRequiredService<IInventoryApi>());
    }

    [Fact]
    public void Without_a_key_the_last_registration_is_decorated_whatever_its_key()
    {
        var services = new ServiceCollection();
        services.AddSingleton<IInventoryApi, FakeInventoryApi>();
        services.AddKeyedSingleton<IInventoryApi, FakeInventoryApi>("eu");
        services.AddResilientProxy<IInventoryApi, ResilientInventoryApi>();

        using ServiceProvider provider = services.BuildServiceProvider();
        Assert.IsType<ResilientInventoryApi>(provider.GetRequiredKeyedService<IInventoryApi>("eu"));
        Assert.IsType<FakeInventoryApi>(provider.GetRequiredService<IInventoryApi>());
    }

    [Fact]
    public async Task A_typed_HttpClient_registration_is_decorated()
    {
        var handler = new StatusHandler();
        var services = new ServiceCollection();
        services.AddHttpClient<IStatusClient, StatusClient>(http => http.BaseAddress = new Uri("http://inventory.test"))
            .ConfigurePrimaryHttpMessageHandler(() => handler);
        services.AddResilientProxy<IStatusClient, ResilientStatusClient>();

        using ServiceProvider provider = services.BuildServiceProvider();
        var client = provider.GetRequiredService<IStatusClient>();
        Assert.IsType<ResilientStatusClient>(client);
        Assert.IsType<StatusClient>(((IResilientProxy<IStatusClient>)client).Inner);
        Assert.Equal("green from http://inventory.test/status", await client.GetStatusAsync());
        Assert.Equal(1, handler.Requests);
    }

    [Fact]
    public void A_missing_registration_is_a_clear_error()
    {
        var services = new ServiceCollection();
        services.AddKeyedSingleton<IInventoryApi, FakeInventoryApi>("eu");

        var unkeyed = Assert.Throws<InvalidOperationException>(() => new ServiceCollection().AddResilientProxy<IInventoryApi, ResilientInventoryApi>());
        Assert.Contains("AddResilientProxy<IInventoryApi, ResilientInventoryApi>() found no registration of 'Resilience.Runtime.Tests.Proxies.IInventoryApi'", unkeyed.Message);
        Assert.Contains("Register the implementation first", unkeyed.Message);

        var keyed = Assert.Throws<InvalidOperationException>(() => services.AddKeyedResilientProxy<IInventoryApi, ResilientInventoryApi>("us"));
        Assert.Contains("AddKeyedResilientProxy<IInventoryApi, ResilientInventoryApi>(\"us\") found no registration", keyed.Message);
    }

    [Fact]
    public void A_proxy_that_never_registered_its_constructor_is_a_clear_error()
    {
        var services = new ServiceCollection();
        services.AddSingleton<IStatusClient, StatusClient>();

        var error = Assert.Throws<InvalidOperationException>(() => services.AddResilientProxy<IStatusClient, UnregisteredStatusProxy>());
        Assert.Contains("'Resilience.Runtime.Tests.Proxies.UnregisteredStatusProxy' has not registered a constructor", error.Message);
        Assert.Equal(typeof(StatusClient), services.Single().ImplementationType);
    }

    [Fact]
    public void Null_services_are_rejected()
    {
        Assert.Throws<ArgumentNullException>(() => ResilientProxyServiceCollectionExtensions.AddResilientProxy<IInventoryApi, ResilientInventoryApi>(null!));
        Assert.Throws<ArgumentNullException>(() => ResilientProxyFactory<IStatusClient, UnregisteredStatusProxy>.Register(null!));
    }

    private static IInventoryApi Inner(IInventoryApi proxy) => ((IResilientProxy<IInventoryApi>)proxy).Inner;
}
