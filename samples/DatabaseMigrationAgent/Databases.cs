using Npgsql;

namespace DatabaseMigrationAgent;

/// <summary>Where migrations run: a real PostgreSQL database, or a simulated one.</summary>
public interface IMigrationDatabase
{
    string Description { get; }

    Task ExecuteAsync(string sql, CancellationToken cancellationToken);

    /// <summary>Self-healing: drop every pooled connection so the next call opens fresh ones.</summary>
    void ResetConnectionPool();
}

/// <summary>The connection pool ran dry (the exercise's "connection pool exhausted").</summary>
public sealed class ConnectionPoolExhaustedException(string message) : Exception(message);

/// <summary>A database whose connections fail transiently on a fixed schedule, and whose pool runs dry once.</summary>
public sealed class SimulatedDatabase(TextWriter output) : IMigrationDatabase
{
    // "t": transient network error, "p": pool exhausted, ".": success. The schedule is fixed so every run tells the same story.
    private const string Schedule = "t.p";
    private int _calls;
    private bool _poolHealthy = true;

    public string Description => "simulated database";

    public List<string> Executed { get; } = new();

    public async Task ExecuteAsync(string sql, CancellationToken cancellationToken)
    {
        await Task.Yield();
#pragma warning disable RES1001 // justification: the simulation counts calls to fail on a fixed schedule
        _calls++;
#pragma warning restore RES1001
        char next = _calls <= Schedule.Length ? Schedule[_calls - 1] : '.';
        if (next == 'p' && _poolHealthy)
        {
            _poolHealthy = false;
        }

        if (!_poolHealthy)
        {
            output.WriteLine($"    · db call {_calls}: connection pool exhausted");
            throw new ConnectionPoolExhaustedException("connection pool exhausted (100/100 in use)");
        }

        if (next == 't')
        {
            output.WriteLine($"    · db call {_calls}: transient failure (connection reset by peer)");
            throw new TimeoutException("connection reset by peer");
        }

#pragma warning disable RES1005 // justification: the simulated database records what it executed, for the demo's output
        Executed.Add(sql);
#pragma warning restore RES1005
        output.WriteLine($"    · db call {_calls}: ok");
    }

    public void ResetConnectionPool()
    {
        _poolHealthy = true;
        output.WriteLine("    ✚ self-heal: connection pool reset");
    }
}

/// <summary>A real PostgreSQL database through Npgsql.</summary>
public sealed class PostgresDatabase(string connectionString) : IMigrationDatabase
{
    public string Description => "PostgreSQL " + new NpgsqlConnectionStringBuilder(connectionString) { Password = null }.ConnectionString;

    public async Task ExecuteAsync(string sql, CancellationToken cancellationToken)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(cancellationToken);
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public void ResetConnectionPool() => NpgsqlConnection.ClearAllPools();
}

/// <summary>Monitoring that is down: reports degrade to a local log instead of failing the migration.</summary>
public sealed class UnreachableMonitoring
{
    public Task ReportAsync(string metric, double value, CancellationToken cancellationToken) =>
        Task.FromException(new HttpRequestException("monitoring: 502 Bad Gateway"));
}
