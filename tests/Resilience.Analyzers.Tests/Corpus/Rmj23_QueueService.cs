// Source: github.com/rmj23/portfolio — MessageSenderApp/MessageSenderApp/QueueService.cs
// Original: await _retryPolicy.ExecuteAsync(async () => { await _queueClient.SendMessageAsync(message); });
using Azure.Storage.Queues;

public partial class QueueService
{
    private readonly QueueClient _queueClient;
    public QueueService(string connectionString, string queueName) => _queueClient = new QueueClient(connectionString, queueName);

    [Retry(MaxRetries = 3)]
    public partial Task SendMessageAsync(string message);
    private async Task SendMessageAsyncCore(string message)
    {
        await {|RES1007:_queueClient.SendMessageAsync(message)|};
    }
}
