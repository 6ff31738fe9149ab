using System.Text;
using Resilience.Testing;

namespace Resilience.Runtime.Tests.Stores;

/// <summary>
/// The behaviour every <see cref="IDurableStore"/> must have. Subclassed once per store: in-memory and file here, PostgreSQL
/// in Resilience.Runtime.Postgres.Tests (this file is linked into that project).
/// </summary>
public abstract class DurableStoreContractTests
{
    private static readonly TimeSpan Lease = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan Ttl = TimeSpan.FromHours(1);

    private readonly string _prefix = "t" + Guid.NewGuid().ToString("N").Substring(0, 12) + ":";

    protected FakeClock Clock { get; } = new(DateTimeOffset.UtcNow);

    /// <summary>Creates an empty store (or one whose keys do not collide with <see cref="K"/>) on <paramref name="clock"/>.</summary>
    protected abstract IDurableStore CreateStore(TimeProvider clock);

    protected string K(string name) => _prefix + name;

    private IDurableStore NewStore() => CreateStore(Clock);

    private static byte[] Bytes(string text) => Encoding.UTF8.GetBytes(text);

    private static async Task<DurableClaim> ClaimAsync(IDurableStore store, string key, string fingerprint = "fp", string? owner = null)
    {
        ClaimResult result = await store.TryClaimAsync(key, fingerprint, owner ?? DurableClaim.NewOwner(), Lease);
        Assert.Equal(ClaimStatus.Claimed, result.Status);
        return result.Claim;
    }

    [Fact]
    public async Task First_claim_of_a_key_wins_with_epoch_1()
    {
        IDurableStore store = NewStore();
        string owner = DurableClaim.NewOwner();
        ClaimResult result = await store.TryClaimAsync(K("a"), "fp", owner, Lease);

        Assert.Equal(ClaimStatus.Claimed, result.Status);
        Assert.Equal(1, result.Claim.Epoch);
        Assert.Equal(owner, result.Claim.Owner);
        Assert.Equal(K("a"), result.Claim.Key);
        Assert.Equal(DurableRecord.Normalize(Clock.GetUtcNow() + Lease), result.Claim.LeaseUntil);
    }

    [Fact]
    public async Task A_live_claim_is_reported_as_held_until_its_lease_ends()
    {
        IDurableStore store = NewStore();
        DurableClaim first = await ClaimAsync(store, K("a"));

        ClaimResult second = await store.TryClaimAsync(K("a"), "fp", DurableClaim.NewOwner(), Lease);

        Assert.Equal(ClaimStatus.HeldByOther, second.Status);
        Assert.Equal(first.LeaseUntil, second.HeldUntil);
        Assert.Equal(first.Owner, second.Record!.Owner);
        Assert.Equal(DurableRecordState.Claimed, second.Record.State);
    }

    [Fact]
    public async Task Another_fingerprint_on_a_live_claim_or_a_completed_record_is_a_mismatch()
    {
        IDurableStore store = NewStore();
        DurableClaim claim = await ClaimAsync(store, K("a"), "fp1");
        Assert.Equal(ClaimStatus.FingerprintMismatch, (await store.TryClaimAsync(K("a"), "fp2", DurableClaim.NewOwner(), Lease)).Status);

        await store.CompleteAsync(claim, Bytes("r"), Ttl);
        ClaimResult result = await store.TryClaimAsync(K("a"), "fp2", DurableClaim.NewOwner(), Lease);
        Assert.Equal(ClaimStatus.FingerprintMismatch, result.Status);
        Assert.Equal("fp1", result.Record!.Fingerprint);
    }

    [Fact]
    public async Task A_completed_record_is_returned_with_its_payload_and_a_valid_checksum()
    {
        IDurableStore store = NewStore();
        DurableClaim claim = await ClaimAsync(store, K("a"));
        DurableRecord completed = await store.CompleteAsync(claim, Bytes("{\"v\":42}"), Ttl);
        Assert.Equal(DurableRecordState.Completed, completed.State);

        ClaimResult again = await store.TryClaimAsync(K("a"), "fp", DurableClaim.NewOwner(), Lease);

        Assert.Equal(ClaimStatus.Completed, again.Status);
        DurableRecord record = again.Record!;
        Assert.Equal("{\"v\":42}", Encoding.UTF8.GetString(record.Payload.Span));
        Assert.Equal(claim.Owner, record.Owner);
        Assert.Equal(1, record.Epoch);
        Assert.Null(record.LeaseUntil);
        Assert.Equal(DurableRecord.Normalize(Clock.GetUtcNow() + Ttl), record.ExpiresAt);
        Assert.True(record.HasValidChecksum());
        Assert.Equal(64, record.Checksum.Length);
        Assert.Equal(completed.Checksum, record.Checksum);
    }

