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
    public class DbContext
    {
        public virtual object Add(object entity) => entity;
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

namespace Dapper
{
    public static class SqlMapper
    {
        public static int Execute(this System.Data.IDbConnection cnn, string sql, object? param = null) => 0;
        public static System.Threading.Tasks.Task<int> ExecuteAsync(this System.Data.IDbConnection cnn, string sql, object? param = null) => System.Threading.Tasks.Task.FromResult(0);
        public static System.Threading.Tasks.Task<System.Collections.Generic.IEnumerable<T>> QueryAsync<T>(this System.Data.IDbConnection cnn, string sql, object? param = null) =>
            System.Threading.Tasks.Task.FromResult<System.Collections.Generic.IEnumerable<T>>(new T[0]);
    }
}
