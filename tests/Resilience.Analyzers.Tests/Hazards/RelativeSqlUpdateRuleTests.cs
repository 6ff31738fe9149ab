using Resilience.Analyzers.Tests.Infrastructure;

namespace Resilience.Analyzers.Tests.Hazards;

/// <summary>RES1004: relative SQL updates (SET x = x + n).</summary>
public class RelativeSqlUpdateRuleTests
{
    [Fact]
    public async Task RES1004_RelativeSqlUpdates()
    {
        await HazardVerifier.VerifyAsync(
            """
            public interface IDb { Task<int> ExecuteAsync(string sql, object? param = null); }
            public partial class Ledger
            {
                private readonly IDb _db;
                public Ledger(IDb db) => _db = db;
                private const string Debit = "UPDATE accounts SET updated = now(), balance = balance - @amount WHERE id = @id";

                [Retry]
                public partial Task ChargeAsync(System.Data.Common.DbCommand command, int id, decimal amount);
                private async Task ChargeAsyncCore(System.Data.Common.DbCommand command, int id, decimal amount)
                {
                    command.CommandText = {|#0:"UPDATE counters SET hits = hits + 1 WHERE id = @id"|};
                    await _db.ExecuteAsync({|RES1004:Debit|}, new { id, amount });
                    var sql = $"UPDATE t SET \"views\" = t.\"views\" + {amount} WHERE id = {id}";
                    await _db.ExecuteAsync({|RES1004:sql|});
                    await _db.ExecuteAsync("UPDATE accounts SET balance = @balance WHERE id = @id", new { id, balance = amount });
                    command.CommandText = "UPDATE t SET status = 'active', x = y + 1 WHERE id = 1";
                    await _db.ExecuteAsync("SELECT balance + 1 FROM accounts WHERE balance = balance");
                }
            }
            """,
            HazardVerifier.Diagnostic("RES1004", 0).WithMessage("'ChargeAsyncCore' runs the relative SQL update 'SET hits = hits + …', and it runs again on every retry of 'ChargeAsync'"));
    }
}
