using Resilience;

namespace Resilience.Attributes.Tests;

public class AttributeDefaultsTests
{
    [Fact]
    public void Retry_defaults_match_the_contract()
    {
        var retry = new RetryAttribute();
        Assert.Equal(3, retry.MaxRetries);
        Assert.Equal(1000, retry.BaseDelayMs);
        Assert.Equal(60_000, retry.MaxDelayMs);
        Assert.Equal(Backoff.Exponential, retry.Backoff);
        Assert.Equal(2.0, retry.ExponentialBase);
        Assert.Equal(Jitter.Full, retry.Jitter);
        Assert.Equal(0, retry.MaxTotalDelayMs);
        Assert.Empty(retry.RetryOn);
        Assert.Empty(retry.AbortOn);
        Assert.Null(retry.ShouldRetry);
        Assert.Null(retry.RetryOnResult);
        Assert.Null(retry.RetryAfter);
        Assert.Null(retry.OnRetry);
    }

    [Fact]
    public void CircuitBreaker_defaults_match_the_contract()
    {
        var breaker = new CircuitBreakerAttribute();
        Assert.Null(breaker.Name);
        Assert.Equal(5, breaker.FailureThreshold);
        Assert.Equal(0, breaker.SamplingDurationMs);
        Assert.Equal(0.0, breaker.FailureRatio);
        Assert.Equal(10, breaker.MinimumThroughput);
        Assert.Equal(30_000, breaker.BreakDurationMs);
        Assert.Equal(2, breaker.HalfOpenSuccesses);
        Assert.Empty(breaker.HandleOn);
        Assert.Empty(breaker.IgnoreOn);
        Assert.Equal(0, breaker.SamplingCalls);
        Assert.Equal(0, breaker.SlowCallMs);
        Assert.Equal(0.0, breaker.SlowCallRatio);
        Assert.Null(breaker.HandleOnResult);
        Assert.Null(breaker.OnStateChange);
    }

    [Fact]
    public void Timeout_Bulkhead_Fallback_defaults_match_the_contract()
    {
        Assert.Equal(5000, new TimeoutAttribute(5000).Ms);
        Assert.Equal(TimeoutScope.Attempt, new TimeoutAttribute(5000).Scope);
        Assert.Equal(TimeoutScope.Overall, new TimeoutAttribute(5000) { Scope = TimeoutScope.Overall }.Scope);

        var bulkhead = new BulkheadAttribute();
        Assert.Equal(10, bulkhead.MaxConcurrency);
        Assert.Equal(0, bulkhead.MaxQueue);
        Assert.Null(bulkhead.Name);

        var fallback = new FallbackAttribute("Cached");
        Assert.Equal("Cached", fallback.Method);
        Assert.Equal(0, fallback.Order);
        Assert.Empty(fallback.HandleOn);
        Assert.Empty(fallback.SkipOn);
        Assert.Null(fallback.HandleOnResult);
    }

    [Fact]
    public void New_enum_values_keep_their_numbers()
    {
        // Enum values are compiled into user assemblies; their numbers are part of the contract.
        Assert.Equal(4, (int)Jitter.Proportional);
        Assert.Equal(0, (int)TimeoutScope.Attempt);
        Assert.Equal(1, (int)TimeoutScope.Overall);
    }

    [Fact]
    public void Idempotent_and_Checkpoint_defaults_match_the_contract()
    {
        var idempotent = new IdempotentAttribute();
        Assert.Null(idempotent.Key);
        Assert.Equal(86_400, idempotent.TtlSeconds);
        Assert.Equal(300, idempotent.LeaseSeconds);
        Assert.Equal(ConcurrentDuplicateBehavior.Wait, idempotent.OnConcurrentDuplicate);

        Assert.Null(new CheckpointAttribute().Step);
    }

    [Fact]
    public void LastKnownGood_defaults_match_the_contract()
    {
        var lastKnownGood = new LastKnownGoodAttribute();
        Assert.Equal(3_600, lastKnownGood.MaxAgeSeconds);
        Assert.Null(lastKnownGood.Key);
        Assert.Equal(0, lastKnownGood.Order);
    }

    [Theory]
    [InlineData(typeof(RetryAttribute), AttributeTargets.Method | AttributeTargets.Class, false)]
    [InlineData(typeof(CircuitBreakerAttribute), AttributeTargets.Method | AttributeTargets.Class, false)]
    [InlineData(typeof(TimeoutAttribute), AttributeTargets.Method | AttributeTargets.Class, true)]
    [InlineData(typeof(BulkheadAttribute), AttributeTargets.Method | AttributeTargets.Class, false)]
    [InlineData(typeof(FallbackAttribute), AttributeTargets.Method, true)]
    [InlineData(typeof(LastKnownGoodAttribute), AttributeTargets.Method, false)]
    [InlineData(typeof(IdempotentAttribute), AttributeTargets.Method, false)]
    [InlineData(typeof(CheckpointAttribute), AttributeTargets.Method, false)]
    [InlineData(typeof(NoClassPoliciesAttribute), AttributeTargets.Method, false)]
    [InlineData(typeof(ResilientProxyAttribute), AttributeTargets.Class, false)]
    public void Attribute_targets_match_the_contract(Type attribute, AttributeTargets targets, bool allowMultiple)
    {
        var usage = (AttributeUsageAttribute)Attribute.GetCustomAttribute(attribute, typeof(AttributeUsageAttribute))!;
        Assert.Equal(targets, usage.ValidOn);
        Assert.Equal(allowMultiple, usage.AllowMultiple);
        Assert.False(usage.Inherited);
    }

    [Fact]
    public void ResilientProxy_keeps_its_interface_and_NoClassPolicies_defaults_to_every_kind()
    {
        Assert.Equal(typeof(IDisposable), new ResilientProxyAttribute(typeof(IDisposable)).Interface);
        Assert.Equal(ClassPolicies.All, new NoClassPoliciesAttribute().Policies);
        Assert.Equal(ClassPolicies.Retry | ClassPolicies.Timeout, new NoClassPoliciesAttribute(ClassPolicies.Retry | ClassPolicies.Timeout).Policies);
        Assert.Equal(ClassPolicies.Retry | ClassPolicies.CircuitBreaker | ClassPolicies.Timeout | ClassPolicies.Bulkhead, ClassPolicies.All);
    }
}
