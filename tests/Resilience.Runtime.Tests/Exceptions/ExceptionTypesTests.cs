namespace Resilience.Runtime.Tests;

public sealed class ExceptionTypesTests
{
    private const string PolicyName = "Contoso.Agents.IncidentAgent.FetchMetricsAsync";

    // ---- RetryBudgetExceededException ----

    [Fact]
    public void RetryBudgetExceededException_names_the_policy_and_carries_the_last_failure()
    {
        var last = new HttpRequestException("503");

        var ex = new RetryBudgetExceededException(PolicyName, 4, TimeSpan.FromMilliseconds(7_000), TimeSpan.FromMilliseconds(8_000), TimeSpan.FromMilliseconds(10_000), last);

        Assert.IsAssignableFrom<ResilienceException>(ex);
        Assert.Equal(PolicyName, ex.PolicyName);
        Assert.Same(last, ex.InnerException);
        Assert.Equal(4, ex.Attempts);
        Assert.Equal(TimeSpan.FromSeconds(7), ex.TotalDelay);
        Assert.Equal(TimeSpan.FromSeconds(10), ex.Budget);
        Assert.Contains($"Retry policy '{PolicyName}'", ex.Message, StringComparison.Ordinal);
        Assert.Contains("4 attempt(s)", ex.Message, StringComparison.Ordinal);
        Assert.Contains("8000 ms", ex.Message, StringComparison.Ordinal);
        Assert.Contains("7000 ms", ex.Message, StringComparison.Ordinal);
        Assert.Contains("10000 ms", ex.Message, StringComparison.Ordinal);
    }

    // ---- ResilienceTimeoutException ----

