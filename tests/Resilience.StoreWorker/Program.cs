// Multi-process worker for the store tests.
//   run  <file|postgres> <directory|connection string> <schema> <ledger directory> <key prefix> <keys> <duplicates> <lease seconds> <go file>
//     Prints "ready", waits for <go file>, then calls an idempotent "charge" <duplicates> times concurrently for each of
//     <keys> keys. The side effect is one line "<key> <pid>" appended (and flushed) to <ledger directory>/<pid>.ledger
//     before the result is completed. Prints "done <ran> <replayed>".
//   hold <file|postgres> <target> <schema> <key> <lease seconds>
//     Claims <key> through the same policy, prints "held <epoch>" and hangs (the test kills it).
//   workflow <file|postgres> <directory|connection string> <schema> <workflow id> <ledger file> <crash point>
//     Runs a 5-step [Checkpoint] workflow (generated shape) on the store. Each step appends "step<k> <pid>" to the
//     ledger (flushed) as its side effect and adds "s<k>" to the [CheckpointState] list. At <crash point> ("inside:<k>":
//     after step k's side effect, before it completes; "after:<k>": after step k completed; "none") it prints
//     "crash <point>" and hangs until the test kills it (kill -9). Otherwise prints "done <state> <sum of results>".
using System.Globalization;
using Resilience;

string mode = args[0];
IDurableStore store = args[1] switch
{
    "file" => new FileDurableStore(args[2]),
    // A small pool per worker: several workers share one server's max_connections.
    "postgres" => new PostgresDurableStore(new PostgresStoreOptions { ConnectionString = new Npgsql.NpgsqlConnectionStringBuilder(args[2]) { MaxPoolSize = 20 }.ConnectionString, Schema = args[3] }),
    _ => throw new ArgumentException("unknown store " + args[1]),
};

if (mode == "workflow")
{
    return await CheckpointWorkflow.RunAsync(store, args[4], args[5], args[6]);
}

if (mode == "hold")
{
    var holdPolicy = new IdempotencyPolicy("StoreWorker.Charge", new IdempotencyOptions { LeaseSeconds = int.Parse(args[5], CultureInfo.InvariantCulture) });
    IdempotencyClaim<string> held = await holdPolicy.BeginAsync<string>(store, args[4], Fingerprint(args[4]));
    Console.WriteLine($"held {held.Claim.Epoch}");
    await Task.Delay(Timeout.Infinite);
    return 0;
}

string ledgerDirectory = args[4];
string prefix = args[5];
int keys = int.Parse(args[6], CultureInfo.InvariantCulture);
int duplicates = int.Parse(args[7], CultureInfo.InvariantCulture);
var policy = new IdempotencyPolicy("StoreWorker.Charge", new IdempotencyOptions { LeaseSeconds = int.Parse(args[8], CultureInfo.InvariantCulture) });
string goFile = args[9];
int pid = Environment.ProcessId;
var ledgerLock = new object();
using var ledger = new FileStream(Path.Combine(ledgerDirectory, pid.ToString(CultureInfo.InvariantCulture) + ".ledger"), FileMode.Append, FileAccess.Write, FileShare.Read);
int ran = 0;
int replayed = 0;

Console.WriteLine("ready");
while (!File.Exists(goFile))
{
    await Task.Delay(5);
}

var calls = new List<Task>();
for (int k = 0; k < keys; k++)
{
    string key = prefix + k.ToString(CultureInfo.InvariantCulture);
    for (int d = 0; d < duplicates; d++)
    {
        calls.Add(Task.Run(() => ChargeAsync(key)));
    }
}

await Task.WhenAll(calls);
Console.WriteLine($"done {ran} {replayed}");
return 0;

async Task ChargeAsync(string key)
{
    IdempotencyClaim<string> claim = await policy.BeginAsync<string>(store, key, Fingerprint(key));
    if (claim.IsReplay)
    {
        if (claim.Result != "charged " + key)
        {
            throw new InvalidOperationException($"wrong replay for {key}: {claim.Result}");
        }

        Interlocked.Increment(ref replayed);
        return;
    }

    try
    {
        byte[] line = System.Text.Encoding.UTF8.GetBytes($"{key} {pid}\n");
        lock (ledgerLock)
        {
            ledger.Write(line);
            ledger.Flush(flushToDisk: true);
        }

        Interlocked.Increment(ref ran);
    }
    catch
    {
        await claim.ReleaseAsync();
        throw;
    }

    await claim.CompleteAsync("charged " + key);
}

static string Fingerprint(string key)
{
    var fingerprint = new ArgumentFingerprint();
    fingerprint.Add(key);
    return fingerprint.ToHexString();
}