    [Fact]
    public async Task Release_frees_the_key_for_the_next_caller()
    {
        IDurableStore store = NewStore();
        DurableClaim claim = await ClaimAsync(store, K("a"));

        Assert.True(await store.ReleaseAsync(claim));
        Assert.Null(await store.GetAsync(K("a")));
        Assert.False(await store.ReleaseAsync(claim));

        DurableClaim next = await ClaimAsync(store, K("a"), "other-args");
        Assert.NotEqual(claim.Owner, next.Owner);
    }

    [Fact]
    public async Task A_claim_whose_lease_ended_is_taken_over_with_the_next_epoch()
    {
        IDurableStore store = NewStore();
        DurableClaim crashed = await ClaimAsync(store, K("a"));
        Clock.Advance(Lease - TimeSpan.FromSeconds(1));
        Assert.Equal(ClaimStatus.HeldByOther, (await store.TryClaimAsync(K("a"), "fp", DurableClaim.NewOwner(), Lease)).Status);

        Clock.Advance(TimeSpan.FromSeconds(1));
        DurableClaim takeover = await ClaimAsync(store, K("a"));

        Assert.Equal(2, takeover.Epoch);
        Assert.NotEqual(crashed.Owner, takeover.Owner);
    }

    [Fact]
    public async Task A_late_completion_or_release_by_the_old_owner_is_fenced_off()
    {
        IDurableStore store = NewStore();
        DurableClaim old = await ClaimAsync(store, K("a"));
        Clock.Advance(Lease);
        DurableClaim current = await ClaimAsync(store, K("a"));

        var lost = await Assert.ThrowsAsync<ClaimLostException>(async () => await store.CompleteAsync(old, Bytes("late"), Ttl));
        Assert.Equal(K("a"), lost.Key);
        Assert.Equal(old.Owner, lost.Owner);
        Assert.Equal(1, lost.Epoch);
        Assert.Equal(current.Owner, lost.CurrentOwner);
        Assert.Equal(2, lost.CurrentEpoch);
        Assert.Equal(store.Name, lost.StoreName);
        Assert.False(await store.ReleaseAsync(old));
        Assert.False(await store.ExtendLeaseAsync(old, Lease));

        await store.CompleteAsync(current, Bytes("winner"), Ttl);
        DurableRecord record = (await store.GetAsync(K("a")))!;
        Assert.Equal("winner", Encoding.UTF8.GetString(record.Payload.Span));
        Assert.Equal(2, record.Epoch);
    }

    [Fact]
    public async Task Completing_twice_or_after_release_is_rejected()
    {
        IDurableStore store = NewStore();
        DurableClaim claim = await ClaimAsync(store, K("a"));
        await store.CompleteAsync(claim, Bytes("1"), Ttl);
        await Assert.ThrowsAsync<ClaimLostException>(async () => await store.CompleteAsync(claim, Bytes("2"), Ttl));

        DurableClaim released = await ClaimAsync(store, K("b"));
        await store.ReleaseAsync(released);
        var lost = await Assert.ThrowsAsync<ClaimLostException>(async () => await store.CompleteAsync(released, Bytes("3"), Ttl));
        Assert.Null(lost.CurrentOwner);
    }

    [Fact]
    public async Task A_completed_record_expires_after_its_ttl_and_the_key_can_be_claimed_again()
    {
        IDurableStore store = NewStore();
        DurableClaim claim = await ClaimAsync(store, K("a"));
        await store.CompleteAsync(claim, Bytes("r"), Ttl);
        Clock.Advance(Ttl - TimeSpan.FromSeconds(1));
        Assert.NotNull(await store.GetAsync(K("a")));

        Clock.Advance(TimeSpan.FromSeconds(1));
        Assert.Null(await store.GetAsync(K("a")));
        DurableClaim again = await ClaimAsync(store, K("a"), "new-args");
        Assert.Equal(2, again.Epoch);
    }

