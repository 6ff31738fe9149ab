using Resilience.Generator.Tests.TestClasses;

namespace Resilience.Generator.Tests;

public class IdempotentGeneratedCodeTests
{
    private readonly PaymentAgent _agent = new(new InMemoryDurableStore());

    [Fact]
    public async Task A_duplicate_call_returns_the_stored_result_without_running()
    {
        Charge first = await _agent.ChargeAsync("ada", 1, 10m, CancellationToken.None);
        Charge again = await _agent.ChargeAsync("ada", 1, 10m, CancellationToken.None);

        Assert.Equal(first, again);
        Assert.Single(_agent.Ledger);
    }

    [Fact]
    public async Task Different_keys_run_separately()
    {
        await _agent.ChargeAsync("ada", 1, 10m, CancellationToken.None);
        await _agent.ChargeAsync("ada", 2, 10m, CancellationToken.None);
        await _agent.ChargeAsync("bob", 1, 10m, CancellationToken.None);

        Assert.Equal(3, _agent.Ledger.Count);
    }

    [Fact]
    public async Task The_same_key_with_different_arguments_is_rejected()
    {
        await _agent.ChargeAsync("ada", 1, 10m, CancellationToken.None);

        var exception = await Assert.ThrowsAsync<IdempotencyKeyReusedException>(() => _agent.ChargeAsync("ada", 1, 99m, CancellationToken.None));

        Assert.Equal("charge:ada:1", exception.Key);
        Assert.Single(_agent.Ledger);
    }

    [Fact]
    public async Task Retries_run_inside_the_claim_and_a_failure_releases_it()
    {
        _agent.FailNextCharges = 1;
        Charge recovered = await _agent.ChargeAsync("ada", 1, 10m, CancellationToken.None);
        Assert.Equal(1, recovered.Sequence);

        _agent.FailNextCharges = 2;
        await Assert.ThrowsAsync<TransientException>(() => _agent.ChargeAsync("ada", 2, 10m, CancellationToken.None));
        Charge afterRelease = await _agent.ChargeAsync("ada", 2, 10m, CancellationToken.None);

        Assert.Equal(2, afterRelease.Sequence);
        Assert.Equal(2, _agent.Ledger.Count);
    }

    [Fact]
    public void The_default_key_is_a_stable_fingerprint_of_all_arguments()
    {
        int first = _agent.Refund("ada", 5m);
        int again = _agent.Refund("ada", 5m);
        int other = _agent.Refund("ada", 6m);

        Assert.Equal(first, again);
        Assert.NotEqual(first, other);
        Assert.Equal(2, _agent.Ledger.Count);
    }

    [Fact]
    public async Task A_failing_store_surfaces_as_an_exception_and_nothing_runs()
    {
        var agent = new PaymentAgent(new BrokenStore());

        var exception = await Assert.ThrowsAnyAsync<ResilienceException>(() => agent.ChargeAsync("ada", 1, 10m, CancellationToken.None));

        Assert.Contains("broken-store", exception.Message);
        Assert.Empty(agent.Ledger);
    }

    /// <summary>A store whose every operation fails, like a database that is down.</summary>
    private sealed class BrokenStore : IDurableStore
    {
        public string Name => "broken-store";

        public TimeProvider TimeProvider => TimeProvider.System;

        public ValueTask<ClaimResult> TryClaimAsync(string key, string fingerprint, string owner, TimeSpan lease, CancellationToken cancellationToken) =>
            throw new IOException("disk unavailable");

        public ValueTask<DurableRecord> CompleteAsync(DurableClaim claim, ReadOnlyMemory<byte> payload, TimeSpan timeToLive, CancellationToken cancellationToken) => throw new IOException("disk unavailable");

        public ValueTask<bool> ReleaseAsync(DurableClaim claim, CancellationToken cancellationToken) => throw new IOException("disk unavailable");

        public ValueTask<bool> ExtendLeaseAsync(DurableClaim claim, TimeSpan lease, CancellationToken cancellationToken) => throw new IOException("disk unavailable");

        public ValueTask<DurableRecord?> GetAsync(string key, CancellationToken cancellationToken) => throw new IOException("disk unavailable");

        public ValueTask<bool> DeleteAsync(string key, CancellationToken cancellationToken) => throw new IOException("disk unavailable");

        public ValueTask<IReadOnlyList<DurableRecord>> ListAsync(string keyPrefix, CancellationToken cancellationToken) => throw new IOException("disk unavailable");

        public ValueTask<int> PurgeExpiredAsync(CancellationToken cancellationToken) => throw new IOException("disk unavailable");
    }
}
