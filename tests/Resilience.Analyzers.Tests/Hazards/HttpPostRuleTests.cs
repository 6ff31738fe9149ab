using Resilience.Analyzers.Tests.Infrastructure;

namespace Resilience.Analyzers.Tests.Hazards;

/// <summary>RES1006: HTTP POST/PATCH without an Idempotency-Key header.</summary>
public class HttpPostRuleTests
{
    [Fact]
    public async Task RES1006_HttpPostWithoutIdempotencyKey()
    {
        await HazardVerifier.VerifyAsync(
            """
            public partial class Payments
            {
                private readonly HttpClient _http = new();

                [Retry]
                public partial Task PayAsync(string body, CancellationToken ct);
                private async Task PayAsyncCore(string body, CancellationToken ct)
                {
                    await {|#0:_http.PostAsync("/charges", new StringContent(body), ct)|};
                    await _http.PutAsync("/charges/1", new StringContent(body), ct);
                    await _http.GetAsync("/charges", ct);
                }

                [Retry]
                public partial Task SendAsync(string body, CancellationToken ct);
                private async Task SendAsyncCore(string body, CancellationToken ct)
                {
                    using var request = new HttpRequestMessage(HttpMethod.Patch, "/charges/1") { Content = new StringContent(body) };
                    await {|RES1006:_http.SendAsync(request, ct)|};
                }

                [Retry]
                public partial Task SafeAsync(string body, string key, CancellationToken ct);
                private async Task SafeAsyncCore(string body, string key, CancellationToken ct)
                {
                    using var request = new HttpRequestMessage(HttpMethod.Post, "/charges") { Content = new StringContent(body) };
                    request.Headers.Add("Idempotency-Key", key);
                    await _http.SendAsync(request, ct);
                }
            }
            """,
            HazardVerifier.Diagnostic("RES1006", 0).WithMessage("'PayAsyncCore' sends an HTTP POST with 'PostAsync' without an 'Idempotency-Key' header, and it runs again on every retry of 'PayAsync'"));
    }
}
