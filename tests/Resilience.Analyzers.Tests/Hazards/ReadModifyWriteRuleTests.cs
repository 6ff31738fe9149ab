using Resilience.Analyzers.Tests.Infrastructure;

namespace Resilience.Analyzers.Tests.Hazards;

/// <summary>RES1003: values read and written back as a relative change.</summary>
public class ReadModifyWriteRuleTests
{
    [Fact]
    public async Task RES1003_PropertyReadAndWrittenBack_DirectlyAndThroughLocals()
    {
        await HazardVerifier.VerifyAsync(
            """
            public sealed class Account { public decimal Balance { get; set; } }
            public partial class Bank
            {
                private int _total;

                [Retry]
                public partial void Deposit(Account account, decimal amount);
                private void DepositCore(Account account, decimal amount)
                {
                    {|#0:account.Balance = account.Balance + amount|};
                    var before = account.Balance;
                    {|RES1003:account.Balance = before - amount|};
                    {|RES1003:_total = _total * 2|};
                    account.Balance = amount;
                    account.Balance = Math.Max(account.Balance, amount);
                    var other = new Account();
                    other.Balance = other.Balance + 1;
                }
            }
            """,
            HazardVerifier.Diagnostic("RES1003", 0).WithMessage("'DepositCore' writes property 'Balance' back as a relative change of the value it read, and it runs again on every retry of 'Deposit'"));
    }

    [Fact]
    public async Task RES1003_GetterAndSetterCallsOnTheSameObject()
    {
        await HazardVerifier.VerifyAsync(
            """
            public interface IStore
            {
                Task<int> GetQuotaAsync(string tenant, CancellationToken ct);
                Task SetQuotaAsync(string tenant, int quota, CancellationToken ct);
                int GetLimit(string tenant);
                void UpdateLimit(string tenant, int limit);
            }
            public partial class Quotas
            {
                private readonly IStore _store;
                public Quotas(IStore store) => _store = store;

                [Retry]
                public partial Task RaiseAsync(string tenant, string other, int by, CancellationToken ct);
                private async Task RaiseAsyncCore(string tenant, string other, int by, CancellationToken ct)
                {
                    var current = await _store.GetQuotaAsync(tenant, ct);
                    await {|#0:_store.SetQuotaAsync(tenant, current + by, ct)|};
                    {|RES1003:_store.UpdateLimit(tenant, _store.GetLimit(tenant) - 1)|};
                    var next = current;
                    next++;
                    await {|RES1003:_store.SetQuotaAsync(tenant, next, ct)|};

                    // Not the same object, and absolute values: not flagged.
                    await _store.SetQuotaAsync(other, current + by, ct);
                    await _store.SetQuotaAsync(tenant, by, ct);
                    if (current < by)
                    {
                        await _store.SetQuotaAsync(tenant, by, ct);
                    }
                }
            }
            """,
            HazardVerifier.Diagnostic("RES1003", 0).WithMessage("'RaiseAsyncCore' reads a value with 'GetQuotaAsync' and writes a relative change of it back with 'SetQuotaAsync', and it runs again on every retry of 'RaiseAsync'"));
    }

    [Fact]
    public async Task RES1003_DictionaryCountersAndConditionalIncrements()
    {
        await HazardVerifier.VerifyAsync(
            """
            public partial class Stats
            {
                private readonly Dictionary<string, int> _hits = new();
                private int _total;

                [Retry]
                public partial void Record(string key, bool counted);
                private void RecordCore(string key, bool counted)
                {
                    {|RES1003:_hits[key] = _hits.GetValueOrDefault(key) + 1|};
                    if (_hits.TryGetValue(key, out var current))
                    {
                        {|RES1003:_hits[key] = current + 1|};
                    }

                    {|RES1003:_total = counted ? _total + 1 : _total|};

                    // Absolute values and other keys are fine.
                    _hits[key] = 1;
                    _hits["other"] = _hits.GetValueOrDefault(key) + 1;
                    _total = counted ? 1 : 0;
                }
            }
            """);
    }
}
