// Source: github.com/guoicq/PollyTest — PollyTest/PollyTest/ReAuthorization.cs
// Original: Policy.HandleResult<HttpResponseMessage>(r => !r.IsSuccessStatusCode).RetryAsync(3, (r, i) => { if (...Unauthorized) PerformReauthorization(); })
//           .ExecuteAsync(async () => { var response = await httpClient.GetAsync("https://official-joke-api.appspot.com/random_joke"); return response; });
public partial class ReAuthorization
{
    private readonly HttpClient _httpClient = new HttpClient();

    [Retry(MaxRetries = 3)]
    public partial Task<HttpResponseMessage> RunAsync();
    private async Task<HttpResponseMessage> RunAsyncCore()
    {
        var response = await _httpClient.GetAsync("https://official-joke-api.appspot.com/random_joke");
        response.EnsureSuccessStatusCode();
        return response;
    }
}
