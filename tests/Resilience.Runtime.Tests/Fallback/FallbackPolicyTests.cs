namespace Resilience.Runtime.Tests;

public sealed class FallbackPolicyTests
{
    private const string PolicyName = "Contoso.Agents.IncidentAgent.FetchMetricsAsync";
    private const string FallbackMethod = "FetchMetricsFromCacheAsync";

    private static FallbackPolicy Policy(Type[]? handleOn = null, Type[]? skipOn = null) =>
        new(PolicyName, FallbackMethod, new FallbackOptions { Exceptions = new ExceptionTypeFilter(handleOn, skipOn) });

    [Fact]
    public void A_new_policy_keeps_its_names_and_options()
    {
        var options = new FallbackOptions();

        var policy = new FallbackPolicy(PolicyName, FallbackMethod, options);

        Assert.Equal(PolicyName, policy.Name);
        Assert.Equal(FallbackMethod, policy.FallbackMethod);
        Assert.Same(options, policy.DefaultOptions);
        Assert.Same(options, policy.Options);
    }

    [Fact]
    public void The_constructor_rejects_nulls()
    {
        Assert.Equal("name", Assert.Throws<ArgumentNullException>(() => new FallbackPolicy(null!, FallbackMethod, FallbackOptions.Default)).ParamName);
        Assert.Equal("fallbackMethod", Assert.Throws<ArgumentNullException>(() => new FallbackPolicy(PolicyName, null!, FallbackOptions.Default)).ParamName);
        Assert.Equal("options", Assert.Throws<ArgumentNullException>(() => new FallbackPolicy(PolicyName, FallbackMethod, null!)).ParamName);
    }

    [Fact]
    public void By_default_every_failure_is_handled()
    {
        var policy = new FallbackPolicy(PolicyName, FallbackMethod, FallbackOptions.Default);

        Assert.Same(ExceptionTypeFilter.All, FallbackOptions.Default.Exceptions);
        Assert.True(policy.Handles(new InvalidOperationException(), CancellationToken.None));
        Assert.True(policy.Handles(new HttpRequestException(), CancellationToken.None));
        Assert.True(policy.Handles(new ResilienceTimeoutException("p", TimeSpan.FromSeconds(1)), CancellationToken.None));
        Assert.True(policy.Handles(new CircuitBreakerOpenException("datadog", TimeSpan.FromSeconds(1)), CancellationToken.None));
        Assert.True(policy.Handles(new RetryBudgetExceededException("p", 2, TimeSpan.Zero, TimeSpan.Zero, TimeSpan.Zero, new IOException()), CancellationToken.None));
    }

    [Fact]
    public void HandleOn_handles_the_listed_types_and_their_subclasses_only()
    {
        FallbackPolicy policy = Policy(handleOn: new[] { typeof(HttpRequestException), typeof(TimeoutException) });

        Assert.True(policy.Handles(new HttpRequestException(), CancellationToken.None));
        Assert.True(policy.Handles(new TimeoutException(), CancellationToken.None));
        Assert.True(policy.Handles(new ResilienceTimeoutException("p", TimeSpan.FromSeconds(1)), CancellationToken.None));
        Assert.False(policy.Handles(new InvalidOperationException(), CancellationToken.None));
        Assert.False(policy.Handles(new Exception(), CancellationToken.None));
    }

    [Fact]
    public void SkipOn_passes_the_listed_types_and_their_subclasses_through()
    {
        FallbackPolicy policy = Policy(skipOn: new[] { typeof(ArgumentException) });

        Assert.False(policy.Handles(new ArgumentException(), CancellationToken.None));
        Assert.False(policy.Handles(new ArgumentNullException("x"), CancellationToken.None));
        Assert.True(policy.Handles(new InvalidOperationException(), CancellationToken.None));
    }

    [Fact]
    public void SkipOn_wins_over_HandleOn()
    {
        FallbackPolicy policy = Policy(handleOn: new[] { typeof(IOException) }, skipOn: new[] { typeof(FileNotFoundException) });

        Assert.True(policy.Handles(new IOException(), CancellationToken.None));
        Assert.True(policy.Handles(new DirectoryNotFoundException(), CancellationToken.None));
        Assert.False(policy.Handles(new FileNotFoundException(), CancellationToken.None));
    }

