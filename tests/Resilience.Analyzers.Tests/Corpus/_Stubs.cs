// Stub versions of the library types the corpus files use (only the members they call), so the corpus compiles
// without the packages. The analyzer's catalog matches them by documentation-comment ID, as it would the real ones.
#nullable enable
namespace Confluent.Kafka
{
    public sealed class Null { }
    public sealed class Message<TKey, TValue> { public TValue Value { get; set; } = default!; }
    public sealed class DeliveryResult<TKey, TValue> { public TValue Value { get; set; } = default!; public object TopicPartitionOffset { get; set; } = new(); }
    public interface IProducer<TKey, TValue> : System.IDisposable
    {
        System.Threading.Tasks.Task<DeliveryResult<TKey, TValue>> ProduceAsync(string topic, Message<TKey, TValue> message);
        void Flush(System.TimeSpan timeout);
    }
}

namespace RabbitMQ.Client
{
    public sealed class BasicProperties { public bool Persistent { get; set; } }
    public interface IChannel
    {
        System.Threading.Tasks.ValueTask BasicPublishAsync(string exchange, string routingKey, bool mandatory, BasicProperties basicProperties, System.ReadOnlyMemory<byte> body);
        System.Threading.Tasks.Task QueueDeclareAsync(string queue, bool durable, bool exclusive, bool autoDelete, object? arguments);
    }
}

namespace Azure.Messaging.ServiceBus
{
    public sealed class ServiceBusMessage { public ServiceBusMessage(string body) { } }
    public sealed class ServiceBusMessageBatch : System.IDisposable { public bool TryAddMessage(ServiceBusMessage message) => true; public void Dispose() { } }
    public class ServiceBusSender
    {
        public virtual System.Threading.Tasks.ValueTask<ServiceBusMessageBatch> CreateMessageBatchAsync() => new(new ServiceBusMessageBatch());
        public virtual System.Threading.Tasks.Task SendMessagesAsync(ServiceBusMessageBatch batch) => System.Threading.Tasks.Task.CompletedTask;
        public virtual System.Threading.Tasks.Task SendMessageAsync(ServiceBusMessage message) => System.Threading.Tasks.Task.CompletedTask;
    }
}

namespace Microsoft.Azure.ServiceBus
{
    public sealed class Message { public Message(byte[] body) { } }
    public interface IQueueClient : Core.ISenderClient { System.Threading.Tasks.Task CloseAsync(); }
}

namespace Microsoft.Azure.ServiceBus.Core
{
    public interface ISenderClient { System.Threading.Tasks.Task SendAsync(Microsoft.Azure.ServiceBus.Message message); }
}

namespace Microsoft.EntityFrameworkCore
{
    public class DbContext : System.IDisposable
    {
        public Infrastructure.DatabaseFacade Database { get; } = new();
        public virtual object Add(object entity) => entity;
        public virtual int SaveChanges() => 0;
        public virtual int SaveChanges(bool acceptAllChangesOnSuccess) => 0;
        public virtual void Dispose() { }
        public virtual System.Threading.Tasks.Task<int> SaveChangesAsync(System.Threading.CancellationToken cancellationToken = default) => System.Threading.Tasks.Task.FromResult(0);
    }

    public class DbSet<TEntity> : System.Linq.IQueryable<TEntity> where TEntity : class
    {
        public virtual object Add(TEntity entity) => entity;
        public System.Type ElementType => typeof(TEntity);
        public System.Linq.Expressions.Expression Expression => System.Linq.Expressions.Expression.Constant(this);
        public System.Linq.IQueryProvider Provider => throw new System.NotSupportedException();
        public System.Collections.Generic.IEnumerator<TEntity> GetEnumerator() => throw new System.NotSupportedException();
        System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => GetEnumerator();
    }

    public static class EntityFrameworkQueryableExtensions
    {
        public static System.Threading.Tasks.Task<System.Collections.Generic.List<T>> ToListAsync<T>(this System.Linq.IQueryable<T> source) =>
            System.Threading.Tasks.Task.FromResult(new System.Collections.Generic.List<T>());
    }
}

namespace Microsoft.EntityFrameworkCore.Infrastructure
{
    public sealed class DatabaseFacade
    {
        public Storage.IDbContextTransaction BeginTransaction() => throw new System.NotSupportedException();
    }
}

namespace Microsoft.EntityFrameworkCore.Storage
{
    public interface IDbContextTransaction : System.IDisposable
    {
        void Commit();
    }
}

namespace Dapper
{
    public static class SqlMapper
    {
        public static int Execute(this System.Data.IDbConnection cnn, string sql, object? param = null) => 0;
        public static System.Threading.Tasks.Task<int> ExecuteAsync(this System.Data.IDbConnection cnn, string sql, object? param = null) => System.Threading.Tasks.Task.FromResult(0);
        public static System.Threading.Tasks.Task<T> ExecuteScalarAsync<T>(this System.Data.IDbConnection cnn, string sql, object? param = null) => System.Threading.Tasks.Task.FromResult(default(T)!);
        public static System.Threading.Tasks.Task<T> QueryFirstAsync<T>(this System.Data.IDbConnection cnn, string sql, object? param = null) => System.Threading.Tasks.Task.FromResult(default(T)!);
        public static T QuerySingleOrDefault<T>(this System.Data.IDbConnection cnn, string sql, object? param = null) => default!;
        public static System.Threading.Tasks.Task<System.Collections.Generic.IEnumerable<T>> QueryAsync<T>(this System.Data.IDbConnection cnn, string sql, object? param = null) =>
            System.Threading.Tasks.Task.FromResult<System.Collections.Generic.IEnumerable<T>>(new T[0]);
    }
}

