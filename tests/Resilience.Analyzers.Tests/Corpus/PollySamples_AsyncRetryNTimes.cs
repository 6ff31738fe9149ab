// Source: github.com/App-vNext/Polly-Samples — PollyDemos/Async/AsyncDemo01_RetryNTimes.cs (+ PollyDemos/Async/AsyncDemo.cs)
// Original: await strategy.ExecuteAsync(async token => { var responseBody = await IssueRequestAndProcessResponseAsync(client, token);
//           progress.Report(ProgressWithMessage($"Response : {responseBody}", Color.Green)); EventualSuccesses++; }, cancellationToken);
// EventualSuccesses is a property of the demo base class (the statistics shown on screen).
public abstract class DemoBase
{
    protected int TotalRequests { get; set; }
    protected int EventualSuccesses { get; set; }
}

public partial class AsyncRetryNTimes : DemoBase
{
    private readonly HttpClient _client = new HttpClient();
    private readonly IProgress<string> _progress;
    public AsyncRetryNTimes(IProgress<string> progress) => _progress = progress;

    [Retry(MaxRetries = 3, BaseDelayMs = 0)]
    public partial Task IssueRequestAsync(CancellationToken cancellationToken);
    private async Task IssueRequestAsyncCore(CancellationToken cancellationToken)
    {
        var responseBody = await IssueRequestAndProcessResponseAsync(_client, cancellationToken);
        _progress.Report($"Response : {responseBody}");
        {|RES1001:EventualSuccesses++|};
    }

    public async Task<string> IssueRequestAndProcessResponseAsync(HttpClient client, CancellationToken cancellationToken)
        => await client.GetStringAsync($"http://localhost:45179/api/values/{TotalRequests}", cancellationToken);
}
