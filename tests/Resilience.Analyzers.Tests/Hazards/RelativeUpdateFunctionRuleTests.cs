using Resilience.Analyzers.Tests.Infrastructure;

namespace Resilience.Analyzers.Tests.Hazards;

/// <summary>RES1009: deltas written as update functions and compare-exchange loops.</summary>
public class RelativeUpdateFunctionRuleTests
{
    [Fact]
    public async Task RES1009_AddOrUpdateImmutableInterlockedAndCompareExchangeLoops()
    {
        await HazardVerifier.VerifyAsync(
            """
            using System.Collections.Concurrent;
            using System.Collections.Immutable;
            public partial class Stock
            {
                private readonly ConcurrentDictionary<string, int> _reserved = new();
                private ImmutableList<string> _log = ImmutableList<string>.Empty;
                private int _total;

                [Retry]
                public partial void Reserve(string sku, int quantity);
                private void ReserveCore(string sku, int quantity)
                {
                    {|#0:_reserved.AddOrUpdate(sku, quantity, (_, current) => current + quantity)|};
                    {|RES1009:ImmutableInterlocked.Update(ref _log, log => log.Add(sku))|};
                    int initial, computed;
                    do
                    {
                        initial = _total;
                        computed = initial + quantity;
                    }
                    while ({|RES1009:Interlocked.CompareExchange(ref _total, computed, initial)|} != initial);

                    // Absolute updates and attempt-owned dictionaries are fine.
                    _reserved.AddOrUpdate(sku, quantity, (_, _) => quantity);
                    var local = new ConcurrentDictionary<string, int>();
                    local.AddOrUpdate(sku, 1, (_, v) => v + 1);
                    Interlocked.CompareExchange(ref _total, quantity, 0);
                }
            }
            """,
            HazardVerifier.Diagnostic("RES1009", 0).WithMessage(
                "'ReserveCore' updates an entry of field '_reserved' with 'AddOrUpdate' and a relative update function, and it runs again on every retry of 'Reserve'"));
    }
}
