// Source: github.com/kat-carvana/kafka-setup — KafkaProject/KafkaProducer/Program.cs
// Original (loop body): var toSend = $"This is message {i}"; var dr = await p.ProduceAsync("topic1", new Message<Null, string> { Value = toSend });
using Confluent.Kafka;

public partial class KafkaSender
{
    private readonly IProducer<Null, string> _p;
    public KafkaSender(IProducer<Null, string> p) => _p = p;

    [Retry]
    public partial Task SendAsync(int i);
    private async Task SendAsyncCore(int i)
    {
        var toSend = $"This is message {i}";
        var dr = await {|RES1007:_p.ProduceAsync("topic1", new Message<Null, string> { Value = toSend })|};
        Console.WriteLine($"Delivered '{dr.Value}' to '{dr.TopicPartitionOffset}'");
    }
}
