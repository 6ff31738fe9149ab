namespace QuickStart;

/// <summary>A weather API that times out on its first calls, the way real ones do under load.</summary>
public sealed class FlakyWeatherApi(int failuresBeforeSuccess)
{
    private int _calls;

    public int Calls => _calls;

    public async Task<string> GetForecastAsync(string city, CancellationToken cancellationToken)
    {
        int call = Interlocked.Increment(ref _calls);
        await Task.Yield();
        cancellationToken.ThrowIfCancellationRequested();
        if (call <= failuresBeforeSuccess)
        {
            throw new HttpRequestException($"weather API: 503 Service Unavailable (call {call})");
        }

        return $"{city}: 18°C, light rain";
    }
}

/// <summary>A news API that is down for the whole run.</summary>
public sealed class DownNewsApi
{
    public int Calls { get; private set; }

    public Task<IReadOnlyList<string>> GetHeadlinesAsync(string topic, CancellationToken cancellationToken)
    {
        Calls++;
        throw new HttpRequestException("news API: connection refused");
    }
}
