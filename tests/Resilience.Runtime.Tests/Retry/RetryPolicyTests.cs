namespace Resilience.Runtime.Tests;

public sealed class RetryPolicyTests
{
    private const string PolicyName = "Contoso.Agents.IncidentAgent.FetchMetricsAsync";

    [Fact]
    public void A_new_policy_uses_the_attribute_values()
    {
        var options = new RetryOptions { MaxRetries = 5 };

        var policy = new RetryPolicy(PolicyName, options);

        Assert.Equal(PolicyName, policy.Name);
        Assert.Same(options, policy.DefaultOptions);
        Assert.Same(options, policy.Options);
    }

    [Fact]
    public void The_constructor_rejects_nulls()
    {
        Assert.Equal("name", Assert.Throws<ArgumentNullException>(() => new RetryPolicy(null!, RetryOptions.Default)).ParamName);
        Assert.Equal("options", Assert.Throws<ArgumentNullException>(() => new RetryPolicy(PolicyName, null!)).ParamName);
    }

    [Fact]
    public void Override_replaces_the_values_in_force_but_not_the_defaults()
    {
        var defaults = new RetryOptions { MaxRetries = 5 };
        var policy = new RetryPolicy(PolicyName, defaults);
        var overridden = new RetryOptions { MaxRetries = 1, Jitter = Jitter.None };

        policy.Override(overridden);

        Assert.Same(overridden, policy.Options);
        Assert.Same(defaults, policy.DefaultOptions);
    }

    [Fact]
    public void Override_with_null_restores_the_defaults()
    {
        var defaults = new RetryOptions { MaxRetries = 5 };
        var policy = new RetryPolicy(PolicyName, defaults);
        policy.Override(new RetryOptions { MaxRetries = 1 });

        policy.Override(null);

        Assert.Same(defaults, policy.Options);
    }

    [Fact]
    public void An_invalid_override_throws_and_leaves_the_values_in_force_unchanged()
    {
        var policy = new RetryPolicy(PolicyName, RetryOptions.Default);
        var first = new RetryOptions { MaxRetries = 1 };
        policy.Override(first);

        ArgumentException ex = Assert.ThrowsAny<ArgumentException>(() => policy.Override(new RetryOptions { MaxRetries = -3 }));

        Assert.Contains(PolicyName, ex.Message, StringComparison.Ordinal);
        Assert.Contains(nameof(RetryOptions.MaxRetries), ex.Message, StringComparison.Ordinal);
        Assert.Same(first, policy.Options);
    }

    [Fact]
    public void A_call_keeps_the_values_in_force_when_it_started()
    {
        var policy = new RetryPolicy(PolicyName, new RetryOptions { MaxRetries = 1, BaseDelayMs = 0, Jitter = Jitter.None });
        var started = new RetryState(policy);

        policy.Override(new RetryOptions { MaxRetries = 5, BaseDelayMs = 0, Jitter = Jitter.None });
        var later = new RetryState(policy);

        var failure = new InvalidOperationException();
        started.OnRetry(failure);
        later.OnRetry(failure);
        Assert.False(started.ShouldRetry(failure, CancellationToken.None));
        Assert.True(later.ShouldRetry(failure, CancellationToken.None));
    }

    [Fact]
    public void NextRandom_is_in_the_unit_interval()
    {
        var policy = new RetryPolicy(PolicyName, RetryOptions.Default);

        for (int i = 0; i < 1_000; i++)
        {
            double value = policy.NextRandom();
            Assert.InRange(value, 0.0, 1.0);
            Assert.True(value < 1.0);
        }
    }
}
