// Source: github.com/KiwiBryn/WebAPIDapper-NetCore — SharedFiles/DapperTransient.cs
// Original: AsyncRetryPolicy.ExecuteAsync(() => connection.OpenAsync()); ...ExecuteAsync(() => connection.ExecuteScalarAsync<T>(sql, param, ...));
//           ...ExecuteAsync(() => connection.QueryFirstAsync<T>(sql, param, ...)); RetryPolicy.Execute(() => connection.QuerySingleOrDefault<T>(sql, param, ...)).
// Pass-through wrappers: the SQL comes from the caller, so nothing in the attempt itself is known to be non-idempotent.
using Dapper;

public partial class DapperTransient
{
    private readonly Microsoft.Data.SqlClient.SqlConnection _sqlConnection;
    private readonly System.Data.IDbConnection _connection;
    public DapperTransient(Microsoft.Data.SqlClient.SqlConnection sqlConnection, System.Data.IDbConnection connection) =>
        (_sqlConnection, _connection) = (sqlConnection, connection);

    [Retry(MaxRetries = 4)]
    public partial Task OpenWithRetryAsync();
    private Task OpenWithRetryAsyncCore() => _sqlConnection.OpenAsync();

    [Retry(MaxRetries = 4)]
    public partial void OpenWithRetry();
    private void OpenWithRetryCore() => _sqlConnection.Open();

    [Retry(MaxRetries = 4)]
    public partial Task<T> ExecuteScalarWithRetryAsync<T>(string sql, object? param);
    private Task<T> ExecuteScalarWithRetryAsyncCore<T>(string sql, object? param) => _connection.ExecuteScalarAsync<T>(sql, param);

    [Retry(MaxRetries = 4)]
    public partial Task<T> QueryFirstWithRetryAsync<T>(string sql, object? param);
    private Task<T> QueryFirstWithRetryAsyncCore<T>(string sql, object? param) => _connection.QueryFirstAsync<T>(sql, param);

    [Retry(MaxRetries = 4)]
    public partial T QuerySingleOrDefaultWithRetry<T>(string sql, object? param);
    private T QuerySingleOrDefaultWithRetryCore<T>(string sql, object? param) => _connection.QuerySingleOrDefault<T>(sql, param);
}
