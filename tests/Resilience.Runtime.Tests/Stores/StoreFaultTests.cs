using System.Text;
using Resilience.Testing;

namespace Resilience.Runtime.Tests.Stores;

public sealed class StoreFaultTests : IDisposable
{
    private readonly FakeClock _clock = new(DateTimeOffset.UtcNow) { AutoAdvance = true };
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "resilience-faults-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(_directory))
        {
            Directory.Delete(_directory, recursive: true);
        }
    }

    private string TempDirectory => Path.Combine(_directory, ".tmp");

    [Fact]
    public async Task A_failed_write_removes_its_temporary_file_and_other_keys_work_once_the_disk_frees()
    {
        var store = new FileDurableStore(_directory, _clock);
        ClaimResult big = await store.TryClaimAsync("big", "fp", DurableClaim.NewOwner(), TimeSpan.FromMinutes(5));
        bool diskFull = true;
        store.WriteHook = (stream, bytes) =>
        {
            if (diskFull)
            {
                stream.Write(bytes, 0, bytes.Length / 2);
                stream.Flush();
                throw new IOException("No space left on device");
            }

            stream.Write(bytes, 0, bytes.Length);
        };

        var ex = await Assert.ThrowsAsync<DurableStoreException>(() => store.CompleteAsync(big.Claim, new byte[2_000_000], TimeSpan.FromHours(1)).AsTask());
        Assert.Contains("No space left", ex.Message);
        Assert.Empty(Directory.GetFiles(TempDirectory));

        for (int i = 0; i < 5; i++)
        {
            await Assert.ThrowsAsync<DurableStoreException>(() => store.TryClaimAsync("k" + i, "fp", DurableClaim.NewOwner(), TimeSpan.FromMinutes(5)).AsTask());
        }

        Assert.Empty(Directory.GetFiles(TempDirectory));

        diskFull = false;
        ClaimResult other = await store.TryClaimAsync("other", "fp", DurableClaim.NewOwner(), TimeSpan.FromMinutes(5));
        Assert.Equal(ClaimStatus.Claimed, other.Status);
        await store.CompleteAsync(other.Claim, Encoding.UTF8.GetBytes("1"), TimeSpan.FromHours(1));
        Assert.Equal(DurableRecordState.Completed, (await store.GetAsync("other"))!.State);
        Assert.Empty(Directory.GetFiles(TempDirectory));
    }

    [Fact]
    public async Task Start_up_removes_stale_temporary_files_but_never_one_being_written_under_the_key_lock()
    {
        // A writer in progress: the key's stripe lock (here held in-process through a blocked write) keeps its temp file.
        var writer = new FileDurableStore(_directory, _clock);
        ClaimResult claim = await writer.TryClaimAsync("busy", "fp", DurableClaim.NewOwner(), TimeSpan.FromMinutes(5));
        string stale = Path.Combine(TempDirectory, new string('a', 64) + ".tmp");
        string foreign = Path.Combine(TempDirectory, "not-ours.tmp");
        await File.WriteAllBytesAsync(stale, new byte[1000]);
        await File.WriteAllBytesAsync(foreign, Array.Empty<byte>());
        using var writing = new ManualResetEventSlim();
        using var release = new ManualResetEventSlim();
        writer.WriteHook = (stream, bytes) =>
        {
            stream.Write(bytes, 0, bytes.Length);
            writing.Set();
            release.Wait(TimeSpan.FromSeconds(30));
        };
        Task completing = Task.Run(() => writer.CompleteAsync(claim.Claim, Encoding.UTF8.GetBytes("1"), TimeSpan.FromHours(1)).AsTask());
        Assert.True(writing.Wait(TimeSpan.FromSeconds(30)));
        string busyTemp = Assert.Single(Directory.GetFiles(TempDirectory), f => f != stale && f != foreign);

        var restarted = new FileDurableStore(_directory, _clock);
        Task<int> cleaning = restarted.RemoveStaleTemporaryFilesAsync(CancellationToken.None).AsTask();
        await Task.WhenAny(cleaning, Task.Delay(TimeSpan.FromMilliseconds(200)));
        Assert.True(File.Exists(busyTemp) || completing.IsCompleted);

        release.Set();
        await completing;
        int removed = await cleaning;

        Assert.False(File.Exists(stale));
        Assert.True(File.Exists(foreign));
        Assert.InRange(removed, 1, 2);
        Assert.Equal(DurableRecordState.Completed, (await restarted.GetAsync("busy"))!.State);
    }

    [Fact]
    public async Task A_completion_that_fails_during_a_short_outage_is_retried_until_it_lands_and_the_action_runs_once()
    {
        var store = new FlakyStore(new InMemoryDurableStore(_clock)) { CompleteFailures = 4 };
        var policy = new IdempotencyPolicy("Tests.Faults.Complete", new IdempotencyOptions { LeaseSeconds = 60 });
        int runs = 0;

        async Task<int> CallAsync()
        {
            IdempotencyClaim<int> claim = await policy.BeginAsync<int>(store, "k", "fp");
            if (claim.IsReplay)
            {
                return claim.Result;
            }

            runs++;
            await claim.CompleteAsync(42);
            return 42;
        }

        Assert.Equal(42, await CallAsync());
        Assert.Equal(42, await CallAsync());
        Assert.Equal(1, runs);
        Assert.Equal(5, store.CompleteAttempts);
    }

    [Fact]
    public async Task A_completion_whose_answer_was_lost_is_recognised_as_done()
    {
        var store = new FlakyStore(new InMemoryDurableStore(_clock)) { LoseCompleteAnswers = 1 };
        var policy = new IdempotencyPolicy("Tests.Faults.Lost", IdempotencyOptions.Default);
        IdempotencyClaim<int> claim = await policy.BeginAsync<int>(store, "k", "fp");
        await claim.CompleteAsync(7);

        IdempotencyClaim<int> replay = await policy.BeginAsync<int>(store, "k", "fp");
        Assert.True(replay.IsReplay);
        Assert.Equal(7, replay.Result);
    }

    [Fact]
    public async Task A_store_that_stays_down_past_the_lease_fails_the_completion_with_a_store_exception()
    {
        var store = new FlakyStore(new InMemoryDurableStore(_clock)) { CompleteFailures = int.MaxValue };
        var policy = new IdempotencyPolicy("Tests.Faults.Down", new IdempotencyOptions { LeaseSeconds = 10 });
        IdempotencyClaim<int> claim = await policy.BeginAsync<int>(store, "k", "fp");
        DateTimeOffset started = _clock.GetUtcNow();

        await Assert.ThrowsAsync<DurableStoreException>(() => claim.CompleteAsync(1).AsTask());
        Assert.InRange(_clock.GetUtcNow() - started, TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(11));
    }

    [Fact]
    public async Task A_release_that_fails_is_retried_in_the_background_without_delaying_the_caller()
    {
        var store = new FlakyStore(new InMemoryDurableStore(_clock)) { ReleaseFailures = 2 };
        var policy = new IdempotencyPolicy("Tests.Faults.Release", new IdempotencyOptions { LeaseSeconds = 60 });
        IdempotencyClaim<int> claim = await policy.BeginAsync<int>(store, "k", "fp");
        await claim.ReleaseAsync();

        for (int i = 0; i < 200 && store.ReleaseAttempts < 3; i++)
        {
            await Task.Yield();
            await Task.Delay(5);
        }

        Assert.Equal(3, store.ReleaseAttempts);
        Assert.Null(await store.GetAsync(policy.GetStoreKey("k")));
    }

    private sealed class FlakyStore : IDurableStore
    {
        private readonly IDurableStore _inner;

        public FlakyStore(IDurableStore inner) => _inner = inner;

        public int CompleteFailures { get; set; }

        public int LoseCompleteAnswers { get; set; }

        public int ReleaseFailures { get; set; }

        public int CompleteAttempts;

        public int ReleaseAttempts;

        public string Name => "flaky";

        public TimeProvider TimeProvider => _inner.TimeProvider;

        public ValueTask<ClaimResult> TryClaimAsync(string key, string fingerprint, string owner, TimeSpan lease, CancellationToken cancellationToken = default) =>
            _inner.TryClaimAsync(key, fingerprint, owner, lease, cancellationToken);

        public async ValueTask<DurableRecord> CompleteAsync(DurableClaim claim, ReadOnlyMemory<byte> payload, TimeSpan timeToLive, CancellationToken cancellationToken = default)
        {
            if (Interlocked.Increment(ref CompleteAttempts) <= CompleteFailures)
            {
                throw new DurableStoreException(Name, claim.Key, "connection refused");
            }

            DurableRecord record = await _inner.CompleteAsync(claim, payload, timeToLive, cancellationToken);
            if (LoseCompleteAnswers-- > 0)
            {
                throw new IOException("connection reset after the write");
            }

            return record;
        }

        public ValueTask<bool> ReleaseAsync(DurableClaim claim, CancellationToken cancellationToken = default)
        {
            if (Interlocked.Increment(ref ReleaseAttempts) <= ReleaseFailures)
            {
                throw new DurableStoreException(Name, claim.Key, "connection refused");
            }

            return _inner.ReleaseAsync(claim, cancellationToken);
        }

        public ValueTask<bool> ExtendLeaseAsync(DurableClaim claim, TimeSpan lease, CancellationToken cancellationToken = default) => _inner.ExtendLeaseAsync(claim, lease, cancellationToken);

        public ValueTask<DurableRecord?> GetAsync(string key, CancellationToken cancellationToken = default) => _inner.GetAsync(key, cancellationToken);

        public ValueTask<bool> DeleteAsync(string key, CancellationToken cancellationToken = default) => _inner.DeleteAsync(key, cancellationToken);

        public ValueTask<IReadOnlyList<DurableRecord>> ListAsync(string keyPrefix, CancellationToken cancellationToken = default) => _inner.ListAsync(keyPrefix, cancellationToken);

        public ValueTask<int> PurgeExpiredAsync(CancellationToken cancellationToken = default) => _inner.PurgeExpiredAsync(cancellationToken);
    }
}
