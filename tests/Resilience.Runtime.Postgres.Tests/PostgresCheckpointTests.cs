using Npgsql;
using Resilience.Runtime.Tests.Checkpoints;

namespace Resilience.Runtime.Postgres.Tests;

/// <summary>The checkpoint suite on a real PostgreSQL server.</summary>
[Collection(PostgresCollection.Name)]
public sealed class PostgresCheckpointTests : CheckpointTests, IDisposable
{
    private readonly NpgsqlDataSource _dataSource;
    private readonly string _schema = "c_" + Guid.NewGuid().ToString("N").Substring(0, 12);

    public PostgresCheckpointTests(PostgresServerFixture server)
    {
        _dataSource = server.CreateDataSource();
    }

    public void Dispose() => _dataSource.Dispose();

    protected override IDurableStore CreateStore(TimeProvider clock) => new PostgresDurableStore(_dataSource, _schema, clock);

    [Fact]
    public async Task A_changed_step_row_raises_CheckpointCorruptedException_naming_the_row()
    {
        var store = (PostgresDurableStore)Store;
        string id = NewId();
        await new IncidentAgent(store, new()).AnalyzeLogsAsync(id, "api");
        string key = "checkpoint:" + id + ":s:analyze_logs";
        await using (NpgsqlCommand command = _dataSource.CreateCommand($"UPDATE {store.TableName} SET payload = '\\x7b7d'::bytea WHERE key = '{key}'"))
        {
            Assert.Equal(1, await command.ExecuteNonQueryAsync());
        }

        var ex = await Assert.ThrowsAsync<CheckpointCorruptedException>(() => new IncidentAgent(store, new()).AnalyzeLogsAsync(id, "api"));
        Assert.Equal(id, ex.WorkflowId);
        Assert.Equal("analyze_logs", ex.Step);
        Assert.Contains(store.TableName, ex.Location);
        Assert.Contains(key, ex.Location);
    }
}
