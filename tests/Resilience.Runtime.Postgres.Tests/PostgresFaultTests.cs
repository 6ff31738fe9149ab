using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Npgsql;
using Resilience.Runtime.Tests.Checkpoints;
using Resilience.Runtime.Tests.Idempotency;

namespace Resilience.Runtime.Postgres.Tests;

[Collection(PostgresCollection.Name)]
public sealed class PostgresDataContractTests : DataContractTests, IDisposable
{
    private readonly NpgsqlDataSource _dataSource;
    private readonly PostgresDurableStore _store;

    public PostgresDataContractTests(PostgresServerFixture server)
    {
        _dataSource = server.CreateDataSource();
        _store = new PostgresDurableStore(_dataSource, "dc_" + Guid.NewGuid().ToString("N").Substring(0, 12), Clock);
    }

    protected override IDurableStore Store => _store;

    public void Dispose() => _dataSource.Dispose();
}

[Collection(PostgresCollection.Name)]
public sealed class PostgresCheckpointDataContractTests : CheckpointDataContractTests, IDisposable
{
    private readonly NpgsqlDataSource _dataSource;
    private readonly PostgresDurableStore _store;

    public PostgresCheckpointDataContractTests(PostgresServerFixture server)
    {
        _dataSource = server.CreateDataSource();
        _store = new PostgresDurableStore(_dataSource, "cdc_" + Guid.NewGuid().ToString("N").Substring(0, 12), Clock);
    }

    protected override IDurableStore Store => _store;

    public void Dispose() => _dataSource.Dispose();
}

[Collection(PostgresCollection.Name)]
public sealed class PostgresFaultTests : IDisposable
{
    private readonly PostgresServerFixture _server;
    private readonly NpgsqlDataSource _dataSource;
    private readonly string _schema = "f_" + Guid.NewGuid().ToString("N").Substring(0, 12);

    public PostgresFaultTests(PostgresServerFixture server)
    {
        _server = server;
        _dataSource = server.CreateDataSource();
    }

    public void Dispose() => _dataSource.Dispose();

    private async Task ExecuteAsync(string sql)
    {
        await using NpgsqlCommand command = _dataSource.CreateCommand(sql);
        await command.ExecuteNonQueryAsync();
    }

    [Fact]
    public async Task Keys_of_any_length_with_U0000_and_lone_surrogates_are_stored_and_told_apart()
    {
        var store = new PostgresDurableStore(_dataSource, _schema);
        string[] keys = { new string('k', 100_000), "a\0b", "a\uD800", "a\uDBFF", "a\uFFFD", "a\0" };
        foreach (string key in keys)
        {
            ClaimResult claim = await store.TryClaimAsync(key, "fp", DurableClaim.NewOwner(), TimeSpan.FromMinutes(1));
            Assert.Equal(ClaimStatus.Claimed, claim.Status);
            await store.CompleteAsync(claim.Claim, new byte[] { (byte)key.Length }, TimeSpan.FromHours(1));
        }

        foreach (string key in keys)
        {
            DurableRecord record = (await store.GetAsync(key))!;
            Assert.Equal(key, record.Key);
            Assert.Equal((byte)key.Length, record.Payload.Span[0]);
        }

        IReadOnlyList<DurableRecord> listed = await store.ListAsync("a");
        Assert.Equal(keys.Where(k => k.StartsWith('a')).OrderBy(k => k, StringComparer.Ordinal), listed.Select(r => r.Key));
        Assert.Equal(new[] { "a\uD800" }, (await store.ListAsync("a\uD800")).Select(r => r.Key));

        var ex = await Assert.ThrowsAsync<ClaimLostException>(async () =>
            await store.CompleteAsync(new DurableClaim(keys[0], "fp", "nobody", 1, DateTimeOffset.UtcNow, DateTimeOffset.UtcNow), ReadOnlyMemory<byte>.Empty, TimeSpan.FromHours(1)));
        Assert.True(ex.Message.Length < 1_000, "the message echoes the 100 KB key");
    }

