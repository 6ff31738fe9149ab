using Resilience.Testing;

namespace Resilience.Runtime.Tests.LastKnownGood;

/// <summary>
/// What every durable store must give [LastKnownGood]: a value recorded before a "restart" (a new store object over the same
/// storage, a new policy object, nothing left in memory) is served after it, and rejected once older than the maximum age.
/// Run for the in-memory store here and linked into the file and PostgreSQL test projects.
/// </summary>
public abstract class LastKnownGoodStoreTests
{
    protected FakeClock Clock { get; } = new();

    /// <summary>A store over the test's storage; each call stands for a new process opening the same storage.</summary>
    protected abstract IDurableStore OpenStore(TimeProvider clock);

    private readonly string _name = "Tests.Agent.FetchMetrics." + Guid.NewGuid().ToString("N");

    [Fact]
    public async Task A_value_recorded_before_a_restart_is_served_after_it_and_rejected_once_older_than_its_max_age()
    {
        var before = new LastKnownGoodPolicy(_name, new LastKnownGoodOptions { MaxAgeSeconds = 600 });
        before.Record(OpenStore(Clock), "checkout", new Metrics("checkout", 0.25, new[] { 120, 130 }));
        await LastKnownGoodPolicy.FlushAsync();

        Clock.Advance(TimeSpan.FromSeconds(90));
        IDurableStore reopened = OpenStore(Clock);
        var after = new LastKnownGoodPolicy(_name, new LastKnownGoodOptions { MaxAgeSeconds = 600 });
        LastKnownGoodValue<Metrics> stale = await after.TryGetAsync<Metrics>(reopened, "checkout", new HttpRequestException("metrics API down"));

        Assert.True(stale.HasValue);
        Assert.Equal("checkout", stale.Value.Service);
        Assert.Equal(0.25, stale.Value.ErrorRate);
        Assert.Equal(new[] { 120, 130 }, stale.Value.LatenciesMs);
        Assert.Equal(TimeSpan.FromSeconds(90), stale.Age);

        Clock.Advance(TimeSpan.FromSeconds(511));
        LastKnownGoodValue<Metrics> tooOld = await after.TryGetAsync<Metrics>(OpenStore(Clock), "checkout", new HttpRequestException("metrics API down"));
        Assert.False(tooOld.HasValue);
        Assert.Equal(1, DegradationMonitor.GetStatistics().Single(s => s.PolicyName == _name).StaleRejected);
    }

    [Fact]
    public async Task The_newest_success_replaces_the_stored_value()
    {
        var policy = new LastKnownGoodPolicy(_name, new LastKnownGoodOptions { MaxAgeSeconds = 600 });
        IDurableStore store = OpenStore(Clock);
        policy.Record(store, "k", 1);
        await LastKnownGoodPolicy.FlushAsync();
        Clock.Advance(TimeSpan.FromSeconds(5));
        policy.Record(store, "k", 2);
        policy.Record(store, "k", 3);
        await LastKnownGoodPolicy.FlushAsync();

        LastKnownGoodValue<int> stale = await policy.TryGetAsync<int>(OpenStore(Clock), "k", new TimeoutException());
        Assert.True(stale.HasValue);
        Assert.Equal(3, stale.Value);
        Assert.Equal(TimeSpan.Zero, stale.Age);
    }

    public sealed record Metrics(string Service, double ErrorRate, int[] LatenciesMs);
}

public sealed class InMemoryLastKnownGoodStoreTests : LastKnownGoodStoreTests
{
    private InMemoryDurableStore? _store;

    // One process: the same in-memory store object stands for the storage.
    protected override IDurableStore OpenStore(TimeProvider clock) => _store ??= new InMemoryDurableStore(clock);
}

public sealed class FileLastKnownGoodStoreTests : LastKnownGoodStoreTests, IDisposable
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "lkg-" + Guid.NewGuid().ToString("N"));

    protected override IDurableStore OpenStore(TimeProvider clock) => new FileDurableStore(_directory, clock);

    public void Dispose()
    {
        if (Directory.Exists(_directory))
        {
            Directory.Delete(_directory, recursive: true);
        }
    }
}
