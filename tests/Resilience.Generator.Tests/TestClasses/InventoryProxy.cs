namespace Resilience.Generator.Tests.TestClasses;

// The example of issue #14, compiled by the generator that runs on this test project.
public interface IInventoryApi
{
    [Retry(MaxRetries = 2, BaseDelayMs = 100, Jitter = Jitter.None)]
    Task<int> GetStockAsync(string sku, CancellationToken ct = default);

    Task SetStockAsync(string sku, int count, CancellationToken ct = default);

    int Version { get; }

    event EventHandler? Changed;
}

[ResilientProxy(typeof(IInventoryApi))]
[CircuitBreaker(Name = "generator-tests.inventory", FailureThreshold = 3)]
public partial class ResilientInventoryApi
{
    [Timeout(2_000)]
    public partial Task SetStockAsync(string sku, int count, CancellationToken ct = default);
}

/// <summary>The real implementation: fails on demand, hangs on demand (until its token is cancelled).</summary>
public sealed class HttpInventoryApi(TimeProvider time) : IInventoryApi
{
    private readonly Dictionary<string, int> _stock = new();

    public int Version => 3;

    public int GetCalls { get; private set; }

    public int SetCalls { get; private set; }

    public int FailuresLeft { get; set; }

    public bool Hang { get; set; }

    public event EventHandler? Changed;

    public Task<int> GetStockAsync(string sku, CancellationToken ct = default)
    {
        GetCalls++;
        return FailuresLeft-- > 0
            ? Task.FromException<int>(new HttpRequestException("503"))
            : Task.FromResult(_stock.TryGetValue(sku, out int count) ? count : 0);
    }

    public async Task SetStockAsync(string sku, int count, CancellationToken ct = default)
    {
        SetCalls++;
        if (FailuresLeft-- > 0)
        {
            throw new HttpRequestException("503");
        }

        if (Hang)
        {
            await Task.Delay(Timeout.InfiniteTimeSpan, time, ct);
        }

        _stock[sku] = count;
        Changed?.Invoke(this, EventArgs.Empty);
    }
}

// Sync and ValueTask members through a proxy, for the allocation tests and the benchmark's shape.
public interface IPriceApi
{
    int Price(string sku);

    ValueTask<int> PriceAsync(string sku, CancellationToken ct);
}

[ResilientProxy(typeof(IPriceApi))]
[Retry(MaxRetries = 2, BaseDelayMs = 0)]
[CircuitBreaker(FailureThreshold = 1000)]
public partial class ResilientPriceApi;

public sealed class PriceApi : IPriceApi
{
    public int Price(string sku) => sku.Length;

    public ValueTask<int> PriceAsync(string sku, CancellationToken ct) => new(sku.Length);
}
