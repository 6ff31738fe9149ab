// Source: github.com/dhinckley77/Developer — ServiceBusSender/ServiceBusSender/Program.cs
// Original (loop body): var message = new Message(Encoding.UTF8.GetBytes(messageBody)); await queueClient.SendAsync(message);
using System.Text;
using Microsoft.Azure.ServiceBus;

public partial class DeveloperSender
{
    private static IQueueClient? s_queueClient;

    [Retry]
    public partial Task SendMessagesAsync(int numberOfMessagesToSend);
    private async Task SendMessagesAsyncCore(int numberOfMessagesToSend)
    {
        for (var i = 0; i < numberOfMessagesToSend; i++)
        {
            string messageBody = $"Message {i}";
            var message = new Message(Encoding.UTF8.GetBytes(messageBody));
            Console.WriteLine($"Sending message: {messageBody}");
            await {|RES1007:s_queueClient!.SendAsync(message)|};
        }
    }
}
