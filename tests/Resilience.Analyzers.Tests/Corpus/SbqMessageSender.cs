// Source: github.com/lucashuet93/SBQ_Message_Sender — ServiceBusQueueMessageSender/Program.cs
// Original (loop body): string messageBody = $"Message {i}"; var message = new Message(Encoding.UTF8.GetBytes(messageBody)); await queueClient.SendAsync(message);
using System.Text;
using Microsoft.Azure.ServiceBus;

public partial class QueueSender
{
    private readonly IQueueClient _queueClient;
    public QueueSender(IQueueClient queueClient) => _queueClient = queueClient;

    [Retry]
    public partial Task SendMessageAsync(int i);
    private async Task SendMessageAsyncCore(int i)
    {
        string messageBody = $"Message {i}";
        var message = new Message(Encoding.UTF8.GetBytes(messageBody));
        Console.WriteLine($"Sending message: {messageBody}");
        await {|RES1007:_queueClient.SendAsync(message)|};
    }
}
