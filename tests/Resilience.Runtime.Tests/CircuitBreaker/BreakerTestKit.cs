namespace Resilience.Runtime.Tests.Breakers;

internal sealed class DependencyDownException : Exception
{
    public DependencyDownException() : base("down") { }
}

internal sealed class ValidationFailedException : Exception
{
    public ValidationFailedException() : base("invalid input") { }
}

/// <summary>Calls through a breaker the way generated code does.</summary>
internal static class BreakerCalls
{
    public static void Succeed(CircuitBreakerPolicy policy) => Run(policy, () => { });

    public static void Fail(CircuitBreakerPolicy policy, Exception? exception = null) =>
        Assert.Throws(exception?.GetType() ?? typeof(DependencyDownException), () => Run(policy, () => throw (exception ?? new DependencyDownException())));

    public static void Run(CircuitBreakerPolicy policy, Action core, CancellationToken cancellationToken = default)
    {
        var breaker = policy.Enter();
        try
        {
            core();
            breaker.OnSuccess();
        }
        catch (Exception ex)
        {
            breaker.OnFailure(ex, cancellationToken);
            throw;
        }
    }
}
