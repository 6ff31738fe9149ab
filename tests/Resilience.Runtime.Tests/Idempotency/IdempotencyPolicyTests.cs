using Resilience.Testing;

namespace Resilience.Runtime.Tests.Idempotency;

public sealed class IdempotencyPolicyTests
{
    private readonly FakeClock _clock = new(DateTimeOffset.UtcNow) { AutoAdvance = true };
    private readonly InMemoryDurableStore _store;
    private int _runs;

    public IdempotencyPolicyTests()
    {
        _store = new InMemoryDurableStore(_clock);
    }

    public sealed record Receipt(string Service, int Replicas);

    private static string Fingerprint<T>(T value)
    {
        var fingerprint = new ArgumentFingerprint();
        fingerprint.Add(value);
        return fingerprint.ToHexString();
    }

    // The shape the generator emits for an async method with a result.
    private async Task<Receipt> ScaleAsync(IdempotencyPolicy policy, string service, int replicas, Func<Task>? body = null)
    {
        var fingerprint = new ArgumentFingerprint();
        fingerprint.Add(service);
        fingerprint.Add(replicas);
        IdempotencyClaim<Receipt> claim = await policy.BeginAsync<Receipt>(_store, service, fingerprint.ToHexString(), CancellationToken.None);
        if (claim.IsReplay)
        {
            return claim.Result;
        }

        Receipt result;
        try
        {
            Interlocked.Increment(ref _runs);
            if (body is not null)
            {
                await body();
            }

            result = new Receipt(service, replicas);
        }
        catch
        {
            await claim.ReleaseAsync();
            throw;
        }

        await claim.CompleteAsync(result);
        return result;
    }

    private static IdempotencyPolicy Policy(int leaseSeconds = 300, int ttlSeconds = 86_400, ConcurrentDuplicateBehavior onDuplicate = ConcurrentDuplicateBehavior.Wait) =>
        new("Tests.Agent.Scale", new IdempotencyOptions { LeaseSeconds = leaseSeconds, TtlSeconds = ttlSeconds, OnConcurrentDuplicate = onDuplicate });

    [Fact]
    public async Task A_duplicate_call_returns_the_stored_result_without_running()
    {
        IdempotencyPolicy policy = Policy();
        Receipt first = await ScaleAsync(policy, "api", 3);
        Receipt second = await ScaleAsync(policy, "api", 3);

        Assert.Equal(first, second);
        Assert.Equal(1, _runs);
        Assert.NotNull(await _store.GetAsync("idempotency:Tests.Agent.Scale:api"));
    }

    [Fact]
    public async Task A_failure_releases_the_claim_and_the_original_exception_propagates()
    {
        IdempotencyPolicy policy = Policy();
        var boom = new InvalidOperationException("boom");
        var thrown = await Assert.ThrowsAsync<InvalidOperationException>(() => ScaleAsync(policy, "api", 3, () => throw boom));
        Assert.Same(boom, thrown);
        Assert.Null(await _store.GetAsync(policy.GetStoreKey("api")));

        await ScaleAsync(policy, "api", 3);
        Assert.Equal(2, _runs);
    }

    [Fact]
    public async Task The_same_key_with_other_arguments_throws_IdempotencyKeyReusedException()
    {
        IdempotencyPolicy policy = Policy();
        await ScaleAsync(policy, "api", 3);

        var ex = await Assert.ThrowsAsync<IdempotencyKeyReusedException>(() => ScaleAsync(policy, "api", 4));
        Assert.Equal("api", ex.Key);
        Assert.Equal("Tests.Agent.Scale", ex.PolicyName);
        Assert.Equal(1, _runs);
    }

    [Fact]
    public async Task A_concurrent_duplicate_throws_IdempotencyConflictException_when_asked_to()
    {
        IdempotencyPolicy policy = Policy(onDuplicate: ConcurrentDuplicateBehavior.Throw);
        IdempotencyClaim<Receipt> holder = await policy.BeginAsync<Receipt>(_store, "api", Fingerprint(1));

        var ex = await Assert.ThrowsAsync<IdempotencyConflictException>(async () => await policy.BeginAsync<Receipt>(_store, "api", Fingerprint(1)));
        Assert.Equal("api", ex.Key);
        await holder.ReleaseAsync();
    }

