// Source: github.com/sulzbachmatheus/pubsub-poc — Kafka/Producer.cs
// Original (loop body): var dr = Task.Run(() => p.ProduceAsync("test-topic", new Message<Null, string> { Value = $"test: {count++}" })).Result;
using Confluent.Kafka;

public partial class Producer
{
    private readonly IProducer<Null, string> _p;
    private int _count;
    public Producer(IProducer<Null, string> p) => _p = p;

    [Retry]
    public partial Task ProduceOnceAsync();
    private async Task ProduceOnceAsyncCore()
    {
        var dr = await {|RES1007:_p.ProduceAsync("test-topic", new Message<Null, string> { Value = $"test: {{|RES1001:_count++|}}" })|};
        Console.WriteLine($"Delivered '{dr.Value}' to '{dr.TopicPartitionOffset} | {_count}'");
    }
}
