using Resilience.Analyzers.Tests.Infrastructure;

namespace Resilience.Analyzers.Tests.Hazards;

/// <summary>RES1008: INSERT without conflict handling, and sequence consumption, in SQL reaching a database API.</summary>
public class SqlInsertRuleTests
{
    [Fact]
    public async Task RES1008_InsertWithoutConflictHandling_AndSequences()
    {
        await HazardVerifier.VerifyAsync(
            """
            public interface IDb { Task<int> ExecuteAsync(string sql, object? param = null); }
            public partial class Orders
            {
                private readonly IDb _db;
                public Orders(IDb db) => _db = db;

                [Retry]
                public partial Task SaveAsync(System.Data.Common.DbConnection connection, int id);
                private async Task SaveAsyncCore(System.Data.Common.DbConnection connection, int id)
                {
                    await _db.ExecuteAsync({|#0:"INSERT INTO orders (id, total) VALUES (@id, 10)"|}, new { id });
                    using var command = connection.CreateCommand();
                    command.CommandText = {|RES1008:$"INSERT INTO audit (order_id) VALUES ({id})"|};
                    command.Parameters.Clear();
                    await _db.ExecuteAsync({|RES1008:"SELECT nextval('order_numbers')"|});

                    // Conflict handling: the retry inserts nothing new.
                    await _db.ExecuteAsync("INSERT INTO orders (id) VALUES (@id) ON CONFLICT (id) DO NOTHING", new { id });
                    await _db.ExecuteAsync("INSERT INTO orders (id) SELECT @id WHERE NOT EXISTS (SELECT 1 FROM orders WHERE id = @id)", new { id });
                    await _db.ExecuteAsync("MERGE INTO orders USING (SELECT @id AS id) s ON orders.id = s.id WHEN NOT MATCHED THEN INSERT (id) VALUES (s.id)", new { id });
                    await _db.ExecuteAsync("INSERT IGNORE INTO orders (id) VALUES (@id)", new { id });
                    await _db.ExecuteAsync("UPDATE orders SET total = 5 WHERE id = @id", new { id });
                }
            }
            """,
            HazardVerifier.Diagnostic("RES1008", 0).WithMessage(
                "'SaveAsyncCore' inserts into 'orders' without conflict handling (no ON CONFLICT / WHERE NOT EXISTS), and it runs again on every retry of 'SaveAsync'"));
    }
}