    [Fact]
    public async Task A_concurrent_duplicate_waits_for_the_running_call_and_returns_its_result()
    {
        IdempotencyPolicy policy = Policy();
        _clock.AutoAdvance = false;
        IdempotencyClaim<Receipt> holder = await policy.BeginAsync<Receipt>(_store, "api", Fingerprint(1));

        Task<IdempotencyClaim<Receipt>> waiter = policy.BeginAsync<Receipt>(_store, "api", Fingerprint(1)).AsTask();
        _clock.Advance(TimeSpan.FromMilliseconds(10));
        Assert.False(waiter.IsCompleted);

        await holder.CompleteAsync(new Receipt("api", 5));
        for (int i = 0; i < 20 && !waiter.IsCompleted; i++)
        {
            _clock.Advance(TimeSpan.FromSeconds(1));
            await Task.Yield();
        }

        IdempotencyClaim<Receipt> result = await waiter;
        Assert.True(result.IsReplay);
        Assert.Equal(new Receipt("api", 5), result.Result);
    }

    [Fact]
    public async Task A_waiting_duplicate_gives_up_when_the_claim_stays_held_past_the_bound()
    {
        IdempotencyPolicy policy = Policy(leaseSeconds: 10);
        IdempotencyClaim<Receipt> holder = await policy.BeginAsync<Receipt>(_store, "api", Fingerprint(1));
        DateTimeOffset start = _clock.GetUtcNow();

        // The holder keeps extending its lease (a live, slow call): the waiter stops after about one lease.
        var store = new RenewingStore(_store, holder.Claim);
        var ex = await Assert.ThrowsAsync<IdempotencyConflictException>(async () => await policy.BeginAsync<Receipt>(store, "api", Fingerprint(1)));
        Assert.Contains("still held", ex.Message);
        Assert.InRange(_clock.GetUtcNow() - start, TimeSpan.FromSeconds(10), TimeSpan.FromSeconds(15));
    }

    [Fact]
    public async Task A_claim_left_by_a_crash_is_taken_over_after_the_lease_and_the_late_result_is_rejected()
    {
        IdempotencyPolicy policy = Policy(leaseSeconds: 120);
        IdempotencyClaim<Receipt> crashed = await policy.BeginAsync<Receipt>(_store, "api", Fingerprint(1));
        DateTimeOffset crashedAt = _clock.GetUtcNow();

        IdempotencyClaim<Receipt> next = await policy.BeginAsync<Receipt>(_store, "api", Fingerprint(1));

        Assert.False(next.IsReplay);
        Assert.Equal(2, next.Claim.Epoch);
        Assert.True(_clock.GetUtcNow() - crashedAt >= TimeSpan.FromSeconds(120));
        await next.CompleteAsync(new Receipt("api", 2));
        var lost = await Assert.ThrowsAsync<ClaimLostException>(async () => await crashed.CompleteAsync(new Receipt("api", 99)));
        Assert.Equal(1, lost.Epoch);
        Assert.Equal(new Receipt("api", 2), (await policy.BeginAsync<Receipt>(_store, "api", Fingerprint(1))).Result);
    }

    [Fact]
    public async Task Records_expire_after_the_ttl_and_PurgeExpired_removes_them()
    {
        IdempotencyPolicy policy = Policy(ttlSeconds: 60);
        await ScaleAsync(policy, "api", 3);
        _clock.Advance(TimeSpan.FromSeconds(61));

        Assert.Equal(1, await _store.PurgeExpiredAsync());
        await ScaleAsync(policy, "api", 4);
        Assert.Equal(2, _runs);
    }

    [Fact]
    public async Task A_failing_store_throws_a_store_exception_and_the_action_does_not_run()
    {
        IdempotencyPolicy policy = Policy();
        var ex = await Assert.ThrowsAsync<DurableStoreException>(async () => await policy.BeginAsync<int>(new BrokenStore(), "k", "fp"));
        Assert.Equal("broken", ex.StoreName);
        Assert.Equal(policy.GetStoreKey("k"), ex.Key);
        Assert.IsType<IOException>(ex.InnerException);
    }

