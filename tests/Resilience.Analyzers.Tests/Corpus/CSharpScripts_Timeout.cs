// Source: github.com/cesarrrguez/CSharpScripts — src/Polly/timeout.csx
// Original: Policy.TimeoutAsync(seconds: 1, TimeoutStrategy.Pessimistic, onTimeoutAsync: ...).ExecuteAndCaptureAsync(async () => await Task.Delay(TimeSpan.FromSeconds(2)));
// Retried here as well (timeouts are usually wrapped in a retry); the body only waits.
public partial class TimeoutScript
{
    [Retry(MaxRetries = 2)]
    [Timeout(1000)]
    public partial Task TimeoutAsync(CancellationToken cancellationToken);
    private async Task TimeoutAsyncCore(CancellationToken cancellationToken) => await Task.Delay(TimeSpan.FromSeconds(2), cancellationToken);
}