    [Fact]
    public void ResilienceTimeoutException_is_a_TimeoutException_naming_the_policy_and_the_timeout()
    {
        var cancellation = new OperationCanceledException();

        var ex = new ResilienceTimeoutException(PolicyName, TimeSpan.FromMilliseconds(250), cancellation);

        Assert.IsAssignableFrom<TimeoutException>(ex);
        Assert.Equal(PolicyName, ex.PolicyName);
        Assert.Equal(TimeSpan.FromMilliseconds(250), ex.Timeout);
        Assert.Same(cancellation, ex.InnerException);
        Assert.Contains($"Timeout policy '{PolicyName}'", ex.Message, StringComparison.Ordinal);
        Assert.Contains("250 ms", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ResilienceTimeoutException_needs_no_inner_exception_but_a_policy_name()
    {
        Assert.Null(new ResilienceTimeoutException(PolicyName, TimeSpan.FromSeconds(1)).InnerException);
        Assert.Equal("policyName", Assert.Throws<ArgumentNullException>(() => new ResilienceTimeoutException(null!, TimeSpan.FromSeconds(1))).ParamName);
    }

    // ---- FallbackExhaustedException ----

    [Fact]
    public void FallbackExhaustedException_keeps_every_failure_in_order()
    {
        var method = new HttpRequestException("datadog down");
        var cache = new IOException("cache file missing");
        var defaults = new InvalidOperationException("no defaults configured");

        var ex = new FallbackExhaustedException(PolicyName, new Exception[] { method, cache, defaults });

        Assert.Equal(3, ex.Failures.Count);
        Assert.Same(method, ex.Failures[0]);
        Assert.Same(cache, ex.Failures[1]);
        Assert.Same(defaults, ex.Failures[2]);
        Assert.Same(defaults, ex.InnerException);
        Assert.Equal(PolicyName, ex.PolicyName);
        Assert.IsAssignableFrom<ResilienceException>(ex);
    }

    [Fact]
    public void FallbackExhaustedException_message_names_the_policy_and_every_failure_in_order()
    {
        var ex = new FallbackExhaustedException(PolicyName, new Exception[]
        {
            new HttpRequestException("datadog down"),
            new IOException("cache file missing"),
        });

        Assert.Contains($"'{PolicyName}'", ex.Message, StringComparison.Ordinal);
        Assert.Contains("1 fallback(s)", ex.Message, StringComparison.Ordinal);
        int method = ex.Message.IndexOf("method: HttpRequestException: datadog down", StringComparison.Ordinal);
        int fallback = ex.Message.IndexOf("fallback 1: IOException: cache file missing", StringComparison.Ordinal);
        Assert.True(method >= 0, ex.Message);
        Assert.True(fallback > method, ex.Message);
    }

    [Fact]
    public void FallbackExhaustedException_copies_the_failures()
    {
        var failures = new List<Exception> { new IOException("a"), new IOException("b") };

        var ex = new FallbackExhaustedException(PolicyName, failures);
        failures.Add(new IOException("c"));
        failures[0] = new IOException("replaced");

        Assert.Equal(new[] { "a", "b" }, ex.Failures.Select(f => f.Message));
        Assert.False(ex.Failures is IList<Exception> { IsReadOnly: false });
    }

    [Fact]
    public void FallbackExhaustedException_rejects_fewer_than_two_failures()
    {
        Assert.Equal("failures", Assert.Throws<ArgumentException>(() => new FallbackExhaustedException(PolicyName, Array.Empty<Exception>())).ParamName);
        Assert.Equal("failures", Assert.Throws<ArgumentException>(() => new FallbackExhaustedException(PolicyName, new Exception[] { new IOException() })).ParamName);
        Assert.Equal("failures", Assert.ThrowsAny<ArgumentException>(() => new FallbackExhaustedException(PolicyName, null!)).ParamName);
    }

    // ---- CircuitBreakerOpenException ----

    [Fact]
    public void CircuitBreakerOpenException_while_open_says_how_long_calls_are_rejected()
    {
        var ex = new CircuitBreakerOpenException("datadog", TimeSpan.FromMilliseconds(1_500));

        Assert.Equal("datadog", ex.BreakerName);
        Assert.Equal("datadog", ex.PolicyName);
        Assert.Equal(TimeSpan.FromMilliseconds(1_500), ex.RetryAfter);
        Assert.Contains("Circuit breaker 'datadog' is open", ex.Message, StringComparison.Ordinal);
        Assert.Contains("1500 ms", ex.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("isolated", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void CircuitBreakerOpenException_while_isolated_says_it_waits_for_a_reset()
    {
        var ex = new CircuitBreakerOpenException("datadog", Timeout.InfiniteTimeSpan);

        Assert.Equal(Timeout.InfiniteTimeSpan, ex.RetryAfter);
        Assert.Contains("Circuit breaker 'datadog' is isolated", ex.Message, StringComparison.Ordinal);
        Assert.Contains("reset", ex.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(" ms", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void CircuitBreakerOpenException_while_half_open_and_busy_says_zero_ms()
    {
        var ex = new CircuitBreakerOpenException("datadog", TimeSpan.Zero);

        Assert.Equal(TimeSpan.Zero, ex.RetryAfter);
        Assert.Contains("'datadog'", ex.Message, StringComparison.Ordinal);
        Assert.Contains("0 ms", ex.Message, StringComparison.Ordinal);
    }

    // ---- The other policies' exceptions ----

    [Fact]
    public void BulkheadRejectedException_names_the_bulkhead_and_its_limits()
    {
        var ex = new BulkheadRejectedException("payments", 10, 5);

        Assert.Equal("payments", ex.PolicyName);
        Assert.Equal(10, ex.MaxConcurrency);
        Assert.Equal(5, ex.MaxQueue);
        Assert.Contains("Bulkhead 'payments'", ex.Message, StringComparison.Ordinal);
        Assert.Contains("10 call(s) running and 5 queued", ex.Message, StringComparison.Ordinal);
    }

    // ---- Rejections and timeouts format their message lazily ----

    [Fact]
    public void Rejection_and_timeout_exceptions_build_no_message_until_it_is_read()
    {
        // The bare object only: the same size as an Exception plus the few fields the type adds, no formatted string.
        long bare = AllocatedBy(() => new InvalidOperationException((string?)null));

        long open = AllocatedBy(() => new CircuitBreakerOpenException(PolicyName, TimeSpan.FromSeconds(30)));
        long bulkhead = AllocatedBy(() => new BulkheadRejectedException(PolicyName, 10, 0));
        long timeout = AllocatedBy(() => new ResilienceTimeoutException(PolicyName, TimeSpan.FromSeconds(5)));

        Assert.InRange(open, bare, bare + 32);
        Assert.InRange(bulkhead, bare, bare + 32);
        Assert.InRange(timeout, bare, bare + 32);
    }

    [Fact]
    public void A_lazily_formatted_message_is_formatted_once_and_shows_in_ToString()
    {
        var ex = new CircuitBreakerOpenException(PolicyName, TimeSpan.FromMilliseconds(1_500));

        string first = ex.Message;

        Assert.Same(first, ex.Message);
        Assert.Contains($"Circuit breaker '{PolicyName}' is open", first, StringComparison.Ordinal);
        Assert.Contains(first, ex.ToString(), StringComparison.Ordinal);
        Assert.Contains("rejected the call", new BulkheadRejectedException(PolicyName, 1, 0).ToString(), StringComparison.Ordinal);
        Assert.Contains("1500 ms", new ResilienceTimeoutException(PolicyName, TimeSpan.FromMilliseconds(1_500)).ToString(), StringComparison.Ordinal);
    }

    private static long AllocatedBy(Func<Exception> create)
    {
        create(); // JIT
        long before = GC.GetAllocatedBytesForCurrentThread();
        Exception created = create();
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        GC.KeepAlive(created);
        return allocated;
    }

    [Fact]
    public void IdempotencyKeyReusedException_names_the_key_and_the_policy()
    {
        var ex = new IdempotencyKeyReusedException(PolicyName, "checkout:42");

        Assert.Equal("checkout:42", ex.Key);
        Assert.Equal(PolicyName, ex.PolicyName);
        Assert.Contains("'checkout:42'", ex.Message, StringComparison.Ordinal);
        Assert.Contains($"'{PolicyName}'", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void IdempotencyConflictException_keeps_the_key_and_the_message()
    {
        var ex = new IdempotencyConflictException(PolicyName, "checkout:42", "Another call holds 'checkout:42'.");

        Assert.Equal("checkout:42", ex.Key);
        Assert.Equal(PolicyName, ex.PolicyName);
        Assert.Equal("Another call holds 'checkout:42'.", ex.Message);
    }

    [Fact]
    public void CheckpointCorruptedException_names_the_workflow_the_step_and_the_location()
    {
        var inner = new IOException("bad checksum");

        var ex = new CheckpointCorruptedException("wf-7", "Diagnose", "/var/lib/checkpoints/wf-7.json", "checksum mismatch", inner);

        Assert.Equal("wf-7", ex.WorkflowId);
        Assert.Equal("Diagnose", ex.Step);
        Assert.Equal("/var/lib/checkpoints/wf-7.json", ex.Location);
        Assert.Same(inner, ex.InnerException);
        Assert.Contains("'Diagnose'", ex.Message, StringComparison.Ordinal);
        Assert.Contains("'wf-7'", ex.Message, StringComparison.Ordinal);
        Assert.Contains("/var/lib/checkpoints/wf-7.json", ex.Message, StringComparison.Ordinal);
        Assert.Contains("checksum mismatch", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void CheckpointMismatchException_names_the_workflow_and_both_steps()
    {
        var ex = new CheckpointMismatchException("wf-7", "Remediate", "Diagnose", "step renamed");

        Assert.Equal("wf-7", ex.WorkflowId);
        Assert.Equal("Remediate", ex.ExpectedStep);
        Assert.Equal("Diagnose", ex.RecordedStep);
        Assert.Contains("'wf-7'", ex.Message, StringComparison.Ordinal);
        Assert.Contains("'Remediate'", ex.Message, StringComparison.Ordinal);
        Assert.Contains("'Diagnose'", ex.Message, StringComparison.Ordinal);
        Assert.Contains("step renamed", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Every_policy_exception_requires_a_policy_name()
    {
        Assert.Equal("policyName", Assert.Throws<ArgumentNullException>(() => new BulkheadRejectedException(null!, 1, 0)).ParamName);
        Assert.Equal("policyName", Assert.Throws<ArgumentNullException>(() => new CircuitBreakerOpenException(null!, TimeSpan.Zero)).ParamName);
        Assert.Equal("policyName", Assert.Throws<ArgumentNullException>(() => new IdempotencyKeyReusedException(null!, "k")).ParamName);
        Assert.Equal("policyName", Assert.Throws<ArgumentNullException>(
            () => new RetryBudgetExceededException(null!, 1, TimeSpan.Zero, TimeSpan.Zero, TimeSpan.Zero, new IOException())).ParamName);
    }
}
