using Resilience.Analyzers.Tests.Infrastructure;

namespace Resilience.Analyzers.Tests.Hazards;

/// <summary>RES1001: compound assignment, ++ and -- on state that outlives the attempt.</summary>
public class CompoundAssignmentRuleTests
{
    [Fact]
    public async Task RES1001_CompoundAssignmentInCalledMethod_NamesMemberOperationAndRoot()
    {
        await HazardVerifier.VerifyAsync(
            """
            public partial class Wallet
            {
                private int _budgetUsed;

                [Retry]
                public partial Task SpendAsync(int amount);
                private Task SpendAsyncCore(int amount) { Charge(amount); return Task.CompletedTask; }

                private void Charge(int amount) { {|#0:_budgetUsed += amount|}; }
            }
            """,
            HazardVerifier.Diagnostic("RES1001", 0).WithMessage("'Charge' adds to field '_budgetUsed', and it runs again on every retry of 'SpendAsync'"));
    }

    [Fact]
    public async Task RES1001_IncrementsOnFieldsPropertiesStaticsAndArrayElements()
    {
        await HazardVerifier.VerifyAsync(
            """
            public sealed class Account { public decimal Balance { get; set; } }
            public partial class Counter
            {
                private static int s_total;
                private readonly int[] _slots = new int[4];
                private int _count;
                public int Count { get; set; }

                [Retry]
                public partial void Run(Account account);
                private void RunCore(Account account)
                {
                    {|RES1001:_count++|};
                    {|RES1001:--s_total|};
                    {|RES1001:_slots[0] += 2|};
                    {|RES1001:Count *= 2|};
                    {|RES1001:account.Balance -= 1m|};
                    {|RES1001:this._count -= 1|};
                }
            }
            """);
    }

    [Fact]
    public async Task RES1001_NotReportedForLocalsFreshObjectsIdempotentOperatorsAndAbsoluteValues()
    {
        await HazardVerifier.VerifyAsync(
            """
            public sealed class Result { public int Count { get; set; } public int[] Items = new int[2]; }
            public struct Point { public int X; }
            public partial class Counter
            {
                private int _flags;
                private int _value;
                public int Total { get; private set; }

                [Retry]
                public partial int Run(Point point, int n);
                private int RunCore(Point point, int n)
                {
                    var local = 0;
                    local++;
                    local += n;
                    n--;
                    point.X++;
                    var result = new Result();
                    result.Count++;
                    result.Items[1] += 3;
                    var copy = new Point();
                    copy.X += 1;
                    _flags |= 4;
                    _flags &= ~1;
                    _value = 42;
                    Total = n;
                    var built = new Counter();
                    return local + result.Count;
                }

                public Counter() { _value++; Total += 1; }
            }
            """);
    }
}
