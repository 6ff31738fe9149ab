// Source: github.com/kamilkostrzewski/RabbitMqDemo — RabbitMq.Producer/Program.cs
// Original (loop body): var message = $"{DateTime.UtcNow} - {Guid.NewGuid()}"; var body = Encoding.UTF8.GetBytes(message);
//                       await channel.BasicPublishAsync(exchange: string.Empty, routingKey: "message", mandatory: true, basicProperties: new BasicProperties { Persistent = true }, body: body);
using System.Text;
using RabbitMQ.Client;

public partial class RabbitProducer
{
    private readonly IChannel _channel;
    public RabbitProducer(IChannel channel) => _channel = channel;

    [Retry]
    public partial Task PublishAsync();
    private async Task PublishAsyncCore()
    {
        var message = $"{DateTime.UtcNow} - {Guid.NewGuid()}";
        var body = Encoding.UTF8.GetBytes(message);
        await {|RES1007:_channel.BasicPublishAsync(exchange: string.Empty, routingKey: "message", mandatory: true, basicProperties: new BasicProperties { Persistent = true }, body: body)|};
        Console.WriteLine($"Sent {message}");
    }
}
