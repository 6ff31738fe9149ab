// Source: github.com/shendongnian/code — code6/983627-25014282-15.cs
// Original: using (var client = new HttpClient()) { for (int i = 1; i <= NumberOfRetries; ++i) { try { return await client.GetAsync(url); } catch (Exception e) when (i < NumberOfRetries) { await Task.Delay(DelayOnRetry); } } }
public partial class UrlFetcher
{
    private readonly HttpClient _client = new HttpClient();

    [Retry(MaxRetries = 2, BaseDelayMs = 1000)]
    public partial Task<HttpResponseMessage> GetFromUrlAsync(string url);
    private async Task<HttpResponseMessage> GetFromUrlAsyncCore(string url) => await _client.GetAsync(url);
}