    [Fact]
    public void The_caller_s_cancellation_is_never_handled()
    {
        using var caller = new CancellationTokenSource();
        caller.Cancel();

        foreach (FallbackPolicy policy in new[] { Policy(), Policy(handleOn: new[] { typeof(OperationCanceledException) }) })
        {
            Assert.False(policy.Handles(new OperationCanceledException(caller.Token), caller.Token));
            Assert.False(policy.Handles(new TaskCanceledException(), caller.Token));
            Assert.False(policy.Handles(new OperationCanceledException(), caller.Token));
        }
    }

    [Fact]
    public void A_cancellation_that_is_not_the_caller_s_is_handled()
    {
        using var caller = new CancellationTokenSource();
        using var timeout = new CancellationTokenSource();
        timeout.Cancel();
        FallbackPolicy policy = Policy();

        Assert.True(policy.Handles(new OperationCanceledException(timeout.Token), caller.Token));
        Assert.True(policy.Handles(new TaskCanceledException(), CancellationToken.None));
    }

    [Fact]
    public void Handles_has_no_side_effects()
    {
        FallbackPolicy policy = Policy(handleOn: new[] { typeof(IOException) });
        var failure = new IOException();

        for (int i = 0; i < 3; i++)
        {
            Assert.True(policy.Handles(failure, CancellationToken.None));
        }

        Assert.Same(policy.DefaultOptions, policy.Options);
    }

    [Fact]
    public void Override_replaces_the_filter_and_null_restores_the_attribute_s()
    {
        FallbackPolicy policy = Policy(handleOn: new[] { typeof(IOException) });
        FallbackOptions defaults = policy.Options;

        policy.Override(new FallbackOptions { Exceptions = new ExceptionTypeFilter(new[] { typeof(InvalidOperationException) }, null) });
        Assert.True(policy.Handles(new InvalidOperationException(), CancellationToken.None));
        Assert.False(policy.Handles(new IOException(), CancellationToken.None));

        policy.Override(null);
        Assert.Same(defaults, policy.Options);
        Assert.False(policy.Handles(new InvalidOperationException(), CancellationToken.None));
        Assert.True(policy.Handles(new IOException(), CancellationToken.None));
    }
    [Fact]
    public void Options_without_an_exception_filter_are_rejected_up_front_naming_the_policy()
    {
        // Otherwise the mistake would surface as a NullReferenceException from Handles, on the first failure in production.
        var broken = new FallbackOptions { Exceptions = null! };

        ArgumentException fromConstructor = Assert.ThrowsAny<ArgumentException>(() => new FallbackPolicy(PolicyName, FallbackMethod, broken));
        Assert.Contains($"'{PolicyName}'", fromConstructor.Message, StringComparison.Ordinal);
        Assert.Contains(nameof(FallbackOptions.Exceptions), fromConstructor.Message, StringComparison.Ordinal);

        FallbackPolicy policy = Policy();
        FallbackOptions before = policy.Options;
        ArgumentException fromOverride = Assert.ThrowsAny<ArgumentException>(() => policy.Override(broken));
        Assert.Contains($"'{PolicyName}'", fromOverride.Message, StringComparison.Ordinal);
        Assert.Same(before, policy.Options);
    }

    [Fact]
    public void A_result_named_a_failure_is_handled_and_stands_in_as_an_exception()
    {
        var policy = Policy(handleOn: new[] { typeof(TimeoutException) });

        Assert.True(policy.HandlesResult()); // the exception filter does not apply to results

        HandledResultException failure = policy.ResultFailure(503);
        Assert.Equal(PolicyName, failure.PolicyName);
        Assert.Equal(503, failure.Result);
        Assert.Contains("503", failure.Message, StringComparison.Ordinal);

        var exhausted = new FallbackExhaustedException(PolicyName, new Exception[] { failure, new IOException() });
        Assert.Same(failure, exhausted.Failures[0]);
    }
}
