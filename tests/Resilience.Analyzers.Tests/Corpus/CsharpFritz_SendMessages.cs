// Source: github.com/csharpfritz/csharp_with_csharpfritz — sessions/Season-07/0704/Sample/SendMessages.cs
// Original: using ServiceBusMessageBatch messageBatch = await sender.CreateMessageBatchAsync(); for (...) messageBatch.TryAddMessage(new ServiceBusMessage($"Message {i}")); await sender.SendMessagesAsync(messageBatch);
using Azure.Messaging.ServiceBus;

public partial class SendMessages
{
    private readonly ServiceBusSender _sender;
    public SendMessages(ServiceBusSender sender) => _sender = sender;

    [Retry]
    public partial Task ExecuteAsync(int numOfMessages);
    private async Task ExecuteAsyncCore(int numOfMessages)
    {
        using ServiceBusMessageBatch messageBatch = await _sender.CreateMessageBatchAsync();
        for (int i = 1; i <= numOfMessages; i++)
        {
            if (!messageBatch.TryAddMessage(new ServiceBusMessage($"Message {i}")))
            {
                throw new Exception($"The message {i} is too large to fit in the batch.");
            }
        }

        await {|RES1007:_sender.SendMessagesAsync(messageBatch)|};
        Console.WriteLine($"A batch of {numOfMessages} messages has been published to the queue.");
    }
}