    [Fact]
    public async Task MigrateAsync_upgrades_a_table_of_the_text_key_layout_in_place()
    {
        string schema = _schema + "_old";
        await ExecuteAsync($"""
            CREATE SCHEMA "{schema}";
            CREATE TABLE "{schema}".durable_records (
                key text PRIMARY KEY, fingerprint text NOT NULL, state smallint NOT NULL, owner text NOT NULL, epoch bigint NOT NULL,
                created_at timestamptz NOT NULL, lease_until timestamptz NULL, expires_at timestamptz NULL, payload bytea NOT NULL, checksum text NOT NULL);
            """);
        var clock = TimeProvider.System;
        DateTimeOffset now = DurableRecord.Normalize(clock.GetUtcNow());
        var old = new DurableRecord("idempotency:p:ключ", "fp", DurableRecordState.Completed, "o", 1, now, null, now.AddHours(1), new byte[] { 42 });
        await using (NpgsqlCommand insert = _dataSource.CreateCommand(
            $"INSERT INTO \"{schema}\".durable_records VALUES (@k, 'fp', 1, 'o', 1, @c, NULL, @e, @p, @s)"))
        {
            insert.Parameters.AddWithValue("k", old.Key);
            insert.Parameters.AddWithValue("c", NpgsqlTypes.NpgsqlDbType.TimestampTz, now.UtcDateTime);
            insert.Parameters.AddWithValue("e", NpgsqlTypes.NpgsqlDbType.TimestampTz, now.AddHours(1).UtcDateTime);
            insert.Parameters.AddWithValue("p", new byte[] { 42 });
            insert.Parameters.AddWithValue("s", old.Checksum);
            await insert.ExecuteNonQueryAsync();
        }

        var store = new PostgresDurableStore(_dataSource, schema);
        await store.MigrateAsync();
        await store.MigrateAsync();

        ClaimResult result = await store.TryClaimAsync(old.Key, "fp", DurableClaim.NewOwner(), TimeSpan.FromMinutes(1));
        Assert.Equal(ClaimStatus.Completed, result.Status);
        Assert.Equal(42, result.Record!.Payload.Span[0]);
        ClaimResult fresh = await store.TryClaimAsync("a\0new", "fp", DurableClaim.NewOwner(), TimeSpan.FromMinutes(1));
        Assert.Equal(ClaimStatus.Claimed, fresh.Status);
    }

    [Fact]
    public void Pool_and_timeouts_have_safe_defaults_and_the_options_win_over_the_connection_string()
    {
        var defaults = new NpgsqlConnectionStringBuilder(new PostgresStoreOptions { ConnectionString = "Host=db" }.BuildConnectionString());
        Assert.Equal((20, 15, 30), (defaults.MaxPoolSize, defaults.Timeout, defaults.CommandTimeout));

        var fromString = new NpgsqlConnectionStringBuilder(new PostgresStoreOptions { ConnectionString = "Host=db;Maximum Pool Size=7;Command Timeout=3" }.BuildConnectionString());
        Assert.Equal((7, 15, 3), (fromString.MaxPoolSize, fromString.Timeout, fromString.CommandTimeout));

        var set = new NpgsqlConnectionStringBuilder(new PostgresStoreOptions
        {
            ConnectionString = "Host=db;Maximum Pool Size=7",
            MaxPoolSize = 4,
            ConnectTimeoutSeconds = 2,
            CommandTimeoutSeconds = 9,
        }.BuildConnectionString());
        Assert.Equal((4, 2, 9), (set.MaxPoolSize, set.Timeout, set.CommandTimeout));
        Assert.Throws<ArgumentOutOfRangeException>(() => new PostgresStoreOptions { ConnectionString = "Host=db", MaxPoolSize = 0 }.BuildConnectionString());
    }

