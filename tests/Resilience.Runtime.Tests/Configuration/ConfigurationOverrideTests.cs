using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Resilience.Runtime.Tests.Telemetry;

namespace Resilience.Runtime.Tests.Configuration;

public sealed class ConfigurationOverrideTests : GlobalStateTest
{
    private static IConfigurationRoot Config(params (string Key, string? Value)[] values) =>
        new ConfigurationBuilder()
            .AddInMemoryCollection(values.Select(v => new KeyValuePair<string, string?>(v.Key, v.Value)))
            .Build();

    [Fact]
    public void Overrides_apply_to_existing_policies_to_policies_constructed_later_and_to_every_instance_of_a_name()
    {
        string name = UniqueName("App.Agent.Fetch");
        var before = new RetryPolicy(name, new RetryOptions { MaxRetries = 3, BaseDelayMs = 100 });
        IConfigurationRoot config = Config(($"Resilience:Policies:{name}:Retry:MaxRetries", "7"), ($"Resilience:Policies:{name}:Retry:Jitter", "none"));

        new ServiceCollection().AddResilience(config);
        var after = new RetryPolicy(name, new RetryOptions { MaxRetries = 3, BaseDelayMs = 100 }); // e.g. another closed generic type

        foreach (RetryPolicy policy in new[] { before, after })
        {
            Assert.Equal(7, policy.Options.MaxRetries);
            Assert.Equal(Jitter.None, policy.Options.Jitter);
            Assert.Equal(100, policy.Options.BaseDelayMs); // not configured: the attribute's value
            Assert.Equal(3, policy.DefaultOptions.MaxRetries);
        }
    }

    [Fact]
    public void Reload_reapplies_and_removing_a_key_restores_the_attribute_value()
    {
        string name = UniqueName("App.Agent.Fetch");
        var timeout = new TimeoutPolicy(name, new TimeoutOptions { Ms = 5_000 });
        IConfigurationRoot config = Config(($"Resilience:Policies:{name}:Timeout:Ms", "250"));
        using IDisposable binding = ResilienceConfiguration.Bind(config);
        Assert.Equal(250, timeout.Options.Ms);

        config[$"Resilience:Policies:{name}:Timeout:Ms"] = "900";
        config.Reload();
        Assert.Equal(900, timeout.Options.Ms);

        config[$"Resilience:Policies:{name}:Timeout:Ms"] = null;
        config.Reload();
        Assert.Equal(5_000, timeout.Options.Ms);
    }

    [Fact]
    public void Ms_configures_the_attempt_timeout_and_OverallMs_the_overall_timeout_of_the_same_method()
    {
        string name = UniqueName("App.Agent.Quote");
        var attempt = new TimeoutPolicy(name, new TimeoutOptions { Ms = 2_000 });
        var overall = new TimeoutPolicy(name, new TimeoutOptions { Ms = 10_000, Scope = TimeoutScope.Overall });
        IConfigurationRoot config = Config(($"Resilience:Policies:{name}:Timeout:Ms", "250"));
        using IDisposable binding = ResilienceConfiguration.Bind(config);
        Assert.Equal(250, attempt.Options.Ms);
        Assert.Equal(10_000, overall.Options.Ms); // Ms belongs to the attempt timeout

        config[$"Resilience:Policies:{name}:Timeout:OverallMs"] = "4000";
        config.Reload();
        Assert.Equal(250, attempt.Options.Ms);
        Assert.Equal(4_000, overall.Options.Ms);
        Assert.Equal(TimeoutScope.Overall, overall.Options.Scope);

        config[$"Resilience:Policies:{name}:Timeout:Ms"] = null;
        config.Reload();
        Assert.Equal(2_000, attempt.Options.Ms);
        Assert.Equal(4_000, overall.Options.Ms);
    }

    [Fact]
    public void An_overall_timeout_that_is_the_only_timeout_of_its_name_takes_Ms_and_OverallMs_wins()
    {
        string name = UniqueName("App.Agent.Report");
        var overall = new TimeoutPolicy(name, new TimeoutOptions { Ms = 10_000, Scope = TimeoutScope.Overall });
        IConfigurationRoot config = Config(($"Resilience:Policies:{name}:Timeout:Ms", "300"));
        using IDisposable binding = ResilienceConfiguration.Bind(config);
        Assert.Equal(300, overall.Options.Ms);

        config[$"Resilience:Policies:{name}:Timeout:OverallMs"] = "700";
        config.Reload();
        Assert.Equal(700, overall.Options.Ms);
    }

    [Fact]
    public void An_invalid_OverallMs_keeps_the_values_in_force()
    {
        string name = UniqueName("App.Agent.Report");
        var overall = new TimeoutPolicy(name, new TimeoutOptions { Ms = 10_000, Scope = TimeoutScope.Overall });
        IConfigurationRoot config = Config(($"Resilience:Policies:{name}:Timeout:OverallMs", "-5"));
        using IDisposable binding = ResilienceConfiguration.Bind(config);
        Assert.Equal(10_000, overall.Options.Ms);
    }

