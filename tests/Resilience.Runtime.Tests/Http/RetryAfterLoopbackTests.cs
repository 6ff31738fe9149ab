using System.Net;
using System.Net.Sockets;
using Resilience.Testing;

namespace Resilience.Runtime.Tests.Http;

/// <summary>
/// A real HTTP exchange on 127.0.0.1: the server answers 503 with <c>Retry-After: 1</c>, then 200. The client runs the loop
/// the generator writes for a <c>[Retry]</c> method returning <c>HttpResponseMessage</c> (no predicate: the HTTP defaults), so
/// the wait is the server's second, taken on the runtime's clock, and the discarded 503 is disposed.
/// </summary>
public sealed class RetryAfterLoopbackTests : IDisposable
{
    private readonly FakeClock _time = new() { AutoAdvance = true };

    private readonly IDisposable _clock;

    public RetryAfterLoopbackTests()
    {
        // The clock of this test's flow only: these tests run in parallel with the others.
        _clock = ResilienceRuntime.UseTimeProvider(_time);
    }

    public void Dispose() => _clock.Dispose();

    [Fact]
    public async Task A_503_with_Retry_After_1_is_retried_after_one_second_then_the_200_is_returned()
    {
        using var listener = StartListener(out Uri address);
        Task<int> server = ServeAsync(listener, (503, "1"), (200, null));
        using var client = new HttpClient();
        var policy = new RetryPolicy("Loopback.Client.GetAsync", new RetryOptions { MaxRetries = 3, BaseDelayMs = 10, Jitter = Jitter.None });
        var discarded = new List<HttpResponseMessage>();

        HttpResponseMessage response = await GetWithRetryAsync(client, address, policy, discarded, CancellationToken.None);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(2, await server);
        Assert.Equal(new[] { TimeSpan.FromSeconds(1) }, _time.RequestedDelays); // the header's second, not the computed 10 ms
        HttpResponseMessage first = Assert.Single(discarded);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, first.StatusCode);
        Assert.Throws<ObjectDisposedException>(() => first.Content.ReadAsStream());
        response.Dispose();
    }

    [Fact]
    public async Task When_retries_end_on_a_503_that_response_is_returned_undisposed()
    {
        using var listener = StartListener(out Uri address);
        Task<int> server = ServeAsync(listener, (503, "1"), (503, "2"));
        using var client = new HttpClient();
        var policy = new RetryPolicy("Loopback.Client.GetAsync", new RetryOptions { MaxRetries = 1, Jitter = Jitter.None });

        using HttpResponseMessage response = await GetWithRetryAsync(client, address, policy, new List<HttpResponseMessage>(), CancellationToken.None);

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Equal("2", response.Headers.RetryAfter?.Delta?.TotalSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(2, await server);
        Assert.Equal("x", await response.Content.ReadAsStringAsync()); // still readable
    }

    // The shape the generator emits for [Retry] on Task<HttpResponseMessage> GetAsync(CancellationToken ct).
    private static async Task<HttpResponseMessage> GetWithRetryAsync(
        HttpClient client, Uri address, RetryPolicy policy, List<HttpResponseMessage> discarded, CancellationToken cancellationToken)
    {
        var retry = new RetryState(policy);
        while (true)
        {
            HttpResponseMessage result;
            try
            {
                result = await client.GetAsync(address, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception ex) when (retry.ShouldRetry(ex, cancellationToken))
            {
                retry.OnRetry(ex);
                await retry.WaitAsync(cancellationToken).ConfigureAwait(false);
                continue;
            }

            if (!HttpResponseClassifier.IsTransientFailure(result)
                || !retry.CanRetry(cancellationToken)
                || !retry.TryScheduleRetry(RetryAfterHeader.GetDelay(result)))
            {
                return result;
            }

            discarded.Add(result);
            result.Dispose();
            await retry.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    private static HttpListener StartListener(out Uri address)
    {
        // A free loopback port: bind port 0, read it, release it, then let HttpListener take it.
        var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        int port = ((IPEndPoint)probe.LocalEndpoint).Port;
        probe.Stop();

        address = new Uri($"http://127.0.0.1:{port}/resource/");
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

            byte[] body = "x"u8.ToArray();
            context.Response.ContentLength64 = body.Length;
            await context.Response.OutputStream.WriteAsync(body);
            context.Response.Close();
            served++;
        }

        return served;
    }
}
