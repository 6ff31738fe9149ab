using System.Text;

namespace Resilience.Runtime.Tests.Stores;

public sealed class FileDurableStoreTests : DurableStoreContractTests, IDisposable
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "resilience-file-store-" + Guid.NewGuid().ToString("N"));

    protected override IDurableStore CreateStore(TimeProvider clock) => new FileDurableStore(_directory, clock);

    public void Dispose()
    {
        if (Directory.Exists(_directory))
        {
            Directory.Delete(_directory, recursive: true);
        }
    }

    private async Task<(FileDurableStore Store, string Path)> CompletedRecordAsync(string key, string payload = "{\"amount\":125,\"currency\":\"EUR\"}")
    {
        var store = new FileDurableStore(_directory, Clock);
        ClaimResult claim = await store.TryClaimAsync(key, "fp", DurableClaim.NewOwner(), TimeSpan.FromMinutes(1));
        await store.CompleteAsync(claim.Claim, Encoding.UTF8.GetBytes(payload), TimeSpan.FromHours(1));
        return (store, store.GetRecordPath(key));
    }

    [Fact]
    public async Task A_record_is_one_file_named_by_the_key_hash_with_no_temporary_files_left()
    {
        (FileDurableStore store, string path) = await CompletedRecordAsync(K("a/b:c"));

        Assert.True(File.Exists(path));
        Assert.Equal(_directory, Path.GetDirectoryName(path));
        Assert.Matches("^[0-9a-f]{64}\\.rec$", Path.GetFileName(path));
        Assert.Empty(Directory.GetFiles(Path.Combine(_directory, ".tmp")));
        Assert.Single(Directory.GetFiles(_directory, "*.rec"));
        Assert.StartsWith("file:", store.Name);
    }

    [Fact]
    public async Task Flipping_any_byte_of_a_record_file_raises_an_exception_naming_the_file()
    {
        string key = K("charge");
        (FileDurableStore store, string path) = await CompletedRecordAsync(key);
        byte[] original = File.ReadAllBytes(path);

        for (int i = 0; i < original.Length; i++)
        {
            byte[] corrupt = (byte[])original.Clone();
            corrupt[i] ^= 0x01;
            File.WriteAllBytes(path, corrupt);

            DurableRecordCorruptedException? get = null;
            try { await store.GetAsync(key); } catch (DurableRecordCorruptedException e) { get = e; }
            Assert.True(get is not null, $"byte {i} ({(char)original[i]}) of {Encoding.UTF8.GetString(original)}");
            Assert.Equal(path, get.Location);
            Assert.Contains(path, get.Message);
            Assert.Equal(key, get.Key);
            Assert.Equal(store.Name, get.StoreName);
        }

        // The corrupt record is neither used by a claim nor overwritten or deleted.
        var claim = await Assert.ThrowsAsync<DurableRecordCorruptedException>(async () => await store.TryClaimAsync(key, "fp", DurableClaim.NewOwner(), TimeSpan.FromMinutes(1)));
        Assert.Equal(path, claim.Location);
        await Assert.ThrowsAsync<DurableRecordCorruptedException>(async () => await store.ListAsync(K("")));
        Clock.Advance(TimeSpan.FromDays(2));
        await Assert.ThrowsAsync<DurableRecordCorruptedException>(async () => await store.PurgeExpiredAsync());
        Assert.True(File.Exists(path));
    }

    [Fact]
    public async Task A_truncated_or_empty_record_file_raises_an_exception_naming_the_file()
    {
        string key = K("truncated");
        (FileDurableStore store, string path) = await CompletedRecordAsync(key);
        byte[] original = File.ReadAllBytes(path);

        foreach (int length in new[] { original.Length - 1, original.Length / 2, 1, 0 })
        {
            File.WriteAllBytes(path, original.AsSpan(0, length).ToArray());
            var ex = await Assert.ThrowsAsync<DurableRecordCorruptedException>(async () => await store.GetAsync(key));
            Assert.Equal(path, ex.Location);
        }
    }

    [Fact]
    public async Task A_record_file_copied_under_another_key_is_detected()
    {
        (FileDurableStore store, string path) = await CompletedRecordAsync(K("one"));
        File.Copy(path, store.GetRecordPath(K("two")));

        var ex = await Assert.ThrowsAsync<DurableRecordCorruptedException>(async () => await store.GetAsync(K("two")));
        Assert.Contains(K("one"), ex.Reason);
    }

    [Fact]
    public async Task An_idempotent_call_on_a_corrupt_record_fails_without_running()
    {
        var store = new FileDurableStore(_directory, Clock);
        var policy = new IdempotencyPolicy("FileTests.Charge", IdempotencyOptions.Default);
        IdempotencyClaim<int> claim = await policy.BeginAsync<int>(store, "k", "fp");
        await claim.CompleteAsync(125);
        string path = store.GetRecordPath(policy.GetStoreKey("k"));
        byte[] bytes = File.ReadAllBytes(path);
        bytes[bytes.Length / 2] ^= 0x04;
        File.WriteAllBytes(path, bytes);

        var ex = await Assert.ThrowsAsync<DurableRecordCorruptedException>(async () => await policy.BeginAsync<int>(store, "k", "fp"));
        Assert.Equal(path, ex.Location);
    }

    [Fact]
    public async Task An_unusable_directory_surfaces_as_a_store_exception_naming_store_and_key()
    {
        string file = Path.Combine(Path.GetTempPath(), "resilience-not-a-dir-" + Guid.NewGuid().ToString("N"));
        File.WriteAllText(file, "x");
        try
        {
            var store = new FileDurableStore(Path.Combine(file, "sub"), Clock);
            var ex = await Assert.ThrowsAsync<DurableStoreException>(async () => await store.TryClaimAsync("the-key", "fp", DurableClaim.NewOwner(), TimeSpan.FromMinutes(1)));
            Assert.Equal("the-key", ex.Key);
            Assert.Equal(store.Name, ex.StoreName);
            Assert.Contains("the-key", ex.Message);
            Assert.Contains(store.Name, ex.Message);
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Fact]
    public async Task Two_store_instances_on_one_directory_share_records_and_claims()
    {
        var a = new FileDurableStore(_directory, Clock);
        var b = new FileDurableStore(_directory, Clock);
        ClaimResult claim = await a.TryClaimAsync(K("shared"), "fp", DurableClaim.NewOwner(), TimeSpan.FromMinutes(1));

        Assert.Equal(ClaimStatus.HeldByOther, (await b.TryClaimAsync(K("shared"), "fp", DurableClaim.NewOwner(), TimeSpan.FromMinutes(1))).Status);
        await a.CompleteAsync(claim.Claim, new byte[] { 1, 2, 3 }, TimeSpan.FromHours(1));
        Assert.Equal(new byte[] { 1, 2, 3 }, (await b.GetAsync(K("shared")))!.Payload.ToArray());
    }
}
