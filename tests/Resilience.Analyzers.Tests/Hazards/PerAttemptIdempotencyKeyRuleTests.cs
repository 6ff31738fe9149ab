using Resilience.Analyzers.Tests.Infrastructure;

namespace Resilience.Analyzers.Tests.Hazards;

/// <summary>RES1010: an idempotency key generated inside the attempt defeats the key.</summary>
public class PerAttemptIdempotencyKeyRuleTests
{
    [Fact]
    public async Task RES1010_GuidKeyInsideTheAttempt_NotAKeyFromTheCaller()
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
                    var key = {|#0:Guid.NewGuid()|}.ToString("N");
                    using var request = new HttpRequestMessage(HttpMethod.Post, "/charges") { Content = new StringContent(body) };
                    request.Headers.Add("Idempotency-Key", key);
                    await _http.SendAsync(request, ct);
                }

                [Retry]
                public partial Task RefundAsync(string body, CancellationToken ct);
                private async Task RefundAsyncCore(string body, CancellationToken ct)
                {
                    using var request = new HttpRequestMessage(HttpMethod.Post, "/refunds") { Content = new StringContent(body) };
                    request.Headers.TryAddWithoutValidation("Idempotency-Key", $"refund-{{|RES1010:Guid.NewGuid()|}}");
                    await _http.SendAsync(request, ct);
                }

                [Retry]
                public partial Task PayOnceAsync(string body, Guid orderId, CancellationToken ct);
                private async Task PayOnceAsyncCore(string body, Guid orderId, CancellationToken ct)
                {
                    using var request = new HttpRequestMessage(HttpMethod.Post, "/charges") { Content = new StringContent(body) };
                    request.Headers.Add("Idempotency-Key", "order-" + orderId);
                    request.Headers.Add("X-Request-Id", Guid.NewGuid().ToString());
                    await _http.SendAsync(request, ct);
                }
            }
            """,
            HazardVerifier.Diagnostic("RES1010", 0).WithMessage(
                "'PayAsyncCore' generates its idempotency key with 'Guid.NewGuid()' inside the attempt, so every retry sends a new key, and it runs again on every retry of 'PayAsync'"));
    }
}
