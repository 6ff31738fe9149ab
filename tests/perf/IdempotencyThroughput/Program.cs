// [Idempotent] throughput on PostgreSQL with 16 concurrent callers, next to the same SQL shape run raw through Npgsql,
// measured in the same run:
//   claim + complete: IdempotencyPolicy.BeginAsync + CompleteAsync on fresh keys   vs   raw INSERT … ON CONFLICT DO NOTHING + UPDATE
//   replay:           IdempotencyPolicy.BeginAsync on completed keys               vs   raw SELECT of the row by key
// plus the in-memory store's replay for scale. Usage: dotnet run -c Release -- "<connection string>" [operations]
using System.Diagnostics;
using System.Globalization;
using Npgsql;
using Resilience;

if (args.Length < 1)
{
    Console.Error.WriteLine("usage: IdempotencyThroughput \"<postgres connection string>\" [operations]");
    return 64;
}

const int Callers = 16;
int ops = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 4000;
await using NpgsqlDataSource dataSource = NpgsqlDataSource.Create(args[0]);
string schema = "idem_bench_" + Environment.ProcessId.ToString(CultureInfo.InvariantCulture);
var store = new PostgresDurableStore(dataSource, schema);
await store.MigrateAsync();
var policy = new IdempotencyPolicy("Bench.Agent.Charge", IdempotencyOptions.Default);
Console.WriteLine($"{ops} operations, {Callers} concurrent callers, {Environment.ProcessorCount} cores");

await using (NpgsqlCommand create = dataSource.CreateCommand(
    $"CREATE TABLE {schema}.raw (key text PRIMARY KEY, owner text, epoch int, payload bytea, completed boolean NOT NULL DEFAULT false)"))
{
    await create.ExecuteNonQueryAsync();
}

await Warmup();
Report("raw INSERT ON CONFLICT + UPDATE", await Parallel(ops, RawClaimComplete));
Report("[Idempotent] claim + complete", await Parallel(ops, StoreClaimComplete));
Report("raw SELECT by key", await Parallel(ops, RawSelect));
Report("[Idempotent] replay (PostgreSQL)", await Parallel(ops, StoreReplay));
var memory = new InMemoryDurableStore();
for (int i = 0; i < Callers; i++) await (await policy.BeginAsync<int>(memory, "m" + i, "f")).CompleteAsync(i);
Report("[Idempotent] replay (in-memory)", await Parallel(ops * 10, i => Replay(memory, "m" + (i % Callers))));
return 0;

async Task Warmup()
{
    for (int i = 0; i < 50; i++)
    {
        await RawClaimComplete(-1 - i);
        await StoreClaimComplete(-1 - i);
    }
}

async Task RawClaimComplete(int i)
{
    string key = "raw:" + i.ToString(CultureInfo.InvariantCulture);
    await using (NpgsqlCommand claim = dataSource.CreateCommand($"INSERT INTO {schema}.raw (key, owner, epoch) VALUES ($1, 'o', 1) ON CONFLICT DO NOTHING"))
    {
        claim.Parameters.Add(new NpgsqlParameter { Value = key });
        await claim.ExecuteNonQueryAsync();
    }

    await using NpgsqlCommand complete = dataSource.CreateCommand($"UPDATE {schema}.raw SET payload = $2, completed = true WHERE key = $1 AND owner = 'o' AND epoch = 1");
    complete.Parameters.Add(new NpgsqlParameter { Value = key });
    complete.Parameters.Add(new NpgsqlParameter { Value = new byte[] { 52, 50 } });
    await complete.ExecuteNonQueryAsync();
}

async Task StoreClaimComplete(int i)
{
    IdempotencyClaim<int> claim = await policy.BeginAsync<int>(store, "k" + i.ToString(CultureInfo.InvariantCulture), "f");
    await claim.CompleteAsync(42);
}

async Task RawSelect(int i)
{
    await using NpgsqlCommand select = dataSource.CreateCommand($"SELECT payload FROM {schema}.raw WHERE key = $1");
    select.Parameters.Add(new NpgsqlParameter { Value = "raw:" + (i % ops).ToString(CultureInfo.InvariantCulture) });
    await select.ExecuteScalarAsync();
}

Task StoreReplay(int i) => Replay(store, "k" + (i % ops).ToString(CultureInfo.InvariantCulture));

async Task Replay(IDurableStore target, string key)
{
    IdempotencyClaim<int> replay = await policy.BeginAsync<int>(target, key, "f");
    if (!replay.IsReplay) throw new InvalidOperationException($"{key} was not replayed");
}

async Task<(int Ops, TimeSpan Elapsed)> Parallel(int count, Func<int, Task> operation)
{
    int next = -1;
    var watch = Stopwatch.StartNew();
    await Task.WhenAll(Enumerable.Range(0, Callers).Select(async _ =>
    {
        for (int i = Interlocked.Increment(ref next); i < count; i = Interlocked.Increment(ref next))
        {
            await operation(i);
        }
    }));
    return (count, watch.Elapsed);
}

static void Report(string name, (int Ops, TimeSpan Elapsed) result) =>
    Console.WriteLine($"{name,-36} {result.Ops / result.Elapsed.TotalSeconds,10:N0} ops/s   ({result.Ops} in {result.Elapsed.TotalMilliseconds:N0} ms)");
