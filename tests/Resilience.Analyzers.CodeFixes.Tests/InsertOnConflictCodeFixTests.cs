using Resilience.Analyzers.CodeFixes.Tests.Infrastructure;

namespace Resilience.Analyzers.CodeFixes.Tests;

/// <summary>RES1008's fix: ON CONFLICT DO NOTHING appended to a literal INSERT.</summary>
public class InsertOnConflictCodeFixTests
{
    [Fact]
    public async Task RES1008_AppendsOnConflictDoNothing_BeforeTheTerminator()
    {
        var result = await CodeFixHarness.ApplyAsync(new InsertOnConflictCodeFixProvider(), "RES1008", "ON CONFLICT", """
            public interface IDb { Task<int> ExecuteAsync(string sql, object? param = null); }
            public partial class Orders
            {
                private readonly IDb _db;
                public Orders(IDb db) => _db = db;

                [Retry]
                public partial Task SaveAsync(int id);
                private Task SaveAsyncCore(int id) => _db.ExecuteAsync("INSERT INTO orders (id) VALUES (@id);", new { id });
            }
            """);
        Assert.Contains("_db.ExecuteAsync(\"INSERT INTO orders (id) VALUES (@id) ON CONFLICT DO NOTHING;\", new { id })", result[0]);
    }
}
