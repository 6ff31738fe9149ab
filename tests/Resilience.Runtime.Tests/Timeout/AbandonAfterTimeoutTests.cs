using Resilience.Testing;

namespace Resilience.Runtime.Tests;

public sealed class AbandonAfterTimeoutTests : IDisposable
{
    private const string PolicyName = "Contoso.Agents.IncidentAgent.RenderReport";

    private readonly FakeClock _time = new();
    private readonly TimeoutPolicy _policy = new(PolicyName, new TimeoutOptions { Ms = 1_000 });

    private readonly IDisposable _clock;

    public AbandonAfterTimeoutTests()
    {
        // The clock of this test's flow only: these tests run in parallel with the others.
        _clock = ResilienceRuntime.UseTimeProvider(_time);
    }

    public void Dispose() => _clock.Dispose();

    private static TimeSpan Ms(double milliseconds) => TimeSpan.FromMilliseconds(milliseconds);

    // ---- Completed work passes straight through ----

    [Fact]
    public void A_completed_Task_is_returned_as_is()
    {
        Task done = Task.CompletedTask;

        Assert.Same(done, _policy.AbandonAfterTimeout(done));
        Assert.Empty(_time.RequestedDelays);
    }

    [Fact]
    public void A_completed_Task_of_T_is_returned_as_is()
    {
        Task<int> done = Task.FromResult(7);

        Assert.Same(done, _policy.AbandonAfterTimeout(done));
        Assert.Empty(_time.RequestedDelays);
    }

    [Fact]
    public void A_faulted_Task_is_returned_as_is()
    {
        Task<int> failed = Task.FromException<int>(new InvalidOperationException("boom"));

        Assert.Same(failed, _policy.AbandonAfterTimeout(failed));
        Assert.Same(failed, _policy.AbandonAfterTimeout((Task)failed));
        Assert.Empty(_time.RequestedDelays);
    }

    [Fact]
    public void A_completed_ValueTask_passes_through()
    {
        ValueTask result = _policy.AbandonAfterTimeout(default(ValueTask));

        Assert.True(result.IsCompletedSuccessfully);
        Assert.Empty(_time.RequestedDelays);
    }

    [Fact]
    public async Task A_completed_ValueTask_of_T_passes_its_result_through()
    {
        ValueTask<string> result = _policy.AbandonAfterTimeout(new ValueTask<string>("cached"));

        Assert.True(result.IsCompletedSuccessfully);
        Assert.Equal("cached", await result);
        Assert.Empty(_time.RequestedDelays);
    }

    // ---- Work that never finishes is abandoned at the timeout ----

    [Fact]
    public async Task A_Task_that_never_completes_times_out()
    {
        var never = new TaskCompletionSource();

        Task abandoned = _policy.AbandonAfterTimeout(never.Task);

        await AssertTimesOutAtTheTimeout(abandoned);
        Assert.False(never.Task.IsCompleted);
    }

    [Fact]
    public async Task A_Task_of_T_that_never_completes_times_out()
    {
        var never = new TaskCompletionSource<int>();

        Task<int> abandoned = _policy.AbandonAfterTimeout(never.Task);

        await AssertTimesOutAtTheTimeout(abandoned);
    }

    [Fact]
    public async Task A_ValueTask_that_never_completes_times_out()
    {
        var never = new TaskCompletionSource();

        ValueTask abandoned = _policy.AbandonAfterTimeout(new ValueTask(never.Task));

        await AssertTimesOutAtTheTimeout(abandoned.AsTask());
    }

    [Fact]
    public async Task A_ValueTask_of_T_that_never_completes_times_out()
    {
        var never = new TaskCompletionSource<string>();

        ValueTask<string> abandoned = _policy.AbandonAfterTimeout(new ValueTask<string>(never.Task));

        await AssertTimesOutAtTheTimeout(abandoned.AsTask());
    }

    [Fact]
    public async Task The_overridden_timeout_is_used()
    {
        _policy.Override(new TimeoutOptions { Ms = 250 });
        var never = new TaskCompletionSource();

        Task abandoned = _policy.AbandonAfterTimeout(never.Task);
        _time.Advance(Ms(250));

        ResilienceTimeoutException ex = await Assert.ThrowsAsync<ResilienceTimeoutException>(() => abandoned);
        Assert.Equal(Ms(250), ex.Timeout);
        Assert.Equal(new[] { Ms(250) }, _time.RequestedDelays);
    }

    // ---- Work that finishes in time keeps its outcome ----

    [Fact]
    public async Task Work_that_finishes_before_the_timeout_returns_its_result()
    {
        var work = new TaskCompletionSource<int>();
        Task<int> guarded = _policy.AbandonAfterTimeout(work.Task);

        _time.Advance(Ms(900));
        work.SetResult(42);

        Assert.Equal(42, await guarded);
        _time.Advance(Ms(1_000)); // the timer is gone: nothing fires late
        Assert.True(guarded.IsCompletedSuccessfully);
    }

    [Fact]
    public async Task Work_that_finishes_before_the_timeout_as_a_ValueTask_returns_its_result()
    {
        var work = new TaskCompletionSource<string>();
        ValueTask<string> guarded = _policy.AbandonAfterTimeout(new ValueTask<string>(work.Task));

        _time.Advance(Ms(999));
        work.SetResult("fresh");

        Assert.Equal("fresh", await guarded);
    }

    [Fact]
    public async Task A_failure_before_the_timeout_propagates_unchanged()
    {
        var work = new TaskCompletionSource();
        var failure = new InvalidOperationException("boom");
        Task guarded = _policy.AbandonAfterTimeout(work.Task);

        work.SetException(failure);

        Assert.Same(failure, await Assert.ThrowsAsync<InvalidOperationException>(() => guarded));
    }

    [Fact]
    public async Task The_work_s_own_TimeoutException_is_not_mistaken_for_the_policy_s()
    {
        var work = new TaskCompletionSource<int>();
        var ownTimeout = new TimeoutException("the database's own timeout");
        Task<int> guarded = _policy.AbandonAfterTimeout(work.Task);

        _time.Advance(Ms(10));
        work.SetException(ownTimeout);

        TimeoutException ex = await Assert.ThrowsAsync<TimeoutException>(() => guarded);
        Assert.Same(ownTimeout, ex);
    }

    [Fact]
    public async Task Cancelled_work_stays_cancelled()
    {
        var work = new TaskCompletionSource();
        Task guarded = _policy.AbandonAfterTimeout(work.Task);

        work.SetCanceled();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => guarded);
        Assert.True(guarded.IsCanceled);
    }

    private async Task AssertTimesOutAtTheTimeout(Task abandoned)
    {
        Assert.False(abandoned.IsCompleted);
        Assert.Equal(new[] { Ms(1_000) }, _time.RequestedDelays);

        _time.Advance(Ms(999));
        Assert.False(abandoned.IsCompleted);

        _time.Advance(Ms(1));
        ResilienceTimeoutException ex = await Assert.ThrowsAsync<ResilienceTimeoutException>(() => abandoned);

        Assert.Equal(PolicyName, ex.PolicyName);
        Assert.Equal(Ms(1_000), ex.Timeout);
        Assert.IsAssignableFrom<TimeoutException>(ex);
        Assert.Contains(PolicyName, ex.Message, StringComparison.Ordinal);
    }
}
