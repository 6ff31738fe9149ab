namespace DatabaseMigrationAgent;

/// <summary>A migration: <paramref name="Sql"/> applies it, <paramref name="DownSql"/> undoes it (for a rollback).</summary>
public sealed record Migration(string Id, string Name, string Sql, IReadOnlyList<string> Requires, string DownSql);

public sealed record MigrationReceipt(string Id, string Name, DateTimeOffset AppliedAt);

public static class MigrationPlan
{
    /// <summary>The migrations of the exercise, in no particular order: the agent orders them by dependency.</summary>
    public static IReadOnlyList<Migration> All { get; } = new[]
    {
        new Migration("003", "create_orders_table", "CREATE TABLE IF NOT EXISTS orders (id bigserial PRIMARY KEY, user_id bigint NOT NULL REFERENCES users(id), total numeric(12,2) NOT NULL)", new[] { "001" }, "DROP TABLE IF EXISTS orders"),
        new Migration("001", "create_users_table", "CREATE TABLE IF NOT EXISTS users (id bigserial PRIMARY KEY, name text NOT NULL)", Array.Empty<string>(), "DROP TABLE IF EXISTS users"),
        new Migration("004", "index_orders_user", "CREATE INDEX IF NOT EXISTS orders_user_id ON orders (user_id)", new[] { "003" }, "DROP INDEX IF EXISTS orders_user_id"),
        new Migration("002", "add_email_column", "ALTER TABLE users ADD COLUMN IF NOT EXISTS email varchar(255)", new[] { "001" }, "ALTER TABLE users DROP COLUMN IF EXISTS email"),
    };

    /// <summary>Dependency order (Kahn's algorithm, ties by id); a cycle or a missing dependency is an error naming the migrations.</summary>
    public static IReadOnlyList<Migration> Order(IReadOnlyList<Migration> migrations)
    {
        var byId = migrations.ToDictionary(m => m.Id, StringComparer.Ordinal);
        foreach (Migration migration in migrations)
        {
            foreach (string required in migration.Requires)
            {
                if (!byId.ContainsKey(required))
                {
                    throw new InvalidOperationException($"Migration {migration.Id} ({migration.Name}) requires {required}, which does not exist.");
                }
            }
        }

        var ordered = new List<Migration>();
        var done = new HashSet<string>(StringComparer.Ordinal);
        while (ordered.Count < migrations.Count)
        {
            Migration? next = migrations
                .Where(m => !done.Contains(m.Id) && m.Requires.All(done.Contains))
                .OrderBy(m => m.Id, StringComparer.Ordinal)
                .FirstOrDefault();
            if (next is null)
            {
                string stuck = string.Join(", ", migrations.Where(m => !done.Contains(m.Id)).Select(m => m.Id));
                throw new InvalidOperationException($"Migrations {stuck} depend on each other in a cycle.");
            }

            ordered.Add(next);
            done.Add(next.Id);
        }

        return ordered;
    }
}
