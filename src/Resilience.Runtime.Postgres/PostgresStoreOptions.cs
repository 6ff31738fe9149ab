namespace Resilience
{
    /// <summary>Connection settings of the PostgreSQL stores (the stores themselves arrive with the idempotency and checkpoint features).</summary>
    public sealed class PostgresStoreOptions
    {
        /// <summary>The Npgsql connection string.</summary>
        public string ConnectionString { get; set; } = string.Empty;

        /// <summary>The schema that holds the stores' tables (default <c>resilience</c>).</summary>
        public string Schema { get; set; } = "resilience";
    }
}
