// Source: github.com/gnomestack/dotnet — bcl/src/Extras.Dapper/DapperRetryExtensions.cs
// Original: retryPolicy.Execute(() => cnn.Execute(sql, param, transaction, commandTimeout, commandType));
using Dapper;

public partial class DapperRetry
{
    private readonly System.Data.IDbConnection _cnn;
    public DapperRetry(System.Data.IDbConnection cnn) => _cnn = cnn;

    [Retry]
    public partial int RetryExecute(string sql, object? param);
    private int RetryExecuteCore(string sql, object? param) => _cnn.Execute(sql, param);
}
