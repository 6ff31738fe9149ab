using Resilience.Testing;

namespace Resilience.Runtime.Tests.LastKnownGood;

public sealed class LastKnownGoodPolicyTests
{
    private readonly FakeClock _clock = new();
    private readonly string _name = "Tests.Agent.Get." + Guid.NewGuid().ToString("N");

    private LastKnownGoodPolicy NewPolicy(int maxAgeSeconds = 60) => new(_name, new LastKnownGoodOptions { MaxAgeSeconds = maxAgeSeconds });

    [Fact]
    public async Task After_the_primary_fails_the_stale_value_is_served_and_the_caller_sees_the_level_and_age()
    {
        var store = new InMemoryDurableStore(_clock);
        LastKnownGoodPolicy policy = NewPolicy();
        policy.Record(store, "checkout", "p99=120ms");
        await LastKnownGoodPolicy.FlushAsync();
        _clock.Advance(TimeSpan.FromSeconds(42));

        using DegradationScope scope = DegradationScope.Begin();
        var failure = new HttpRequestException("503");
        LastKnownGoodValue<string> stale = await policy.TryGetAsync<string>(store, "checkout", failure);

        Assert.True(stale.HasValue);
        Assert.Equal("p99=120ms", stale.Value);
        Assert.Equal(TimeSpan.FromSeconds(42), stale.Age);
        Assert.True(scope.IsDegraded);
        Assert.Equal(DegradationLevel.Slight, scope.Level);
        DegradedAnswer answer = Assert.Single(scope.Answers);
        Assert.Equal(_name, answer.PolicyName);
        Assert.Equal(LastKnownGoodPolicy.SourceName, answer.Source);
        Assert.Equal(TimeSpan.FromSeconds(42), answer.StaleAge);
        Assert.Same(failure, answer.Exception);

        DegradationStatistics statistics = DegradationMonitor.GetStatistics().Single(s => s.PolicyName == _name);
        Assert.Equal(1, statistics.DegradedAnswers);
        Assert.Equal(_clock.GetUtcNow(), statistics.LastTime);
    }

    [Fact]
    public async Task A_value_older_than_the_max_age_is_rejected_and_counted()
    {
        var store = new InMemoryDurableStore(_clock);
        LastKnownGoodPolicy policy = NewPolicy(maxAgeSeconds: 60);
        policy.Record(store, "k", 7);
        await LastKnownGoodPolicy.FlushAsync();

        _clock.Advance(TimeSpan.FromSeconds(60));
        Assert.True((await policy.TryGetAsync<int>(store, "k", new TimeoutException())).HasValue);

        _clock.Advance(TimeSpan.FromSeconds(1));
        using DegradationScope scope = DegradationScope.Begin();
        Assert.False((await policy.TryGetAsync<int>(store, "k", new TimeoutException())).HasValue);
        Assert.False(scope.IsDegraded);
        Assert.Equal(1, DegradationMonitor.GetStatistics().Single(s => s.PolicyName == _name).StaleRejected);
    }

    [Fact]
    public async Task Record_returns_while_the_store_write_is_still_blocked_and_a_queued_value_is_served_from_memory()
    {
        var store = new GatedStore(new InMemoryDurableStore(_clock));
        LastKnownGoodPolicy policy = NewPolicy();

        policy.Record(store, "k", "fresh"); // would hang here if the write were synchronous
        Assert.Equal(0, store.Completed);

        LastKnownGoodValue<string> stale = await policy.TryGetAsync<string>(store, "k", new TimeoutException());
        Assert.True(stale.HasValue);
        Assert.Equal("fresh", stale.Value);

        store.Open();
        await LastKnownGoodPolicy.FlushAsync();
        Assert.Equal(1, store.Completed);
    }

