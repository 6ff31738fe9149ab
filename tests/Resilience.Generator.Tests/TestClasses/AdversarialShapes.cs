namespace Resilience.Generator.Tests.TestClasses;

/// <summary>
/// Shapes from issue #12 compiled by this project with Nullable enable and warnings as errors: a scoped span
/// (CS8988 before), keyword identifiers, every constraint kind, and a non-nullable key parameter used after the key is
/// built (CS8604 before).
/// </summary>
public partial class AdversarialShapes
{
    public int Attempts;

    [Retry(MaxRetries = 1, BaseDelayMs = 0)]
    public partial int Sum(scoped Span<int> values);
    private int SumCore(scoped Span<int> values) => ++Attempts == 1 ? throw new TransientException("first") : values.Length;

    [Retry(MaxRetries = 0)]
    public partial int @class(int @event, string @params);
    private int @classCore(int @event, string @params) => @event + @params.Length;

    [Retry(MaxRetries = 0)]
    public partial TNew Make<TKey, TValue, TUnmanaged, TNew>(Dictionary<TKey, List<TValue?>> map, TUnmanaged seed)
        where TKey : notnull
        where TValue : struct
        where TUnmanaged : unmanaged
        where TNew : class, new();
    private TNew MakeCore<TKey, TValue, TUnmanaged, TNew>(Dictionary<TKey, List<TValue?>> map, TUnmanaged seed)
        where TKey : notnull
        where TValue : struct
        where TUnmanaged : unmanaged
        where TNew : class, new() => new();

    [Idempotent(Key = "{customer}")]
    public partial Task<string> ChargeAsync(string customer, CancellationToken ct);
    private Task<string> ChargeAsyncCore(string customer, CancellationToken ct) => Task.FromResult(customer.Trim());
}