    [Fact]
    public void Breaker_and_bulkhead_overrides_change_the_shared_state_by_name()
    {
        string breakerName = UniqueName("datadog");
        string bulkheadName = UniqueName("db");
        var breaker = new CircuitBreakerPolicy(breakerName, new CircuitBreakerOptions { FailureThreshold = 5 });
        IConfigurationRoot config = Config(
            ($"Resilience:Policies:{breakerName}:CircuitBreaker:FailureThreshold", "1"),
            ($"Resilience:Policies:{breakerName}:CircuitBreaker:BreakDurationMs", "2000"),
            ($"Resilience:Policies:{bulkheadName}:Bulkhead:MaxConcurrency", "1"));
        using IDisposable binding = ResilienceConfiguration.Bind(config);
        var bulkhead = new BulkheadPolicy(bulkheadName, new BulkheadOptions { MaxConcurrency = 10 });

        Assert.Throws<InvalidOperationException>(() => BreakerRun(breaker));
        Assert.Equal(CircuitBreakerState.Open, breaker.Breaker.State);
        Assert.Equal(TimeSpan.FromSeconds(2), breaker.Breaker.RetryAfter);
        using (bulkhead.Enter(default))
        {
            Assert.Throws<BulkheadRejectedException>(() => bulkhead.Enter(default));
        }

        config[$"Resilience:Policies:{breakerName}:CircuitBreaker:FailureThreshold"] = "4";
        config.Reload();
        Assert.Equal(4, breaker.Options.FailureThreshold);
        Assert.Equal(2_000, breaker.Options.BreakDurationMs);
    }

    [Fact]
    public void The_outcome_settings_of_breakers_and_retries_are_configurable()
    {
        string breakerName = UniqueName("payments");
        string retryName = UniqueName("App.Agent.Fetch");
        var breaker = new CircuitBreakerPolicy(breakerName, new CircuitBreakerOptions { FailureRatio = 0.5, SamplingCalls = 20 });
        var retry = new RetryPolicy(retryName, new RetryOptions());
        IConfigurationRoot config = Config(
            ($"Resilience:Policies:{breakerName}:CircuitBreaker:SamplingCalls", "4"),
            ($"Resilience:Policies:{breakerName}:CircuitBreaker:SlowCallMs", "750"),
            ($"Resilience:Policies:{breakerName}:CircuitBreaker:SlowCallRatio", "0.25"),
            ($"Resilience:Policies:{retryName}:Retry:Jitter", "Proportional"));
        using IDisposable binding = ResilienceConfiguration.Bind(config);

        Assert.Equal(4, breaker.Options.SamplingCalls);
        Assert.Equal(750, breaker.Options.SlowCallMs);
        Assert.Equal(0.25, breaker.Options.SlowCallRatio);
        Assert.Equal(CircuitBreakerMode.FailureRatioInCalls, breaker.Options.Mode);
        Assert.Equal(Jitter.Proportional, retry.Options.Jitter);
    }

    [Fact]
    public void The_most_specific_name_wins_property_by_property()
    {
        string ns = UniqueName("Contoso");
        string type = ns + ".IncidentAgent";
        string method = type + ".FetchMetricsAsync";
        var policy = new RetryPolicy(method, new RetryOptions());
        var sibling = new RetryPolicy(ns + ".Other.Run", new RetryOptions());
        var unrelated = new RetryPolicy(ns + "Suffix.Agent.Run", new RetryOptions());
        IConfigurationRoot config = Config(
            ("Resilience:Policies:*:Retry:MaxDelayMs", "9000"),
            ($"Resilience:Policies:{ns}:Retry:MaxRetries", "1"),
            ($"Resilience:Policies:{type}:Retry:MaxRetries", "2"),
            ($"Resilience:Policies:{method}:Retry:BaseDelayMs", "10"));

        using IDisposable binding = ResilienceConfiguration.Bind(config);

        Assert.Equal(2, policy.Options.MaxRetries);
        Assert.Equal(10, policy.Options.BaseDelayMs);
        Assert.Equal(9_000, policy.Options.MaxDelayMs);
        Assert.Equal(1, sibling.Options.MaxRetries);
        Assert.Equal(3, unrelated.Options.MaxRetries); // a prefix only matches at a dot
        Assert.Equal(9_000, unrelated.Options.MaxDelayMs);
        Assert.Equal(3, ResiliencePolicyRegistry.GetConfiguredValues(PolicyKind.Retry, method)!.Count); // MaxDelayMs, MaxRetries, BaseDelayMs
    }

