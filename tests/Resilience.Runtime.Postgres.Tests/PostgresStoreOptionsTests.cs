namespace Resilience.Runtime.Postgres.Tests;

public class PostgresStoreOptionsTests
{
    [Fact]
    public void Defaults_use_the_resilience_schema()
    {
        var options = new PostgresStoreOptions();
        Assert.Equal("resilience", options.Schema);
        Assert.Equal(string.Empty, options.ConnectionString);
    }
}
