using Npgsql;
using Resilience.Runtime.Tests.Stores;

namespace Resilience.Runtime.Postgres.Tests;

/// <summary>Real OS processes sharing one PostgreSQL database.</summary>
[Collection(PostgresCollection.Name)]
public sealed class PostgresMultiProcessTests : IDisposable
{
    private readonly PostgresServerFixture _server;
    private readonly string _schema = "mp_" + Guid.NewGuid().ToString("N").Substring(0, 12);
    private readonly string _work = Path.Combine(Path.GetTempPath(), "resilience-pgmp-" + Guid.NewGuid().ToString("N").Substring(0, 12));

    public PostgresMultiProcessTests(PostgresServerFixture server)
    {
        _server = server;
        Directory.CreateDirectory(_work);
    }

    public void Dispose() => Directory.Delete(_work, recursive: true);

    [Fact]
    public async Task Four_processes_with_concurrent_duplicates_charge_each_key_exactly_once()
    {
        const int keys = 40;
        string[] ledger = await StoreWorkerRunner.RunChargesAsync("postgres", _server.ConnectionString, _schema, _work, "charge-", processes: 4, keys, duplicates: 10);

        string[] charged = ledger.Select(l => l.Split(' ')[0]).ToArray();
        Assert.Equal(keys, charged.Length);
        Assert.Equal(keys, charged.Distinct().Count());

        await using NpgsqlDataSource dataSource = _server.CreateDataSource();
        var store = new PostgresDurableStore(dataSource, _schema);
        var policy = new IdempotencyPolicy("StoreWorker.Charge", IdempotencyOptions.Default);
        IReadOnlyList<DurableRecord> stored = await store.ListAsync(policy.GetStoreKey("charge-"));
        Assert.Equal(keys, stored.Count);
        Assert.All(stored, r => Assert.Equal(DurableRecordState.Completed, r.State));
    }

    [Fact]
    public async Task A_killed_claim_holder_is_taken_over_by_another_process_after_the_lease()
    {
        var policy = new IdempotencyPolicy("StoreWorker.Charge", IdempotencyOptions.Default);
        using (StoreWorkerRunner.Worker holder = StoreWorkerRunner.Start("hold", "postgres", _server.ConnectionString, _schema, "crash-0", "2"))
        {
            Assert.Equal("held 1", await holder.ReadLineAsync(TimeSpan.FromSeconds(60)));
            holder.Kill();
        }

        await using NpgsqlDataSource dataSource = _server.CreateDataSource();
        var store = new PostgresDurableStore(dataSource, _schema);
        DurableRecord orphan = (await store.GetAsync(policy.GetStoreKey("crash-0")))!;
        Assert.Equal(DurableRecordState.Claimed, orphan.State);

        string[] ledger = await StoreWorkerRunner.RunChargesAsync("postgres", _server.ConnectionString, _schema, _work, "crash-", processes: 2, keys: 1, duplicates: 4);

        Assert.Equal(new[] { "crash-0" }, ledger.Select(l => l.Split(' ')[0]).ToArray());
        DurableRecord record = (await store.GetAsync(policy.GetStoreKey("crash-0")))!;
        Assert.Equal(DurableRecordState.Completed, record.State);
        Assert.Equal(2, record.Epoch);
        Assert.NotEqual(orphan.Owner, record.Owner);
    }
}