    [Fact]
    public async Task Extending_the_lease_keeps_others_out_longer()
    {
        IDurableStore store = NewStore();
        DurableClaim claim = await ClaimAsync(store, K("a"));
        Clock.Advance(TimeSpan.FromSeconds(20));
        Assert.True(await store.ExtendLeaseAsync(claim, Lease));
        Clock.Advance(TimeSpan.FromSeconds(20));

        ClaimResult other = await store.TryClaimAsync(K("a"), "fp", DurableClaim.NewOwner(), Lease);
        Assert.Equal(ClaimStatus.HeldByOther, other.Status);
        await store.CompleteAsync(claim, Bytes("ok"), Ttl);
        Assert.Equal(DurableRecordState.Completed, (await store.GetAsync(K("a")))!.State);
    }

    [Fact]
    public async Task Get_returns_null_for_a_missing_key_and_the_claim_for_a_claimed_one()
    {
        IDurableStore store = NewStore();
        Assert.Null(await store.GetAsync(K("missing")));
        DurableClaim claim = await ClaimAsync(store, K("a"), "fp-a");

        DurableRecord record = (await store.GetAsync(K("a")))!;
        Assert.Equal(DurableRecordState.Claimed, record.State);
        Assert.Equal("fp-a", record.Fingerprint);
        Assert.Equal(claim.Owner, record.Owner);
        Assert.Equal(claim.LeaseUntil, record.LeaseUntil);
        Assert.True(record.Payload.IsEmpty);
        Assert.True(record.HasValidChecksum());
    }

    [Fact]
    public async Task Delete_removes_a_record_in_any_state()
    {
        IDurableStore store = NewStore();
        DurableClaim a = await ClaimAsync(store, K("a"));
        await store.CompleteAsync(a, Bytes("r"), Ttl);
        await ClaimAsync(store, K("b"));

        Assert.True(await store.DeleteAsync(K("a")));
        Assert.True(await store.DeleteAsync(K("b")));
        Assert.False(await store.DeleteAsync(K("a")));
        Assert.Null(await store.GetAsync(K("a")));
        Assert.Equal(ClaimStatus.Claimed, (await store.TryClaimAsync(K("b"), "x", DurableClaim.NewOwner(), Lease)).Status);
    }

    [Fact]
    public async Task List_returns_the_live_records_under_a_prefix_in_key_order()
    {
        IDurableStore store = NewStore();
        foreach (string name in new[] { "run1/step2", "run1/step1", "run2/step1" })
        {
            DurableClaim claim = await ClaimAsync(store, K(name));
            await store.CompleteAsync(claim, Bytes(name), Ttl);
        }

        await ClaimAsync(store, K("run1/step3"));
        DurableClaim shortLived = await ClaimAsync(store, K("run1/step0"));
        await store.CompleteAsync(shortLived, Bytes("x"), TimeSpan.FromSeconds(1));
        Clock.Advance(TimeSpan.FromSeconds(2));

        IReadOnlyList<DurableRecord> run1 = await store.ListAsync(K("run1/"));
        Assert.Equal(new[] { K("run1/step1"), K("run1/step2"), K("run1/step3") }, run1.Select(r => r.Key).ToArray());
        Assert.Equal(new[] { DurableRecordState.Completed, DurableRecordState.Completed, DurableRecordState.Claimed }, run1.Select(r => r.State).ToArray());
        Assert.Equal("run1/step1", Encoding.UTF8.GetString(run1[0].Payload.Span));
        Assert.Empty(await store.ListAsync(K("run3/")));
    }

    [Fact]
    public async Task PurgeExpired_deletes_expired_records_and_lapsed_claims_only()
    {
        IDurableStore store = NewStore();
        DurableClaim expiring = await ClaimAsync(store, K("expiring"));
        await store.CompleteAsync(expiring, Bytes("x"), TimeSpan.FromSeconds(10));
        DurableClaim kept = await ClaimAsync(store, K("kept"));
        await store.CompleteAsync(kept, Bytes("y"), Ttl);
        await store.TryClaimAsync(K("lapsed"), "fp", DurableClaim.NewOwner(), TimeSpan.FromSeconds(5));
        Clock.Advance(TimeSpan.FromSeconds(11));
        await ClaimAsync(store, K("live"));

        int purged = await store.PurgeExpiredAsync();

        Assert.True(purged >= 2, $"purged {purged}");
        Assert.Equal(new[] { K("kept"), K("live") }, (await store.ListAsync(_prefix)).Select(r => r.Key).ToArray());
        Assert.Equal(0, await CountPurgeableAsync(store));
    }

    private static async Task<int> CountPurgeableAsync(IDurableStore store) => await store.PurgeExpiredAsync();

