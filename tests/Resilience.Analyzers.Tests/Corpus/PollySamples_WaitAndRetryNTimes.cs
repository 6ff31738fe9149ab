// Source: github.com/App-vNext/Polly-Samples — PollyDemos/Sync/Demo02_WaitAndRetryNTimes.cs
// Original: policy.Execute(ct => { var response = client.DownloadString(Configuration.WEB_API_ROOT + "/api/values/" + totalRequests);
//           progress.Report(ProgressWithMessage("Response : " + response, Color.Green)); eventualSuccesses++; }, cancellationToken);
public partial class WaitAndRetryNTimes
{
    private readonly HttpClient _client = new HttpClient();
    private readonly IProgress<string> _progress;
    private int _totalRequests;
    private int _eventualSuccesses;
    public WaitAndRetryNTimes(IProgress<string> progress) => _progress = progress;

    [Retry(MaxRetries = 3, BaseDelayMs = 200)]
    public partial void MakeRequest(CancellationToken cancellationToken);
    private void MakeRequestCore(CancellationToken cancellationToken)
    {
        var response = _client.GetStringAsync("http://localhost:45179/api/values/" + _totalRequests, cancellationToken).GetAwaiter().GetResult();
        _progress.Report("Response : " + response);
        {|RES1001:_eventualSuccesses++|};
    }
}
