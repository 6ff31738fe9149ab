using Microsoft.Extensions.Configuration;
using Resilience.Runtime.Tests.Configuration;

namespace Resilience.Runtime.Tests.Chaos;

public sealed class ChaosTests : GlobalStateTest
{
    private readonly string _method = UniqueName("Tests.Chaos") + ".FetchMetricsAsync";

    private static IConfiguration Config(params (string Key, string Value)[] values) =>
        new ConfigurationBuilder().AddInMemoryCollection(values.Select(v => new KeyValuePair<string, string?>(v.Key, v.Value))).Build();

    [Fact]
    public async Task Nothing_is_injected_unless_configured()
    {
        Assert.False(ResilienceChaos.IsActive);
        Assert.Empty(ResilienceChaos.Keys);
        await ResilienceChaos.InjectAsync(_method, default); // even when called, an unknown name does nothing
        Assert.False(ResilienceChaos.TryGetResult(_method, out int _));
    }

    [Fact]
    public void While_off_the_generated_check_allocates_nothing()
    {
        Assert.False(ResilienceChaos.IsActive);
        int injected = 0;
        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < 10_000; i++)
        {
            if (ResilienceChaos.IsActive)
            {
                ResilienceChaos.Inject(_method, default);
                injected++;
            }
        }

        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.Equal(0, allocated);
        Assert.Equal(0, injected);
    }

    [Fact]
    public async Task Enable_injects_faults_into_one_method_until_disposed()
    {
        string other = _method + "Other";
        using (ResilienceChaos.Enable(_method, new ChaosOptions { FaultRate = 1 }))
        {
            Assert.True(ResilienceChaos.IsActive);
            var fault = await Assert.ThrowsAsync<ChaosFaultException>(async () => await ResilienceChaos.InjectAsync(_method, default));
            Assert.Contains(_method, fault.Message, StringComparison.Ordinal);
            Assert.Throws<ChaosFaultException>(() => ResilienceChaos.Inject(_method, default));
            await ResilienceChaos.InjectAsync(other, default); // another method is untouched
            Assert.Empty(ResilienceChaos.GetUnmatchedKeys());
        }

        Assert.False(ResilienceChaos.IsActive);
        await ResilienceChaos.InjectAsync(_method, default);
    }

    [Fact]
    public async Task Configuration_by_type_prefix_injects_the_configured_exception_type_and_reload_switches_it_off()
    {
        string type = _method.Substring(0, _method.LastIndexOf('.'));
        IConfiguration config = Config(
            ($"Resilience:Chaos:{type}:FaultRate", "1"),
            ($"Resilience:Chaos:{type}:ExceptionType", "HttpRequestException"),
            ($"Resilience:Chaos:{type}:ExceptionMessage", "injected 503"));
        ResilienceConfiguration.Apply(config);

        var fault = await Assert.ThrowsAsync<HttpRequestException>(async () => await ResilienceChaos.InjectAsync(_method, default));
        Assert.Equal("injected 503", fault.Message);
        await ResilienceChaos.InjectAsync("Other.Namespace.Method", default);

        ResilienceConfiguration.Apply(Config());
        Assert.False(ResilienceChaos.IsActive);
    }

    [Fact]
    public async Task Latency_waits_on_the_runtime_clock_and_can_be_cancelled_by_a_timeout()
    {
        using IDisposable chaos = ResilienceChaos.Enable(_method, new ChaosOptions { LatencyMs = 2_000 });

        ValueTask slow = ResilienceChaos.InjectAsync(_method, default);
        Assert.False(slow.IsCompleted);
        Time.Advance(TimeSpan.FromMilliseconds(1_999));
        Assert.False(slow.IsCompleted);
        Time.Advance(TimeSpan.FromMilliseconds(1));
        await slow;

        using var timeout = new CancellationTokenSource();
        ValueTask cancelled = ResilienceChaos.InjectAsync(_method, timeout.Token);
        timeout.Cancel();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () => await cancelled);
    }

    [Fact]
    public void A_configured_result_is_returned_as_the_methods_result_type()
    {
        ResilienceConfiguration.Apply(Config(($"Resilience:Chaos:{_method}:Result", "{\"Service\":\"checkout\",\"ErrorRate\":0.9}")));

        Assert.True(ResilienceChaos.TryGetResult(_method, out Metrics metrics));
        Assert.Equal(new Metrics("checkout", 0.9), metrics);
    }

    [Fact]
    public void Rates_decide_per_call_and_a_seeded_random_replays_the_same_run()
    {
        using IDisposable chaos = ResilienceChaos.Enable(_method, new ChaosOptions { FaultRate = 0.3 });
        bool[] Run()
        {
            ResilienceChaos.Random = new Random(1234);
            var faults = new bool[1_000];
            for (int i = 0; i < faults.Length; i++)
            {
                try
                {
                    ResilienceChaos.Inject(_method, default);
                }
                catch (ChaosFaultException)
                {
                    faults[i] = true;
                }
            }

            return faults;
        }

        try
        {
            bool[] first = Run();
            bool[] second = Run();
            Assert.Equal(first, second);
            Assert.InRange(first.Count(f => f), 240, 360);
        }
        finally
        {
            ResilienceChaos.Random = Random.Shared;
        }
    }

    [Fact]
    public async Task Invalid_entries_are_ignored_and_valid_ones_still_apply()
    {
        ResilienceConfiguration.Apply(Config(
            ("Resilience:Chaos:A.B:FaultRate", "2"),
            ("Resilience:Chaos:A.C:FaultRate", "lots"),
            ("Resilience:Chaos:A.D:ExceptionType", "NoSuchException"),
            ("Resilience:Chaos:A.E:Faultrat", "1"),
            ($"Resilience:Chaos:{_method}:FaultRate", "1")));

        Assert.Equal(new[] { _method }, ResilienceChaos.Keys);
        await Assert.ThrowsAsync<ChaosFaultException>(async () => await ResilienceChaos.InjectAsync(_method, default));
    }

    [Fact]
    public void A_key_that_matches_no_call_is_reported_as_unmatched()
    {
        using IDisposable typo = ResilienceChaos.Enable(_method + "Typo", new ChaosOptions { FaultRate = 1 });
        using IDisposable real = ResilienceChaos.Enable(_method, new ChaosOptions { FaultRate = 1 });
        Assert.Throws<ChaosFaultException>(() => ResilienceChaos.Inject(_method, default));

        Assert.Equal(new[] { _method + "Typo" }, ResilienceChaos.GetUnmatchedKeys());
    }

    [Fact]
    public void Enable_rejects_bad_options_naming_the_key()
    {
        var ex = Assert.Throws<ArgumentOutOfRangeException>(() => ResilienceChaos.Enable(_method, new ChaosOptions { FaultRate = -0.1 }));
        Assert.Contains(_method, ex.Message, StringComparison.Ordinal);
    }

    public sealed record Metrics(string Service, double ErrorRate);
}
