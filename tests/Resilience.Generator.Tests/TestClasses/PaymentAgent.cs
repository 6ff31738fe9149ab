namespace Resilience.Generator.Tests.TestClasses;

public sealed record Charge(string Customer, decimal Amount, int Sequence);

/// <summary>An agent whose charges must happen at most once per key, with its own store (per-instance configuration).</summary>
public partial class PaymentAgent(IDurableStore store) : IHasResilienceStore
{
    public IDurableStore? ResilienceStore => store;

    public List<Charge> Ledger { get; } = new();

    public int FailNextCharges { get; set; }

    [Idempotent(Key = "charge:{customer}:{orderId}")]
    [Retry(MaxRetries = 1, BaseDelayMs = 0)]
    public partial Task<Charge> ChargeAsync(string customer, int orderId, decimal amount, CancellationToken cancellationToken);
    private Task<Charge> ChargeAsyncCore(string customer, int orderId, decimal amount, CancellationToken cancellationToken)
    {
        if (FailNextCharges-- > 0) throw new TransientException("payment provider 502");
        var charge = new Charge(customer, amount, Ledger.Count + 1);
        Ledger.Add(charge);
        return Task.FromResult(charge);
    }

    [Idempotent]
    public partial int Refund(string customer, decimal amount);
    private int RefundCore(string customer, decimal amount)
    {
        Ledger.Add(new Charge(customer, -amount, Ledger.Count + 1));
        return Ledger.Count;
    }
}
