// Source: github.com/nhs-digital-gp-it-futures/OrderFormAcceptanceTests — src/OrderFormAcceptanceTests.TestData/Utils/SqlExecutor.cs
// Original: await Policies.RetryPolicyAsync().ExecuteAsync(async () => { returnValue = await connection.QueryAsync<T>(query, param); });
using Dapper;

public partial class SqlExecutor
{
    private readonly System.Data.IDbConnection _connection;
    public SqlExecutor(System.Data.IDbConnection connection) => _connection = connection;

    [Retry]
    public partial Task<IEnumerable<T>> ExecuteAsync<T>(string query, object param);
    private async Task<IEnumerable<T>> ExecuteAsyncCore<T>(string query, object param) => await _connection.QueryAsync<T>(query, param);
}
