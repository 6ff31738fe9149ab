// Source: github.com/App-vNext/Polly-Samples — PollyDemos/Async/AsyncDemo07_WaitAndRetryNestingCircuitBreakerUsingPipeline.cs (+ PollyDemos/Async/AsyncDemo.cs)
// Original: var responseBody = await pipeline.ExecuteAsync(async token => await IssueRequestAndProcessResponseAsync(client, token), cancellationToken);
//           where IssueRequestAndProcessResponseAsync => await client.GetStringAsync($"{Configuration.WEB_API_ROOT}/api/values/{TotalRequests}", cancellationToken).
// The counters (retries++, eventualSuccesses++) live in OnRetry and after the pipeline, not in the retried body.
public partial class NestingCircuitBreakerPipeline
{
    private readonly HttpClient _client = new HttpClient();
    protected int TotalRequests { get; set; }

    [CircuitBreaker(FailureThreshold = 4, BreakDurationMs = 3000)]
    [Retry(MaxRetries = 100, BaseDelayMs = 200)]
    public partial Task<string> IssueRequestAsync(CancellationToken cancellationToken);
    private async Task<string> IssueRequestAsyncCore(CancellationToken cancellationToken) =>
        await IssueRequestAndProcessResponseAsync(_client, cancellationToken);

    public async Task<string> IssueRequestAndProcessResponseAsync(HttpClient client, CancellationToken cancellationToken)
        => await client.GetStringAsync($"http://localhost:45179/api/values/{TotalRequests}", cancellationToken);
}