namespace Azure.Storage.Queues
{
    public class QueueClient
    {
        public QueueClient(string connectionString, string queueName) { }
        public virtual System.Threading.Tasks.Task SendMessageAsync(string messageText) => System.Threading.Tasks.Task.CompletedTask;
        public virtual System.Threading.Tasks.Task<string> ReceiveMessageAsync() => System.Threading.Tasks.Task.FromResult("");
    }
}

namespace StackExchange.Redis
{
    public readonly struct RedisKey { public static implicit operator RedisKey(string key) => default; }
    public readonly struct RedisValue { public static RedisValue Null => default; public static implicit operator RedisValue(string value) => default; }
    public enum CommandFlags { None = 0, FireAndForget = 2 }
    public enum When { Always, Exists, NotExists }
    public class RedisTimeoutException : System.TimeoutException { }

    public interface IDatabaseAsync
    {
        System.Threading.Tasks.Task<RedisValue> StringGetAsync(RedisKey key, CommandFlags flags = CommandFlags.None);
        System.Threading.Tasks.Task<bool> StringSetAsync(RedisKey key, RedisValue value, System.TimeSpan? expiry = null, When when = When.Always, CommandFlags flags = CommandFlags.None);
        System.Threading.Tasks.Task<long> StringIncrementAsync(RedisKey key, long value = 1, CommandFlags flags = CommandFlags.None);
        System.Threading.Tasks.Task<double> StringIncrementAsync(RedisKey key, double value, CommandFlags flags = CommandFlags.None);
        System.Threading.Tasks.Task<long> StringDecrementAsync(RedisKey key, long value = 1, CommandFlags flags = CommandFlags.None);
        System.Threading.Tasks.Task<double> StringDecrementAsync(RedisKey key, double value, CommandFlags flags = CommandFlags.None);
        System.Threading.Tasks.Task<bool> KeyDeleteAsync(RedisKey key, CommandFlags flags = CommandFlags.None);
        System.Threading.Tasks.Task<bool> KeyExistsAsync(RedisKey key, CommandFlags flags = CommandFlags.None);
        System.Threading.Tasks.Task<bool> KeyExpireAsync(RedisKey key, System.DateTime? expiry, CommandFlags flags = CommandFlags.None);
        System.Threading.Tasks.Task<bool> KeyExpireAsync(RedisKey key, System.TimeSpan? expiry, CommandFlags flags = CommandFlags.None);
        System.Threading.Tasks.Task<bool> LockTakeAsync(RedisKey key, RedisValue value, System.TimeSpan expiry, CommandFlags flags = CommandFlags.None);
        System.Threading.Tasks.Task<bool> LockReleaseAsync(RedisKey key, RedisValue value, CommandFlags flags = CommandFlags.None);
        System.Threading.Tasks.Task<long> ListRightPushAsync(RedisKey key, RedisValue value, When when = When.Always, CommandFlags flags = CommandFlags.None);
        System.Threading.Tasks.Task<bool> SetAddAsync(RedisKey key, RedisValue value, CommandFlags flags = CommandFlags.None);
        System.Threading.Tasks.Task<bool> SetRemoveAsync(RedisKey key, RedisValue value, CommandFlags flags = CommandFlags.None);
        System.Threading.Tasks.Task<bool> SetContainsAsync(RedisKey key, RedisValue value, CommandFlags flags = CommandFlags.None);
    }

    public interface IDatabase : IDatabaseAsync
    {
        long StringIncrement(RedisKey key, long value = 1, CommandFlags flags = CommandFlags.None);
        RedisValue StringGet(RedisKey key, CommandFlags flags = CommandFlags.None);
    }
}

namespace Microsoft.Data.SqlClient
{
    public sealed class SqlConnection : System.IDisposable
    {
        public SqlConnection(string connectionString) { }
        public void Open() { }
        public System.Threading.Tasks.Task OpenAsync() => System.Threading.Tasks.Task.CompletedTask;
        public SqlCommand CreateCommand() => new SqlCommand();
        public void Dispose() { }
    }

    public sealed class SqlCommand : System.IDisposable
    {
        public SqlCommand() { }
        public SqlCommand(string cmdText, SqlConnection connection) { CommandText = cmdText; }
        public string CommandText { get; set; } = "";
        public SqlParameterCollection Parameters { get; } = new();
        public SqlDataReader ExecuteReader() => new SqlDataReader();
        public int ExecuteNonQuery() => 0;
        public System.Threading.Tasks.Task<int> ExecuteNonQueryAsync() => System.Threading.Tasks.Task.FromResult(0);
        public object? ExecuteScalar() => null;
        public void Dispose() { }
    }

    public sealed class SqlParameterCollection
    {
        public object AddWithValue(string parameterName, object? value) => new object();
    }

    public sealed class SqlDataReader : System.IDisposable
    {
        public bool Read() => false;
        public string GetString(int i) => "";
        public void Dispose() { }
    }

    public sealed class SqlException : System.Exception { public int Number { get; } }
}
