using Npgsql;
using Resilience.Runtime.Tests.LastKnownGood;

namespace Resilience.Runtime.Postgres.Tests;

/// <summary>[LastKnownGood] on PostgreSQL: a value written before a restart (a new data source and store) is served after it.</summary>
[Collection(PostgresCollection.Name)]
public sealed class PostgresLastKnownGoodTests : LastKnownGoodStoreTests, IDisposable
{
    private readonly PostgresServerFixture _server;
    private readonly List<NpgsqlDataSource> _dataSources = new();
    private readonly string _schema = "lkg_" + Guid.NewGuid().ToString("N").Substring(0, 12);

    public PostgresLastKnownGoodTests(PostgresServerFixture server)
    {
        _server = server;
    }

    protected override IDurableStore OpenStore(TimeProvider clock)
    {
        // A new data source per "process": no connection or cache is shared with the one that wrote.
        NpgsqlDataSource dataSource = _server.CreateDataSource();
        _dataSources.Add(dataSource);
        return new PostgresDurableStore(dataSource, _schema, clock);
    }

    public void Dispose()
    {
        foreach (NpgsqlDataSource dataSource in _dataSources)
        {
            dataSource.Dispose();
        }
    }
}