    [Fact]
    public async Task Release_never_masks_the_original_exception_even_when_the_store_fails()
    {
        var store = new BrokenStore { FailClaims = false };
        IdempotencyClaim<int> claim = await Policy().BeginAsync<int>(store, "k", "fp");
        await claim.ReleaseAsync();
        claim.Release();
    }

    [Fact]
    public void Sync_and_void_variants_follow_the_same_rules()
    {
        IdempotencyPolicy policy = Policy();
        IdempotencyClaim<int> first = policy.Begin<int>(_store, "sync", "fp");
        Assert.False(first.IsReplay);
        first.Complete(7);
        IdempotencyClaim<int> replay = policy.Begin<int>(_store, "sync", "fp");
        Assert.True(replay.IsReplay);
        Assert.Equal(7, replay.Result);
        Assert.Throws<InvalidOperationException>(() => replay.Complete(8));

        IdempotencyClaim voidClaim = policy.Begin(_store, "void", "fp");
        Assert.False(voidClaim.IsReplay);
        voidClaim.Complete();
        Assert.True(policy.Begin(_store, "void", "fp").IsReplay);

        IdempotencyClaim failed = policy.Begin(_store, "void-failed", "fp");
        failed.Release();
        Assert.False(policy.Begin(_store, "void-failed", "fp").IsReplay);
    }

    [Fact]
    public async Task The_store_is_the_instance_one_then_the_policy_one_then_the_default()
    {
        IdempotencyPolicy policy = Policy();
        var policyStore = new InMemoryDurableStore(_clock);
        policy.Store = policyStore;

        (await policy.BeginAsync(_store, "a", "fp")).Complete();
        (await policy.BeginAsync(null, "b", "fp")).Complete();

        Assert.NotNull(await _store.GetAsync(policy.GetStoreKey("a")));
        Assert.Null(await _store.GetAsync(policy.GetStoreKey("b")));
        Assert.NotNull(await policyStore.GetAsync(policy.GetStoreKey("b")));
        Assert.IsAssignableFrom<IDurableStore>(ResilienceStores.Resolve(null));
        Assert.Same(_store, ResilienceStores.Resolve(_store));
    }

