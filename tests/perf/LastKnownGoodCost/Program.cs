// Measures what [LastKnownGood] adds to a successful call, per call, in the generated shape:
//   fingerprint the arguments -> key; call; policy.Record(store, key, result)   (an enqueue; the write is in the background)
// against the same call without it. Run: dotnet run -c Release --project tests/perf/LastKnownGoodCost
using System.Diagnostics;
using Resilience;

var store = new InMemoryDurableStore();
var policy = new LastKnownGoodPolicy("Perf.Agent.FetchMetrics", new LastKnownGoodOptions { MaxAgeSeconds = 3600 });
var metrics = new Metrics(0.02, 120);
const int Iterations = 2_000_000;
string[] services = { "checkout", "payments", "search", "catalog" };

Metrics Core(string service) => metrics;

Metrics Plain(string service) => Core(service);

Metrics WithLastKnownGood(string service)
{
    var fingerprint = new ArgumentFingerprint();
    fingerprint.Add(service);
    string key = fingerprint.ToHexString();
    Metrics result = Core(service);
    policy.Record(store, key, result);
    return result;
}

(double Ns, double Bytes) Measure(Func<string, Metrics> call)
{
    for (int i = 0; i < 100_000; i++)
    {
        call(services[i & 3]);
    }

    LastKnownGoodPolicy.FlushAsync().GetAwaiter().GetResult();
    long bytes = GC.GetAllocatedBytesForCurrentThread();
    var watch = Stopwatch.StartNew();
    for (int i = 0; i < Iterations; i++)
    {
        call(services[i & 3]);
    }

    watch.Stop();
    bytes = GC.GetAllocatedBytesForCurrentThread() - bytes;
    return (watch.Elapsed.TotalMilliseconds * 1e6 / Iterations, (double)bytes / Iterations);
}

Metrics KeyOnly(string service)
{
    var fingerprint = new ArgumentFingerprint();
    fingerprint.Add(service);
    _ = fingerprint.ToHexString();
    return Core(service);
}

Metrics RecordOnly(string service)
{
    Metrics result = Core(service);
    policy.Record(store, service, result);
    return result;
}

if (args.Length > 0)
{
    var key = Measure(KeyOnly);
    var record = Measure(RecordOnly);
    Console.WriteLine($"fingerprint only: {key.Ns:0.0} ns {key.Bytes:0.0} B; Record only: {record.Ns:0.0} ns {record.Bytes:0.0} B");
}

var plain = Measure(Plain);
var lkg = Measure(WithLastKnownGood);
LastKnownGoodPolicy.FlushAsync().GetAwaiter().GetResult();
Console.WriteLine($"plain call:            {plain.Ns,8:0.0} ns/call {plain.Bytes,8:0.0} B/call");
Console.WriteLine($"with [LastKnownGood]:  {lkg.Ns,8:0.0} ns/call {lkg.Bytes,8:0.0} B/call (calling thread only; the background write is not counted)");
Console.WriteLine($"added by LastKnownGood: {lkg.Ns - plain.Ns,7:0.0} ns/call {lkg.Bytes - plain.Bytes,8:0.0} B/call");

internal sealed record Metrics(double ErrorRate, int P99Ms);
