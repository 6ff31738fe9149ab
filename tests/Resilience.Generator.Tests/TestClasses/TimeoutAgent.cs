namespace Resilience.Generator.Tests.TestClasses;

public partial class TimeoutAgent(TimeProvider time)
{
    public int Attempts { get; private set; }

    public int SucceedOnAttempt { get; set; } = int.MaxValue;

    /// <summary>Hangs until its token is cancelled, except on <see cref="SucceedOnAttempt"/>.</summary>
    [Timeout(1_000)]
    public partial Task<string> HangAsync(CancellationToken cancellationToken);
    private async Task<string> HangAsyncCore(CancellationToken cancellationToken)
    {
        Attempts++;
        if (Attempts >= SucceedOnAttempt) return "done";
        await Task.Delay(Timeout.InfiniteTimeSpan, time, cancellationToken);
        return "never";
    }

    [Retry(MaxRetries = 2, BaseDelayMs = 0)]
    [Timeout(500)]
    public partial ValueTask<string> EachAttemptTimedAsync(CancellationToken cancellationToken);
    private async ValueTask<string> EachAttemptTimedAsyncCore(CancellationToken cancellationToken)
    {
        Attempts++;
        if (Attempts >= SucceedOnAttempt) return "attempt " + Attempts;
        await Task.Delay(Timeout.InfiniteTimeSpan, time, cancellationToken);
        return "never";
    }

    /// <summary>No token: the work cannot be cancelled, only abandoned (what RES0014 warns about, on purpose here).</summary>
#pragma warning disable RES0014
    [Timeout(200)]
    public partial Task AbandonAsync(TaskCompletionSource work);
#pragma warning restore RES0014
    private Task AbandonAsyncCore(TaskCompletionSource work) => work.Task;

    [Timeout(200)]
    public partial int SyncWithToken(CancellationToken cancellationToken);
    private int SyncWithTokenCore(CancellationToken cancellationToken) => cancellationToken.CanBeCanceled ? 1 : 0;
}
