// Source: github.com/guoicq/PollyTest — PollyTest/PollyTest/RetryCase7.cs
// Original: .ExecuteAsync(async () => { var response = await httpClient.GetAsync("https://official-joke-api.appspot.com/random_joke");
//           response.EnsureSuccessStatusCode(); var version = await response.Content.ReadAsStringAsync(); Console.WriteLine(version); });
public partial class RetryCase7
{
    private readonly HttpClient _httpClient = new HttpClient();

    [Retry(MaxRetries = 3)]
    public partial Task RunAsync();
    private async Task RunAsyncCore()
    {
        var response = await _httpClient.GetAsync("https://official-joke-api.appspot.com/random_joke");
        response.EnsureSuccessStatusCode();
        var version = await response.Content.ReadAsStringAsync();
        Console.WriteLine(version);
    }
}
