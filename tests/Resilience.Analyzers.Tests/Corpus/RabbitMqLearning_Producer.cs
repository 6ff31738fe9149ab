// Source: github.com/nayakshravan/RabbitMQLearning — RabbitMq.Messaging/RabbitMq.Producer/Program.cs
// Original (loop body): var message = "Message " + i + " " + DateTime.UtcNow; ... await channel.BasicPublishAsync(...);
using System.Text;
using RabbitMQ.Client;

public partial class LearningProducer
{
    private readonly IChannel _channel;
    public LearningProducer(IChannel channel) => _channel = channel;

    [Retry]
    public partial Task PublishAsync(int i);
    private async Task PublishAsyncCore(int i)
    {
        var message = "Message " + i + " " + DateTime.UtcNow;
        var body = Encoding.UTF8.GetBytes(message);
        await {|RES1007:_channel.BasicPublishAsync(exchange: string.Empty, routingKey: "message", mandatory: true, basicProperties: new BasicProperties { Persistent = true }, body: body)|};
        Console.WriteLine("Sent " + message);
    }
}
