using Resilience;

namespace QuickStart;

/// <summary>
/// A small agent that gathers context from two flaky services. The attributes say what should happen when they fail;
/// the generator writes the bodies of the partial methods (see Generated/).
/// </summary>
public sealed partial class ResearchAgent(FlakyWeatherApi weather, DownNewsApi news, TextWriter log)
{
    private static readonly IReadOnlyList<string> s_cachedHeadlines = new[] { "(cached) Rain expected all week", "(cached) Trains running normally" };

    /// <summary>Retries transient HTTP failures with exponential backoff; each attempt gets 2 s.</summary>
    [Retry(MaxRetries = 3, BaseDelayMs = 200, Jitter = Jitter.Equal, RetryOn = new[] { typeof(HttpRequestException), typeof(TimeoutException) })]
    [Timeout(2_000)]
    public partial Task<string> GetForecastAsync(string city, CancellationToken cancellationToken = default);

    private async Task<string> GetForecastAsyncCore(string city, CancellationToken cancellationToken)
    {
        log.WriteLine($"  [weather] attempt {weather.Calls + 1}");
        try
        {
            return await weather.GetForecastAsync(city, cancellationToken);
        }
        catch (HttpRequestException ex)
        {
            log.WriteLine($"  [weather]   failed: {ex.Message}");
            throw;
        }
    }

    /// <summary>Retries twice, then serves cached headlines instead of failing the whole agent.</summary>
    [Retry(MaxRetries = 2, BaseDelayMs = 100, Jitter = Jitter.None)]
    [Fallback(nameof(CachedHeadlines))]
    public partial Task<IReadOnlyList<string>> GetHeadlinesAsync(string topic, CancellationToken cancellationToken = default);

    private Task<IReadOnlyList<string>> GetHeadlinesAsyncCore(string topic, CancellationToken cancellationToken)
    {
        log.WriteLine($"  [news]    attempt {news.Calls + 1}");
        return news.GetHeadlinesAsync(topic, cancellationToken);
    }

    private IReadOnlyList<string> CachedHeadlines(string topic, CancellationToken cancellationToken, Exception failure)
    {
        log.WriteLine($"  [news]    fallback: serving cached headlines after '{failure.Message}'");
        return s_cachedHeadlines;
    }
}