    [Fact]
    public async Task Keys_are_kept_apart_and_nothing_is_served_for_an_unknown_key()
    {
        var store = new InMemoryDurableStore(_clock);
        LastKnownGoodPolicy policy = NewPolicy();
        policy.Record(store, "a", "A");
        policy.Record(store, "b", "B");
        await LastKnownGoodPolicy.FlushAsync();

        Assert.Equal("A", (await policy.TryGetAsync<string>(store, "a", new TimeoutException())).Value);
        Assert.Equal("B", (await policy.TryGetAsync<string>(store, "b", new TimeoutException())).Value);
        Assert.False((await policy.TryGetAsync<string>(store, "c", new TimeoutException())).HasValue);
        Assert.NotNull(await store.GetAsync(policy.GetStoreKey("a")));
        Assert.StartsWith("lastknowngood:" + _name + ":", policy.GetStoreKey("a"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_failing_store_is_logged_and_serves_nothing_instead_of_throwing()
    {
        var store = new GatedStore(new InMemoryDurableStore(_clock)) { FailReads = true };
        LastKnownGoodPolicy policy = NewPolicy();

        LastKnownGoodValue<string> stale = await policy.TryGetAsync<string>(store, "k", new TimeoutException());

        Assert.False(stale.HasValue);
    }

    [Fact]
    public async Task A_record_that_does_not_decode_as_the_result_type_is_not_served()
    {
        var store = new InMemoryDurableStore(_clock);
        LastKnownGoodPolicy policy = NewPolicy();
        policy.Record(store, "k", "not a number");
        await LastKnownGoodPolicy.FlushAsync();

        Assert.False((await policy.TryGetAsync<int>(store, "k", new TimeoutException())).HasValue);
    }

    [Fact]
    public async Task The_synchronous_form_serves_the_same_value()
    {
        var store = new InMemoryDurableStore(_clock);
        LastKnownGoodPolicy policy = NewPolicy();
        policy.Record(store, "k", 41);
        await LastKnownGoodPolicy.FlushAsync();

        Assert.True(policy.TryGet(store, "k", new TimeoutException(), CancellationToken.None, out int value));
        Assert.Equal(41, value);
    }

    [Fact]
    public void The_callers_cancellation_is_never_replaced_but_other_failures_are()
    {
        LastKnownGoodPolicy policy = NewPolicy();
        using var cts = new CancellationTokenSource();
        cts.Cancel();

        Assert.False(policy.Handles(new OperationCanceledException(cts.Token), cts.Token));
        Assert.True(policy.Handles(new OperationCanceledException(), CancellationToken.None));
        Assert.True(policy.Handles(new CircuitBreakerOpenException("b", TimeSpan.FromSeconds(1)), CancellationToken.None));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-5)]
    public void A_max_age_below_one_second_is_rejected_naming_the_policy(int maxAge)
    {
        var ex = Assert.Throws<ArgumentOutOfRangeException>(() => NewPolicy(maxAge));
        Assert.Contains(_name, ex.Message, StringComparison.Ordinal);
        Assert.Contains("MaxAgeSeconds", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Without_a_scope_nothing_is_collected_and_nested_scopes_both_see_an_answer()
    {
        Assert.Null(DegradationScope.Current);
        using DegradationScope outer = DegradationScope.Begin();
        using (DegradationScope inner = DegradationScope.Begin())
        {
            DegradationTelemetry.OnDegraded(new DegradedAnswer(_name, "FromCache", DegradationLevel.Moderate, null, _clock.GetUtcNow(), new TimeoutException()));
            Assert.Equal(DegradationLevel.Moderate, inner.Level);
        }

        Assert.Same(outer, DegradationScope.Current);
        Assert.Equal(DegradationLevel.Moderate, outer.Level);
    }

    /// <summary>Passes everything to an inner store; claims wait for <see cref="Open"/>; reads can be made to fail.</summary>
    private sealed class GatedStore : IDurableStore
    {
        private readonly IDurableStore _inner;
        private readonly TaskCompletionSource _gate = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private int _completed;

        public GatedStore(IDurableStore inner) => _inner = inner;

        public bool FailReads { get; init; }

        public int Completed => Volatile.Read(ref _completed);

        public string Name => "gated";

        public TimeProvider TimeProvider => _inner.TimeProvider;

        public void Open() => _gate.TrySetResult();

        public async ValueTask<ClaimResult> TryClaimAsync(string key, string fingerprint, string owner, TimeSpan lease, CancellationToken cancellationToken = default)
        {
            await _gate.Task;
            return await _inner.TryClaimAsync(key, fingerprint, owner, lease, cancellationToken);
        }

        public async ValueTask<DurableRecord> CompleteAsync(DurableClaim claim, ReadOnlyMemory<byte> payload, TimeSpan timeToLive, CancellationToken cancellationToken = default)
        {
            DurableRecord record = await _inner.CompleteAsync(claim, payload, timeToLive, cancellationToken);
            Interlocked.Increment(ref _completed);
            return record;
        }

        public ValueTask<bool> ReleaseAsync(DurableClaim claim, CancellationToken cancellationToken = default) => _inner.ReleaseAsync(claim, cancellationToken);

        public ValueTask<bool> ExtendLeaseAsync(DurableClaim claim, TimeSpan lease, CancellationToken cancellationToken = default) => _inner.ExtendLeaseAsync(claim, lease, cancellationToken);

        public ValueTask<DurableRecord?> GetAsync(string key, CancellationToken cancellationToken = default) =>
            FailReads ? throw new IOException("disk gone") : _inner.GetAsync(key, cancellationToken);

        public ValueTask<bool> DeleteAsync(string key, CancellationToken cancellationToken = default) => _inner.DeleteAsync(key, cancellationToken);

        public ValueTask<IReadOnlyList<DurableRecord>> ListAsync(string keyPrefix, CancellationToken cancellationToken = default) => _inner.ListAsync(keyPrefix, cancellationToken);

        public ValueTask<int> PurgeExpiredAsync(CancellationToken cancellationToken = default) => _inner.PurgeExpiredAsync(cancellationToken);
    }
}
