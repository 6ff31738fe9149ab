namespace Resilience.Runtime.Tests;

public sealed class CallerCancellationTests
{
    [Fact]
    public void A_cancellation_through_a_linked_token_is_rethrown_with_the_callers_token()
    {
        using var caller = new CancellationTokenSource();
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(caller.Token);
        caller.Cancel();
        var fromImplementation = new OperationCanceledException(linked.Token);

        Assert.True(CallerCancellation.NeedsCallerToken(fromImplementation, caller.Token));
        OperationCanceledException rethrown = CallerCancellation.WithCallerToken(fromImplementation, caller.Token);

        Assert.Equal(caller.Token, rethrown.CancellationToken);
        Assert.Same(fromImplementation, rethrown.InnerException);
    }

    [Fact]
    public void A_cancellation_that_already_carries_the_callers_token_or_is_not_the_callers_is_left_alone()
    {
        using var caller = new CancellationTokenSource();
        using var other = new CancellationTokenSource();
        other.Cancel();

        Assert.False(CallerCancellation.NeedsCallerToken(new OperationCanceledException(other.Token), caller.Token)); // caller did not cancel
        caller.Cancel();
        Assert.False(CallerCancellation.NeedsCallerToken(new OperationCanceledException(caller.Token), caller.Token));
        Assert.False(CallerCancellation.NeedsCallerToken(new InvalidOperationException(), caller.Token));
    }
}