    [Fact]
    public async Task Of_many_concurrent_claimers_exactly_one_wins()
    {
        IDurableStore store = CreateStore(TimeProvider.System);
        string key = K("race");
        ClaimResult[] results = await Task.WhenAll(Enumerable.Range(0, 24).Select(_ =>
            Task.Run(async () => await store.TryClaimAsync(key, "fp", DurableClaim.NewOwner(), Lease))));

        Assert.Equal(1, results.Count(r => r.Status == ClaimStatus.Claimed));
        Assert.Equal(23, results.Count(r => r.Status == ClaimStatus.HeldByOther));
    }

    [Fact]
    public async Task Of_many_concurrent_takeovers_of_a_lapsed_claim_exactly_one_wins()
    {
        IDurableStore store = NewStore();
        string key = K("takeover-race");
        await ClaimAsync(store, key);
        Clock.Advance(Lease);
        ClaimResult[] results = await Task.WhenAll(Enumerable.Range(0, 16).Select(_ =>
            Task.Run(async () => await store.TryClaimAsync(key, "fp", DurableClaim.NewOwner(), Lease))));

        ClaimResult winner = Assert.Single(results, r => r.Status == ClaimStatus.Claimed);
        Assert.Equal(2, winner.Claim.Epoch);
    }

    [Fact]
    public async Task Keys_of_any_characters_and_length_are_kept_apart()
    {
        IDurableStore store = NewStore();
        string[] keys = { K("a/b\\c:d*e?f\"g<h>i|j"), K("ünïcødé ✓"), K(new string('x', 2000)), K("") };
        foreach (string key in keys)
        {
            DurableClaim claim = await ClaimAsync(store, key);
            await store.CompleteAsync(claim, Bytes(key), Ttl);
        }

        foreach (string key in keys)
        {
            Assert.Equal(key, Encoding.UTF8.GetString((await store.GetAsync(key))!.Payload.Span));
        }
    }

    [Fact]
    public async Task Idempotent_calls_through_the_store_run_once_and_replay_the_result()
    {
        IDurableStore store = CreateStore(TimeProvider.System);
        var policy = new IdempotencyPolicy("Contract.Charge", new IdempotencyOptions { LeaseSeconds = 30 });
        int runs = 0;

        async Task<string> ChargeAsync(string customer)
        {
            var fingerprint = new ArgumentFingerprint();
            fingerprint.Add(customer);
            IdempotencyClaim<string> claim = await policy.BeginAsync<string>(store, K(customer), fingerprint.ToHexString());
            if (claim.IsReplay)
            {
                return claim.Result;
            }

            try
            {
                Interlocked.Increment(ref runs);
                await Task.Delay(20);
                string receipt = "receipt-" + customer;
                await claim.CompleteAsync(receipt);
                return receipt;
            }
            catch
            {
                await claim.ReleaseAsync();
                throw;
            }
        }

        string[] receipts = await Task.WhenAll(Enumerable.Range(0, 16).Select(_ => Task.Run(() => ChargeAsync("alice"))));

        Assert.All(receipts, r => Assert.Equal("receipt-alice", r));
        Assert.Equal(1, runs);
        Assert.Equal("receipt-alice", await ChargeAsync("alice"));
        Assert.Equal(1, runs);
        DurableRecord record = (await store.GetAsync(policy.GetStoreKey(K("alice"))))!;
        Assert.Equal("\"receipt-alice\"", Encoding.UTF8.GetString(record.Payload.Span));
    }

    [Fact]
    public async Task An_idempotent_call_whose_holder_crashed_takes_over_after_the_lease()
    {
        IDurableStore store = NewStore();
        Clock.AutoAdvance = true;
        var policy = new IdempotencyPolicy("Contract.Scale", new IdempotencyOptions { LeaseSeconds = 60 });
        IdempotencyClaim<int> crashed = await policy.BeginAsync<int>(store, K("deploy"), "fp");
        Assert.False(crashed.IsReplay);
        DateTimeOffset crashedAt = Clock.GetUtcNow();

        IdempotencyClaim<int> survivor = await policy.BeginAsync<int>(store, K("deploy"), "fp");

        Assert.False(survivor.IsReplay);
        Assert.Equal(2, survivor.Claim.Epoch);
        Assert.True(Clock.GetUtcNow() - crashedAt >= TimeSpan.FromSeconds(60));
        await survivor.CompleteAsync(3);
        await Assert.ThrowsAsync<ClaimLostException>(async () => await crashed.CompleteAsync(99));
        Assert.Equal(3, (await policy.BeginAsync<int>(store, K("deploy"), "fp")).Result);
    }
}
