using System.Net.Http;

namespace Resilience
{
    /// <summary>
    /// The failures that <see cref="RetryAttribute"/> and <see cref="CircuitBreakerAttribute"/> see in an
    /// <see cref="HttpResponseMessage"/> result when no predicate is named: the transient set of the standard HTTP
    /// resilience handler (Microsoft.Extensions.Http.Resilience) — 408 Request Timeout, 429 Too Many Requests and every 5xx.
    /// </summary>
    public static class HttpResponseClassifier
    {
        /// <summary>Whether <paramref name="response"/> is a transient failure: status 408, 429 or 500–599. <see langword="null"/> is not.</summary>
        public static bool IsTransientFailure(HttpResponseMessage? response) =>
            response is not null && IsTransientStatus((int)response.StatusCode);

        /// <summary>Whether <paramref name="statusCode"/> is 408, 429 or 500–599.</summary>
        public static bool IsTransientStatus(int statusCode) => statusCode is 408 or 429 or (>= 500 and <= 599);
    }
}
