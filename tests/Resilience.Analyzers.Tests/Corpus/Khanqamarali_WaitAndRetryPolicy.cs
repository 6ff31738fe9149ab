// Source: github.com/khanqamarali/pollyretrypolicy — src/waitAndRetryPolicy.cs
// Original: var uploadResponse = await retryPolicy.ExecuteAsync(async () => await httpClient.GetAsync(url));
//           (Policy.Handle<Exception>().OrResult<HttpResponseMessage>(r => !r.IsSuccessStatusCode).WaitAndRetryAsync(3, ...))
public partial class WaitAndRetryPolicy
{
    private readonly HttpClient _httpClient = new HttpClient();

    [Retry(MaxRetries = 3, BaseDelayMs = 10_000)]
    public partial Task<HttpResponseMessage> WaitAndRetryAsync(string url);
    private async Task<HttpResponseMessage> WaitAndRetryAsyncCore(string url)
    {
        var response = await _httpClient.GetAsync(url);
        response.EnsureSuccessStatusCode();
        return response;
    }
}
