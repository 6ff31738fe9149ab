using QuickStart;

namespace Resilience.IntegrationTests;

/// <summary>Runs the QuickStart sample's demo end to end (real delays of a few hundred milliseconds, as a user sees them).</summary>
public class QuickStartTests
{
    [Fact]
    public async Task Retry_recovers_and_fallback_takes_over()
    {
        var output = new StringWriter();

        int exitCode = await QuickStartDemo.RunAsync(output);

        string text = output.ToString();
        Assert.Equal(0, exitCode);
        Assert.Contains("Lisbon: 18°C, light rain (recovered after 2 retries)", text);
        Assert.Contains("fallback: serving cached headlines after 'news API: connection refused'", text);
        Assert.Contains("(3 calls to the news API, then the fallback)", text);
    }
}
