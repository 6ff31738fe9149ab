namespace Resilience.Generator.Tests.TestClasses;

public sealed record Metrics(string Service, double ErrorRate);

/// <summary>[LastKnownGood] methods over a store the test owns (the instance's <see cref="IHasResilienceStore"/>).</summary>
public partial class LastKnownGoodAgent(IDurableStore store) : IHasResilienceStore
{
    public IDurableStore? ResilienceStore => store;

    /// <summary>The failure the primary throws while set.</summary>
    public Exception? Failure { get; set; }

    public double ErrorRate { get; set; } = 0.25;

    public List<string> Log { get; } = new();

    [LastKnownGood(MaxAgeSeconds = 600)]
    public partial Task<Metrics> FetchMetricsAsync(string service, CancellationToken cancellationToken);
    private Task<Metrics> FetchMetricsAsyncCore(string service, CancellationToken cancellationToken) => Task.FromResult(Primary(service));

    [LastKnownGood(MaxAgeSeconds = 60, Key = "{service}")]
    public partial Metrics Fetch(string service, int attempt);
    private Metrics FetchCore(string service, int attempt) => Primary(service);

    /// <summary>Default order: the stored value answers first, the fallback only when there is none.</summary>
    [LastKnownGood(MaxAgeSeconds = 600)]
    [Fallback(nameof(Defaults))]
    public partial ValueTask<Metrics> ChainAsync(string service);
    private ValueTask<Metrics> ChainAsyncCore(string service) => new(Primary(service));

    /// <summary>The fallback first (Order 0), the stored value after it fails (Order 1).</summary>
    [LastKnownGood(MaxAgeSeconds = 600, Order = 1)]
    [Fallback(nameof(FailingDefaults))]
    public partial Metrics AfterFallback(string service);
    private Metrics AfterFallbackCore(string service) => Primary(service);

    [CircuitBreaker(Name = "tests.lastknowngood.breaker", FailureThreshold = 2, BreakDurationMs = 60_000)]
    [LastKnownGood(MaxAgeSeconds = 600)]
    public partial Task<Metrics> GuardedAsync(string service);
    private Task<Metrics> GuardedAsyncCore(string service) => Task.FromResult(Primary(service));

    /// <summary>
    /// A breaker directly under a fallback that answers rejections, the stored value after it: an open breaker goes to the
    /// fallback without an exception (the rejection path), and the stored value answers when that fallback fails.
    /// </summary>
    [CircuitBreaker(Name = "tests.lastknowngood.rejection", FailureThreshold = 2, BreakDurationMs = 60_000)]
    [LastKnownGood(MaxAgeSeconds = 600, Order = 1)]
    [Fallback(nameof(FailingDefaults))]
    public partial Metrics RejectedToFallback(string service);
    private Metrics RejectedToFallbackCore(string service) => Primary(service);

    /// <summary>The same breaker and fallback with the stored value first (default order): it answers the rejection.</summary>
    [CircuitBreaker(Name = "tests.lastknowngood.rejection-first", FailureThreshold = 2, BreakDurationMs = 60_000)]
    [LastKnownGood(MaxAgeSeconds = 600)]
    [Fallback(nameof(Defaults))]
    public partial ValueTask<Metrics> RejectedToStoredAsync(string service);
    private ValueTask<Metrics> RejectedToStoredAsyncCore(string service) => new(Primary(service));

    private Metrics Primary(string service)
    {
        Log.Add("primary:" + service);
        if (Failure is { } failure)
        {
            throw failure;
        }

        return new Metrics(service, ErrorRate);
    }

    private ValueTask<Metrics> Defaults(string service)
    {
        Log.Add("defaults:" + service);
        return new(new Metrics(service, -1));
    }

    private Metrics FailingDefaults(string service)
    {
        Log.Add("defaults:" + service);
        throw new InvalidOperationException("no defaults");
    }
}

/// <summary>The success path of [LastKnownGood] for the allocation guards: no arguments (no fingerprint), and one argument.</summary>
public partial class LastKnownGoodHotPath
{
    [LastKnownGood]
    public partial int Current();
    private int CurrentCore() => 1;

    [LastKnownGood]
    public partial ValueTask<int> CurrentAsync();
    private ValueTask<int> CurrentAsyncCore() => new(1);

    [LastKnownGood]
    public partial int ForService(string service);
    private int ForServiceCore(string service) => service.Length;
}