    [Fact]
    public void An_invalid_value_is_logged_and_leaves_the_values_in_force()
    {
        var log = new RecordingLoggerFactory();
        ResilienceRuntime.LoggerFactory = log;
        string name = UniqueName("App.Agent.Fetch");
        var policy = new RetryPolicy(name, new RetryOptions { MaxRetries = 3 });
        IConfigurationRoot config = Config(($"Resilience:Policies:{name}:Retry:MaxRetries", "2"));
        using IDisposable binding = ResilienceConfiguration.Bind(config);

        config[$"Resilience:Policies:{name}:Retry:MaxRetries"] = "lots";
        config.Reload();
        Assert.Equal(2, policy.Options.MaxRetries);

        config[$"Resilience:Policies:{name}:Retry:MaxRetries"] = "-1";
        config.Reload();
        Assert.Equal(2, policy.Options.MaxRetries);

        config[$"Resilience:Policies:{name}:Retry:MaxRetries"] = "5";
        config[$"Resilience:Policies:{name}:Retry:NoSuchSetting"] = "5";
        config.Reload();
        Assert.Equal(2, policy.Options.MaxRetries);

        Assert.Equal(3, log.Entries.Count(e => e.EventName == "PolicyConfigurationInvalid" && e.Level == LogLevel.Error));
        Assert.Contains(log.Entries, e => e.Message.Contains("NoSuchSetting", StringComparison.Ordinal) || (e.Exception?.Message.Contains("NoSuchSetting", StringComparison.Ordinal) ?? false));
    }

    [Fact]
    public void Disposing_the_binding_removes_overrides_and_stops_watching()
    {
        string name = UniqueName("App.Agent.Fetch");
        var policy = new TimeoutPolicy(name, new TimeoutOptions { Ms = 1_000 });
        IConfigurationRoot config = Config(($"Resilience:Policies:{name}:Timeout:Ms", "50"), ("Resilience:Enabled:Retry", "false"));
        IDisposable binding = ResilienceConfiguration.Bind(config);
        Assert.Equal(50, policy.Options.Ms);
        Assert.False(ResilienceRuntime.IsEnabled(PolicyKind.Retry));

        binding.Dispose();
        config[$"Resilience:Policies:{name}:Timeout:Ms"] = "60";
        config.Reload();

        Assert.Equal(1_000, policy.Options.Ms);
        Assert.True(ResilienceRuntime.IsEnabled(PolicyKind.Retry));
    }

    [Fact]
    public void AddResilience_finds_the_registered_configuration_and_UseResilience_takes_the_logger_factory()
    {
        string name = UniqueName("App.Agent.Fetch");
        var policy = new TimeoutPolicy(name, new TimeoutOptions { Ms = 1_000 });
        IConfigurationRoot config = Config(($"Resilience:Policies:{name}:Timeout:Ms", "75"));
        var log = new RecordingLoggerFactory();
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(config);
        services.AddSingleton<ILoggerFactory>(log);

        services.AddResilience();
        Assert.Equal(75, policy.Options.Ms);

        using ServiceProvider provider = services.BuildServiceProvider();
        provider.UseResilience();
        Assert.Same(log, ResilienceRuntime.LoggerFactory);
    }

    [Fact]
    public void AddResilience_accepts_the_Resilience_section_itself_and_a_builder()
    {
        string name = UniqueName("App.Agent.Fetch");
        var policy = new TimeoutPolicy(name, new TimeoutOptions { Ms = 1_000 });
        IConfigurationRoot config = Config(($"Resilience:Policies:{name}:Timeout:Ms", "80"));
        var log = new RecordingLoggerFactory();

        new ServiceCollection().AddResilience(builder => builder.BindConfiguration(config.GetSection("Resilience")).UseLoggerFactory(log).UseTimeProvider(Time));

        Assert.Equal(80, policy.Options.Ms);
        Assert.Same(log, ResilienceRuntime.LoggerFactory);
        Assert.Same(Time, ResilienceRuntime.TimeProvider);
    }

    [Fact]
    public void An_override_made_in_code_survives_a_reload_that_does_not_configure_that_policy()
    {
        var inCode = new TimeoutPolicy(UniqueName("App.Agent.Manual"), new TimeoutOptions { Ms = 1_000 });
        inCode.Override(new TimeoutOptions { Ms = 42 });
        string configured = UniqueName("App.Agent.Fetch");
        IConfigurationRoot config = Config(($"Resilience:Policies:{configured}:Timeout:Ms", "75"));

        using IDisposable binding = ResilienceConfiguration.Bind(config);
        config.Reload();

        Assert.Equal(42, inCode.Options.Ms);
    }

    private static void BreakerRun(CircuitBreakerPolicy policy)
    {
        var breaker = policy.Enter();
        try
        {
            throw new InvalidOperationException("down");
        }
        catch (Exception ex)
        {
            breaker.OnFailure(ex, default);
            throw;
        }
    }

    [Fact]
    public void AddResilience_UseStore_registers_the_store_and_makes_it_the_default()
    {
        IDurableStore previous = ResilienceStores.Default;
        try
        {
            var store = new InMemoryDurableStore(Time);
            ServiceProvider provider = new ServiceCollection().AddResilience(builder => builder.UseStore(store)).BuildServiceProvider();

            Assert.Same(store, provider.GetRequiredService<IDurableStore>());
            Assert.Same(store, ResilienceStores.Default);
        }
        finally
        {
            ResilienceStores.Default = previous;
        }
    }
}