    [Fact]
    public void Options_are_validated()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new IdempotencyPolicy("p", new IdempotencyOptions { LeaseSeconds = 0 }));
        Assert.Throws<ArgumentOutOfRangeException>(() => new IdempotencyPolicy("p", new IdempotencyOptions { TtlSeconds = -1 }));
        var policy = Policy();
        policy.Override(new IdempotencyOptions { LeaseSeconds = 5 });
        Assert.Equal(5, policy.Options.LeaseSeconds);
        policy.Override(null);
        Assert.Equal(300, policy.Options.LeaseSeconds);
    }

    [Fact]
    public void Fingerprints_are_stable_and_tell_arguments_apart()
    {
        static string Of(object? a, object? b)
        {
            var f = new ArgumentFingerprint();
            f.Add(a as string);
            f.Add(b);
            f.Add(CancellationToken.None);
            return f.ToHexString();
        }

        var same = new ArgumentFingerprint();
        same.Add("api");
        same.Add(new Receipt("api", 3));
        string hex = same.ToHexString();
        var again = new ArgumentFingerprint();
        again.Add("api");
        again.Add(new Receipt("api", 3));

        Assert.Equal(hex, again.ToHexString());
        Assert.Matches("^[0-9a-f]{64}$", hex);
        Assert.NotEqual(Of("a", null), Of(null, "a"));
        Assert.NotEqual(Fingerprint("1"), Fingerprint(1));
        Assert.NotEqual(Fingerprint(new Receipt("api", 3)), Fingerprint(new Receipt("api", 4)));
        Assert.Equal(Fingerprint(Guid.Empty), Fingerprint(Guid.Empty));
        Assert.Equal(Fingerprint(new string('x', 5000)), Fingerprint(new string('x', 5000)));

        // Pinned: a fingerprint must not change between processes, machines or releases.
        var pinned = new ArgumentFingerprint();
        pinned.Add("api");
        pinned.Add(3);
        pinned.Add(true);
        string pinnedHex = pinned.ToHexString();
        Assert.True(PinnedFingerprint == pinnedHex, $"The fingerprint format changed: {pinnedHex} (bump ArgumentFingerprint.FormatVersion and document it).");
    }

    private const string PinnedFingerprint = "d613064e7cf235f0d2b37873fdcda108184d9eccd334ba545aa8cac1351c9c5a";

    private sealed class RenewingStore : IDurableStore
    {
        private readonly IDurableStore _inner;
        private readonly DurableClaim _holder;

        public RenewingStore(IDurableStore inner, DurableClaim holder)
        {
            _inner = inner;
            _holder = holder;
        }

        public string Name => _inner.Name;

        public TimeProvider TimeProvider => _inner.TimeProvider;

        public async ValueTask<ClaimResult> TryClaimAsync(string key, string fingerprint, string owner, TimeSpan lease, CancellationToken cancellationToken = default)
        {
            await _inner.ExtendLeaseAsync(_holder, TimeSpan.FromSeconds(10), cancellationToken);
            return await _inner.TryClaimAsync(key, fingerprint, owner, lease, cancellationToken);
        }

        public ValueTask<DurableRecord> CompleteAsync(DurableClaim claim, ReadOnlyMemory<byte> payload, TimeSpan timeToLive, CancellationToken cancellationToken = default) => _inner.CompleteAsync(claim, payload, timeToLive, cancellationToken);

        public ValueTask<bool> ReleaseAsync(DurableClaim claim, CancellationToken cancellationToken = default) => _inner.ReleaseAsync(claim, cancellationToken);

        public ValueTask<bool> ExtendLeaseAsync(DurableClaim claim, TimeSpan lease, CancellationToken cancellationToken = default) => _inner.ExtendLeaseAsync(claim, lease, cancellationToken);

        public ValueTask<DurableRecord?> GetAsync(string key, CancellationToken cancellationToken = default) => _inner.GetAsync(key, cancellationToken);

        public ValueTask<bool> DeleteAsync(string key, CancellationToken cancellationToken = default) => _inner.DeleteAsync(key, cancellationToken);

        public ValueTask<IReadOnlyList<DurableRecord>> ListAsync(string keyPrefix, CancellationToken cancellationToken = default) => _inner.ListAsync(keyPrefix, cancellationToken);

        public ValueTask<int> PurgeExpiredAsync(CancellationToken cancellationToken = default) => _inner.PurgeExpiredAsync(cancellationToken);
    }

    private sealed class BrokenStore : IDurableStore
    {
        private readonly InMemoryDurableStore _inner = new();

        public bool FailClaims { get; init; } = true;

        public string Name => "broken";

        public TimeProvider TimeProvider => TimeProvider.System;

        public ValueTask<ClaimResult> TryClaimAsync(string key, string fingerprint, string owner, TimeSpan lease, CancellationToken cancellationToken = default) =>
            FailClaims ? throw new IOException("disk on fire") : _inner.TryClaimAsync(key, fingerprint, owner, lease, cancellationToken);

        public ValueTask<DurableRecord> CompleteAsync(DurableClaim claim, ReadOnlyMemory<byte> payload, TimeSpan timeToLive, CancellationToken cancellationToken = default) => throw new IOException("disk on fire");

        public ValueTask<bool> ReleaseAsync(DurableClaim claim, CancellationToken cancellationToken = default) => throw new IOException("disk on fire");

        public ValueTask<bool> ExtendLeaseAsync(DurableClaim claim, TimeSpan lease, CancellationToken cancellationToken = default) => throw new IOException("disk on fire");

        public ValueTask<DurableRecord?> GetAsync(string key, CancellationToken cancellationToken = default) => throw new IOException("disk on fire");

        public ValueTask<bool> DeleteAsync(string key, CancellationToken cancellationToken = default) => throw new IOException("disk on fire");

        public ValueTask<IReadOnlyList<DurableRecord>> ListAsync(string keyPrefix, CancellationToken cancellationToken = default) => throw new IOException("disk on fire");

        public ValueTask<int> PurgeExpiredAsync(CancellationToken cancellationToken = default) => throw new IOException("disk on fire");
    }
}
