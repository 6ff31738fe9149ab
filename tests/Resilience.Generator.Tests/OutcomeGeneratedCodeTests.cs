using System.Net;
using System.Net.Sockets;
using Resilience.Generator.Tests.TestClasses;

namespace Resilience.Generator.Tests;

/// <summary>Compile-and-run: the outcome options in generated code (results as failures, HTTP defaults, callbacks, overall timeout, cancellation).</summary>
public class OutcomeGeneratedCodeTests : FakeClockTest
{
    private static OutcomeAgent Agent(params object[] script) => new(new ScriptedReplies().Then(script));

    private double[] DelaysMs => Time.RequestedDelays.Select(d => d.TotalMilliseconds).ToArray();

    [Fact]
    public void A_result_named_a_failure_is_retried_and_OnRetry_sees_each_attempt()
    {
        OutcomeAgent agent = Agent(new Reply(503), new TransientException("boom"), new Reply(200));

        Reply reply = agent.Get();

        Assert.Equal(200, reply.Status);
        Assert.Equal(3, agent.Replies.Calls);
        Assert.Equal(new[] { 100.0, 200.0 }, DelaysMs);
        Assert.Equal(new[] { "attempt 1 failed (503), retry in 100 ms", "attempt 2 failed (TransientException), retry in 200 ms" }, agent.Log);
    }

    [Fact]
    public void When_retries_end_on_a_handled_result_that_result_is_returned()
    {
        OutcomeAgent agent = Agent(new Reply(503), new Reply(503), new Reply(503), new Reply(503), new Reply(200));

        Reply reply = agent.Get();

        Assert.Equal(503, reply.Status);
        Assert.Equal(4, agent.Replies.Calls);
    }

    [Fact]
    public async Task RetryAfter_replaces_the_computed_delay_and_is_capped_by_MaxDelayMs()
    {
        OutcomeAgent agent = Agent(new Reply(503, TimeSpan.FromSeconds(2)), new Reply(503, TimeSpan.FromHours(5)), new Reply(200));

        Reply reply = await agent.GetAsync(CancellationToken.None);

        Assert.Equal(200, reply.Status);
        Assert.Equal(new[] { 2_000.0, 60_000.0 }, DelaysMs);
    }

    [Fact]
    public async Task The_fallback_takes_over_a_handled_result_once_retries_end()
    {
        OutcomeAgent agent = Agent(new Reply(503), new Reply(503), new Reply(503));

        Reply reply = await agent.GetWithFallbackAsync(CancellationToken.None);

        Assert.Equal(299, reply.Status);
        Assert.Equal(3, agent.Replies.Calls);
        Assert.StartsWith("fallback after Reply { Status = 503", Assert.Single(agent.Log));
    }

    [Fact]
    public void A_handled_result_counts_as_a_breaker_failure_and_OnStateChange_sees_the_transition()
    {
        OutcomeAgent.BreakerChanges.Clear();
        ResetBreaker("Resilience.Generator.Tests.TestClasses.OutcomeAgent.GetThroughBreaker");
        OutcomeAgent agent = Agent(new Reply(503), new Reply(503), new Reply(200));

        Assert.Equal(503, agent.GetThroughBreaker().Status); // returned to the caller, counted as a failure
        Assert.Equal(503, agent.GetThroughBreaker().Status);

        Assert.Throws<CircuitBreakerOpenException>(() => agent.GetThroughBreaker());
        Assert.Equal(2, agent.Replies.Calls);
        CircuitBreakerStateChangedEventArgs change = Assert.Single(OutcomeAgent.BreakerChanges, c => c.NewState == CircuitBreakerState.Open);
        Assert.Equal(CircuitBreakerState.Closed, change.OldState);
    }

    [Fact]
    public void A_count_window_breaker_opens_on_the_ratio_of_the_last_calls()
    {
        ResetBreaker("Resilience.Generator.Tests.TestClasses.OutcomeAgent.GetCounted");
        OutcomeAgent agent = Agent(new Reply(200), new TransientException("1"), new Reply(200), new TransientException("2"));

        agent.GetCounted();
        Assert.Throws<TransientException>(() => agent.GetCounted());
        agent.GetCounted();
        Assert.Throws<TransientException>(() => agent.GetCounted());

        Assert.Throws<CircuitBreakerOpenException>(() => agent.GetCounted());
    }