    [Fact]
    public async Task A_callers_token_cancels_a_call_stuck_on_a_stalled_server()
    {
        // A "server" that accepts connections and never answers: every call would wait for Npgsql's own timeouts.
        using var stalled = new TcpListener(IPAddress.Loopback, 0);
        stalled.Start();
        var accepted = new List<Socket>();
        _ = Task.Run(async () =>
        {
            while (true)
            {
                Socket socket;
                try
                {
                    socket = await stalled.AcceptSocketAsync();
                }
                catch (Exception)
                {
                    return;
                }

                lock (accepted)
                {
                    accepted.Add(socket);
                }
            }
        });
        int port = ((IPEndPoint)stalled.LocalEndpoint).Port;
        await using var store = new PostgresDurableStore(new PostgresStoreOptions
        {
            ConnectionString = $"Host=127.0.0.1;Port={port};Username=postgres",
            ConnectTimeoutSeconds = 60,
            CommandTimeoutSeconds = 60,
        });
        var policy = new IdempotencyPolicy("Tests.Stalled", IdempotencyOptions.Default);
        using var cts = new CancellationTokenSource(TimeSpan.FromMilliseconds(500));

        var watch = Stopwatch.StartNew();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () => await policy.BeginAsync<int>(store, "k", "fp", cts.Token));
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(5), watch.Elapsed.ToString());
        stalled.Stop();
        lock (accepted)
        {
            accepted.ForEach(s => s.Dispose());
        }
    }

    [Fact]
    public async Task Crashes_and_restarts_shorter_than_the_lease_never_run_a_key_twice()
    {
        Assert.True(_server.OwnsServer, "this test crashes the server: it needs the private one");
        const int Keys = 40;
        const int Callers = 4;
        var store = new PostgresDurableStore(new PostgresStoreOptions { ConnectionString = _server.ConnectionString, Schema = _schema, ConnectTimeoutSeconds = 2, CommandTimeoutSeconds = 5 });
        await store.MigrateAsync();
        var policy = new IdempotencyPolicy("Tests.Crash", new IdempotencyOptions { LeaseSeconds = 30 });
        var executions = new ConcurrentDictionary<int, int>();
        int storeErrors = 0;

        async Task<int> CallAsync(int key)
        {
            while (true)
            {
                IdempotencyClaim<int> claim;
                try
                {
                    claim = await policy.BeginAsync<int>(store, "key-" + key, "fp");
                }
                catch (DurableStoreException)
                {
                    // The store is down: the action did not run; the caller tries again later.
                    Interlocked.Increment(ref storeErrors);
                    await Task.Delay(50);
                    continue;
                }
                catch (IdempotencyConflictException)
                {
                    continue;
                }

                if (claim.IsReplay)
                {
                    return claim.Result;
                }

                executions.AddOrUpdate(key, 1, static (_, n) => n + 1);
                await Task.Yield();
                await claim.CompleteAsync(key * 10);
                return key * 10;
            }
        }

        Task chaos = Task.Run(async () =>
        {
            for (int i = 0; i < 3; i++)
            {
                await Task.Delay(300);
                _server.Crash();
                await Task.Delay(1_000); // the outage: far shorter than the 30 s lease
                _server.Restart();
            }
        });

        // Every caller walks the same keys at once (so most calls are duplicates racing each other) until the server has
        // been crashed and restarted three times.
        var watch = Stopwatch.StartNew();
        Task<int>[] callers = Enumerable.Range(0, Callers).Select(c => Task.Run(async () =>
        {
            int key = 0;
            while (!chaos.IsCompleted || key < Keys)
            {
                Assert.Equal(key * 10, await CallAsync(key));
                key++;
            }

            return key;
        })).ToArray();

        int[] reached = await Task.WhenAll(callers);
        await chaos;

        // Every key any caller reached ran exactly once, and replays without running.
        int keys = reached.Max();
        for (int key = 0; key < keys; key++)
        {
            Assert.Equal(key * 10, await CallAsync(key));
        }

        Assert.Equal(keys, executions.Count);
        Assert.All(executions, pair => Assert.Equal(1, pair.Value));
        Assert.True(storeErrors > 0, "no call met an outage");
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(60), watch.Elapsed.ToString());
    }
}
