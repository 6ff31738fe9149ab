namespace QuickStart;

/// <summary>A weather API that times out on its first calls, the way real ones do under load.</summary>
public sealed class FlakyWeatherApi(int failuresBeforeSuccess)
{
    private int _calls;

    public int Calls => _calls;

    public async Task<string> GetForecastAsync(string city, CancellationToken cancellationToken)
    {
        // The simulation counts every attempt on purpose: that a retry runs this again is what the demo shows.
#pragma warning disable RES1002 // justification: attempt counter of a simulated service
        int call = Interlocked.Increment(ref _calls);
#pragma warning restore RES1002
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
#pragma warning disable RES1001 // justification: attempt counter of a simulated service
        Calls++;
#pragma warning restore RES1001
        throw new HttpRequestException("news API: connection refused");
    }
}