    [Fact]
    public async Task The_overall_timeout_bounds_every_attempt_and_delay_together()
    {
        OutcomeAgent agent = Agent(new TransientException("1"), new TransientException("2"), new TransientException("3"), new Reply(200));
        Time.AutoAdvance = false;

        Task<Reply> call = agent.GetWithinASecondAsync(CancellationToken.None);
        for (int i = 0; i < 3 && !call.IsCompleted; i++)
        {
            await Task.Yield();
            Time.Advance(TimeSpan.FromMilliseconds(400));
        }

        ResilienceTimeoutException timeout = await Assert.ThrowsAsync<ResilienceTimeoutException>(() => call);
        Assert.Equal(TimeSpan.FromSeconds(1), timeout.Timeout);
        Assert.Equal(2, agent.Replies.Calls); // 0 ms, 400 ms; the wait before the third (at 1 200 ms) is cut at 1 000 ms
    }

    [Fact]
    public async Task An_already_cancelled_caller_token_runs_no_attempt()
    {
        OutcomeAgent agent = Agent();
        using var caller = new CancellationTokenSource();
        caller.Cancel();

        OperationCanceledException cancelled = await Assert.ThrowsAnyAsync<OperationCanceledException>(() => agent.GetAsync(caller.Token).AsTask());

        Assert.Equal(caller.Token, cancelled.CancellationToken);
        Assert.Equal(0, agent.Replies.Calls);
    }

    [Fact]
    public async Task A_caller_cancellation_inside_a_timeout_carries_the_callers_token()
    {
        OutcomeAgent agent = Agent();
        Time.AutoAdvance = false; // the attempt timeout must not fire by itself
        using var caller = new CancellationTokenSource();

        Task<Reply> call = agent.GetCancellableAsync(caller.Token);
        caller.Cancel();

        OperationCanceledException cancelled = await Assert.ThrowsAnyAsync<OperationCanceledException>(() => call);
        Assert.Equal(caller.Token, cancelled.CancellationToken);
        Assert.Equal(1, agent.Replies.Calls); // never retried
    }

    [Fact]
    public void OnRetry_of_a_void_method_gets_the_non_generic_attempt()
    {
        OutcomeAgent agent = Agent(new TransientException("first"), new TransientException("second"));

        agent.Send();

        Assert.Equal(new[] { "attempt 1: first", "attempt 2: second" }, agent.Log);
    }

    [Theory]
    [InlineData(HttpStatusCode.ServiceUnavailable, 4)]
    [InlineData(HttpStatusCode.TooManyRequests, 4)]
    [InlineData(HttpStatusCode.RequestTimeout, 4)]
    [InlineData(HttpStatusCode.NotFound, 1)]
    [InlineData(HttpStatusCode.OK, 1)]
    public void HttpResponseMessage_results_retry_408_429_and_5xx_by_default(HttpStatusCode status, int attempts)
    {
        var agent = new HttpAgent(new HttpClient(), new Uri("http://127.0.0.1/"));

        using HttpResponseMessage response = agent.Send(status);

        Assert.Equal(status, response.StatusCode);
        Assert.Equal(attempts - 1, Time.RequestedDelays.Count);
    }

    [Fact]
    public async Task A_real_503_with_Retry_After_1_then_200_waits_the_servers_second()
    {
        using var listener = StartListener(out Uri address);
        Task<int> server = ServeAsync(listener, (503, "1"), (200, null));
        using var client = new HttpClient();
        var agent = new HttpAgent(client, address);

        using HttpResponseMessage response = await agent.GetAsync(CancellationToken.None);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(2, await server);
        Assert.Equal(new[] { TimeSpan.FromSeconds(1) }, Time.RequestedDelays); // the header, not the computed 10 ms
    }

    private static void ResetBreaker(string name)
    {
        if (CircuitBreakerRegistry.Default.TryGet(name, out CircuitBreaker? breaker))
        {
            breaker.Reset();
        }
    }

    private static HttpListener StartListener(out Uri address)
    {
        var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        int port = ((IPEndPoint)probe.LocalEndpoint).Port;
        probe.Stop();

        address = new Uri($"http://127.0.0.1:{port}/outcome/");
        var listener = new HttpListener();
        listener.Prefixes.Add(address.ToString());
        listener.Start();
        return listener;
    }

    private static async Task<int> ServeAsync(HttpListener listener, params (int Status, string? RetryAfter)[] answers)
    {
        int served = 0;
        foreach ((int status, string? retryAfter) in answers)
        {
            HttpListenerContext context = await listener.GetContextAsync().WaitAsync(TimeSpan.FromSeconds(30));
            context.Response.StatusCode = status;
            if (retryAfter is not null)
            {
                context.Response.AddHeader("Retry-After", retryAfter);
            }

            context.Response.Close();
            served++;
        }

        return served;
    }
}
