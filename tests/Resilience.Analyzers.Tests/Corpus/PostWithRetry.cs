// Source: github.com/shendongnian/code — code7/1257020-33607030-4.cs
// Original: while (attempt <= maxAttempts) { try { var response = await httpClient.PostAsync(uri, content); response.EnsureSuccessStatusCode(); return response; } catch (HttpRequestException) { ++attempt; ... } }
public partial class HttpClientPoster
{
    private readonly HttpClient _httpClient = new HttpClient();

    [Retry(MaxRetries = 2)]
    public partial Task<HttpResponseMessage> PostWithRetryAsync(Uri uri, HttpContent content);
    private async Task<HttpResponseMessage> PostWithRetryAsyncCore(Uri uri, HttpContent content)
    {
        var response = await {|RES1006:_httpClient.PostAsync(uri, content)|}.ConfigureAwait(false);
        response.EnsureSuccessStatusCode();
        return response;
    }
}
