namespace QuickStart;

/// <summary>The demo, separate from Main so that a test can run it and read what it printed.</summary>
public static class QuickStartDemo
{
    public static async Task<int> RunAsync(TextWriter output, CancellationToken cancellationToken = default)
    {
        var weather = new FlakyWeatherApi(failuresBeforeSuccess: 2);
        var news = new DownNewsApi();
        var agent = new ResearchAgent(weather, news, output);

        output.WriteLine("1. Retry: the weather API fails twice, the third attempt succeeds.");
        string forecast = await agent.GetForecastAsync("Lisbon", cancellationToken);
        output.WriteLine($"   => {forecast} (recovered after {weather.Calls - 1} retries)");
        output.WriteLine();

        output.WriteLine("2. Fallback: the news API is down; after 2 retries the fallback takes over.");
        IReadOnlyList<string> headlines = await agent.GetHeadlinesAsync("commute", cancellationToken);
        foreach (string headline in headlines)
        {
            output.WriteLine($"   => {headline}");
        }

        output.WriteLine($"   ({news.Calls} calls to the news API, then the fallback)");
        return 0;
    }
}
