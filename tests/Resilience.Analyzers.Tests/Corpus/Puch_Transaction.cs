// Source: github.com/tinkuspex/Puch — AccessUtilities/Transaction.cs
// Original: Policy.Handle<Exception>().WaitAndRetryAsync(intent, ...).ExecuteAsync(async () => { return await task; });
public partial class Transaction<T>
{
    [Retry]
    public partial Task<T> ExecuteAsync(Task<T> task);
    private async Task<T> ExecuteAsyncCore(Task<T> task) => await task;
}
