using System;

namespace Resilience
{
    /// <summary>The delay before a retry: growth, cap and jitter, as pure functions of their inputs.</summary>
    public static class BackoffCalculator
    {
        /// <summary>The delay before retry number <paramref name="retry"/> without jitter, capped at <c>MaxDelayMs</c>.</summary>
        /// <param name="options">The retry options.</param>
        /// <param name="retry">The retry number, starting at 1.</param>
        public static double BaseDelayMs(RetryOptions options, int retry)
        {
            if (retry < 1)
            {
                throw new ArgumentOutOfRangeException(nameof(retry), retry, "Retry numbers start at 1.");
            }

            if (options.BaseDelayMs == 0)
            {
                // Growth of nothing is nothing; without this, a large retry number gives 0 * Infinity = NaN.
                return 0;
            }

            double delay = options.Backoff switch
            {
                Backoff.Constant => options.BaseDelayMs,
                Backoff.Linear => (double)options.BaseDelayMs * retry,
                _ => options.BaseDelayMs * Math.Pow(options.ExponentialBase, retry - 1),
            };

            return double.IsNaN(delay) ? options.MaxDelayMs : Math.Min(delay, options.MaxDelayMs);
        }

        /// <summary>The delay before retry number <paramref name="retry"/>, jitter applied.</summary>
        /// <param name="options">The retry options.</param>
        /// <param name="retry">The retry number, starting at 1.</param>
        /// <param name="previousDelayMs">The previous delay (decorrelated jitter grows from it); 0 before the first retry.</param>
        /// <param name="random">A uniformly distributed value in [0, 1).</param>
        public static double DelayMs(RetryOptions options, int retry, double previousDelayMs, double random)
        {
            double capped = BaseDelayMs(options, retry);
            switch (options.Jitter)
            {
                case Jitter.None:
                    return capped;
                case Jitter.Full:
                    return random * capped;
                case Jitter.Equal:
                    return (capped / 2) + (random * capped / 2);
                case Jitter.Decorrelated:
                    // AWS "decorrelated jitter": sleep = min(cap, random_between(base, previous * 3)).
                    double low = options.BaseDelayMs;
                    double high = Math.Max(low, (previousDelayMs > 0 ? previousDelayMs : low) * 3);
                    return Math.Min(options.MaxDelayMs, low + (random * (high - low)));
                case Jitter.Proportional:
                    // ±50 %: capped * U[0.5, 1.5], still never past MaxDelayMs.
                    return Math.Min(options.MaxDelayMs, capped * (0.5 + random));
                default:
                    throw new ArgumentOutOfRangeException(nameof(options), options.Jitter, "Unknown jitter.");
            }
        }

        /// <summary>
        /// The delay a server asked for (<c>Retry-After</c>), used instead of the computed one: negative values become 0,
        /// and it is capped at <c>MaxDelayMs</c> like every delay.
        /// </summary>
        /// <param name="options">The retry options.</param>
        /// <param name="retryAfter">The requested delay.</param>
        public static double RetryAfterDelayMs(RetryOptions options, TimeSpan retryAfter) =>
            Math.Min(Math.Max(0, retryAfter.TotalMilliseconds), options.MaxDelayMs);
    }
}
