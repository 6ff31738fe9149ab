using Npgsql;
using Resilience.Runtime.Tests.Stores;

namespace Resilience.Runtime.Postgres.Tests;

[Collection(PostgresCollection.Name)]
public sealed class PostgresDurableStoreTests : DurableStoreContractTests, IDisposable
{
    private readonly PostgresServerFixture _server;
    private readonly NpgsqlDataSource _dataSource;
    private readonly string _schema = "t_" + Guid.NewGuid().ToString("N").Substring(0, 12);

    public PostgresDurableStoreTests(PostgresServerFixture server)
    {
        _server = server;
        _dataSource = server.CreateDataSource();
    }

    public void Dispose() => _dataSource.Dispose();

    protected override IDurableStore CreateStore(TimeProvider clock) => new PostgresDurableStore(_dataSource, _schema, clock);

    private async Task<int> ExecuteAsync(string sql)
    {
        await using NpgsqlCommand command = _dataSource.CreateCommand(sql);
        return await command.ExecuteNonQueryAsync();
    }

    [Fact]
    public async Task MigrateAsync_creates_the_table_and_can_run_concurrently_and_repeatedly()
    {
        var store = new PostgresDurableStore(_dataSource, _schema, Clock);
        await Task.WhenAll(Enumerable.Range(0, 6).Select(_ => Task.Run(() => store.MigrateAsync())));
        await store.MigrateAsync();

        await using NpgsqlCommand command = _dataSource.CreateCommand(
            $"SELECT string_agg(column_name, ',' ORDER BY ordinal_position) FROM information_schema.columns WHERE table_schema = '{_schema}' AND table_name = 'durable_records'");
        Assert.Equal("key_hash,key,key_exact,fingerprint,state,owner,epoch,created_at,lease_until,expires_at,payload,checksum", (string?)await command.ExecuteScalarAsync());
    }

    [Fact]
    public async Task A_changed_payload_raises_an_exception_naming_the_row_and_is_never_used()
    {
        var store = new PostgresDurableStore(_dataSource, _schema, Clock);
        ClaimResult claim = await store.TryClaimAsync(K("charge"), "fp", DurableClaim.NewOwner(), TimeSpan.FromMinutes(1));
        await store.CompleteAsync(claim.Claim, "{\"amount\":125}"u8.ToArray(), TimeSpan.FromHours(1));
        Assert.Equal(1, await ExecuteAsync($"UPDATE {store.TableName} SET payload = '\\x7b22616d6f756e74223a3132367d'::bytea WHERE key = '{K("charge")}'"));

        var get = await Assert.ThrowsAsync<DurableRecordCorruptedException>(async () => await store.GetAsync(K("charge")));
        Assert.Contains(K("charge"), get.Location);
        Assert.Contains(store.TableName, get.Location);
        Assert.Equal(K("charge"), get.Key);
        await Assert.ThrowsAsync<DurableRecordCorruptedException>(async () => await store.TryClaimAsync(K("charge"), "fp", DurableClaim.NewOwner(), TimeSpan.FromMinutes(1)));
        await Assert.ThrowsAsync<DurableRecordCorruptedException>(async () => await store.ListAsync(K("")));
    }

    [Theory]
    [InlineData("fingerprint = 'other'")]
    [InlineData("epoch = 7")]
    [InlineData("owner = 'someone'")]
    [InlineData("expires_at = expires_at + interval '1 day'")]
    [InlineData("state = 0")]
    public async Task Any_changed_column_is_detected(string change)
    {
        var store = new PostgresDurableStore(_dataSource, _schema, Clock);
        ClaimResult claim = await store.TryClaimAsync(K("row"), "fp", DurableClaim.NewOwner(), TimeSpan.FromMinutes(1));
        await store.CompleteAsync(claim.Claim, new byte[] { 1 }, TimeSpan.FromHours(1));
        await ExecuteAsync($"UPDATE {store.TableName} SET {change} WHERE key = '{K("row")}'");

        await Assert.ThrowsAsync<DurableRecordCorruptedException>(async () => await store.GetAsync(K("row")));
    }

    [Fact]
    public async Task An_unreachable_server_surfaces_as_a_store_exception_and_the_action_does_not_run()
    {
        await using var store = new PostgresDurableStore(
            new PostgresStoreOptions { ConnectionString = "Host=127.0.0.1;Port=1;Username=postgres;Timeout=3", Schema = _schema });
        var policy = new IdempotencyPolicy("Tests.Unreachable", IdempotencyOptions.Default);

        var ex = await Assert.ThrowsAsync<DurableStoreException>(async () => await policy.BeginAsync<int>(store, "k1", "fp"));
        Assert.Equal(store.Name, ex.StoreName);
        Assert.Equal(policy.GetStoreKey("k1"), ex.Key);
        Assert.Contains("127.0.0.1:1", ex.Message);
        Assert.Contains(policy.GetStoreKey("k1"), ex.Message);
    }

    [Fact]
    public async Task AddPostgresResilienceStores_registers_the_store_and_makes_it_the_default()
    {
        IDurableStore previous = ResilienceStores.Default;
        try
        {
            var services = new Microsoft.Extensions.DependencyInjection.ServiceCollection();
            services.AddPostgresResilienceStores(_server.ConnectionString, o => o.Schema = _schema);
            var store = Assert.IsType<PostgresDurableStore>(ResilienceStores.Default);
            Assert.Contains(services, d => d.ServiceType == typeof(IDurableStore) && d.ImplementationInstance == store);
            await store.MigrateAsync();
            await store.DisposeAsync();
        }
        finally
        {
            ResilienceStores.Default = previous;
        }
    }
}
