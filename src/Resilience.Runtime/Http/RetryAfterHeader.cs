using System;
using System.Net.Http;
using System.Net.Http.Headers;

namespace Resilience
{
    /// <summary>
    /// Reads the delay a server asks for in a <c>Retry-After</c> header (RFC 9110 §10.2.3): a number of seconds, or an HTTP date
    /// measured against <see cref="ResilienceRuntime.TimeProvider"/>. <see cref="RetryAttribute"/> waits for it instead of its
    /// computed delay on <see cref="HttpResponseMessage"/> results (capped at <c>MaxDelayMs</c>, counted against <c>MaxTotalDelayMs</c>).
    /// </summary>
    public static class RetryAfterHeader
    {
        /// <summary>
        /// The delay <paramref name="response"/> asks for, or <see langword="null"/> when it has no (valid) <c>Retry-After</c> header.
        /// A date in the past gives <see cref="TimeSpan.Zero"/>.
        /// </summary>
        public static TimeSpan? GetDelay(HttpResponseMessage? response) => GetDelay(response, ResilienceRuntime.TimeProvider);

        /// <inheritdoc cref="GetDelay(HttpResponseMessage?)"/>
        /// <param name="response">The response.</param>
        /// <param name="timeProvider">The clock an HTTP date is measured against.</param>
        public static TimeSpan? GetDelay(HttpResponseMessage? response, TimeProvider timeProvider)
        {
            if (timeProvider is null)
            {
                throw new ArgumentNullException(nameof(timeProvider));
            }

            // HttpClient parses the header lazily; an invalid value leaves RetryAfter null.
            RetryConditionHeaderValue? header = response?.Headers.RetryAfter;
            if (header is null)
            {
                return null;
            }

            if (header.Delta is { } delta)
            {
                return delta < TimeSpan.Zero ? TimeSpan.Zero : delta;
            }

            if (header.Date is { } date)
            {
                TimeSpan wait = date - timeProvider.GetUtcNow();
                return wait < TimeSpan.Zero ? TimeSpan.Zero : wait;
            }

            return null;
        }
    }
}
