// Source: github.com/STorm175/LegacyOrderService — LegacyOrderService/Data/SqliteOrderRepository.cs
// Original: await _retryPolicy.ExecuteAsync(async () => { using var connection = _factory.CreateConnection(); ...; using var transaction = connection.BeginTransaction();
//           using var command = connection.CreateCommand(); command.Transaction = transaction; command.CommandText = @"INSERT INTO Orders (...) VALUES (...)";
//           AddParameter(command, ...); await command.ExecuteNonQueryAsync(); await transaction.CommitAsync(); ... });
// A commit whose acknowledgement is lost is retried and inserts the order again; the parameters go to a command the attempt created.
using System.Data.Common;

public sealed class LegacyOrder
{
    public string CustomerName { get; set; } = "";
    public string ProductName { get; set; } = "";
    public int Quantity { get; set; }
    public double Price { get; set; }
}

public partial class SqliteOrderRepository
{
    private readonly string _connectionString;
    private readonly DbProviderFactory _factory;
    public SqliteOrderRepository(string connectionString, DbProviderFactory factory) => (_connectionString, _factory) = (connectionString, factory);

    [Retry(MaxRetries = 3, BaseDelayMs = 2000)]
    public partial Task SaveAsync(LegacyOrder order);
    private async Task SaveAsyncCore(LegacyOrder order)
    {
        using var connection = _factory.CreateConnection();
        if (connection == null)
        {
            throw new InvalidOperationException("Failed to create DB connection.");
        }

        connection.ConnectionString = _connectionString;
        await connection.OpenAsync();

        using var transaction = connection.BeginTransaction();
        try
        {
            using var command = connection.CreateCommand();
            command.Transaction = transaction;
            command.CommandText = {|RES1008:@"
                INSERT INTO Orders (CustomerName, ProductName, Quantity, Price)
                VALUES (@CustomerName, @ProductName, @Quantity, @Price)"|};

            AddParameter(command, "@CustomerName", order.CustomerName);
            AddParameter(command, "@ProductName", order.ProductName);
            AddParameter(command, "@Quantity", order.Quantity);
            AddParameter(command, "@Price", order.Price);

            await command.ExecuteNonQueryAsync();
            await transaction.CommitAsync();
        }
        catch (DbException)
        {
            await transaction.RollbackAsync();
            throw;
        }
    }

    private void AddParameter(DbCommand command, string name, object value)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        parameter.Value = value;
        command.Parameters.Add(parameter);
    }
}
