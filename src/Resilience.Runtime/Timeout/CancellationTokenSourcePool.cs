using System.Collections.Concurrent;
using System.Threading;

namespace Resilience
{
    /// <summary>
    /// Reuses <see cref="CancellationTokenSource"/>s (and the timer each one creates for <c>CancelAfter</c>) so that a
    /// call through <see cref="TimeoutAttribute"/> that finishes in time allocates nothing.
    /// </summary>
    internal static class CancellationTokenSourcePool
    {
        private const int MaxPooled = 1024;
        private static readonly ConcurrentQueue<CancellationTokenSource> s_pool = new();
        private static int s_count;

        public static CancellationTokenSource Rent()
        {
            if (s_pool.TryDequeue(out CancellationTokenSource? source))
            {
                Interlocked.Decrement(ref s_count);
                return source;
            }

            return new CancellationTokenSource();
        }

        public static void Return(CancellationTokenSource source)
        {
            // TryReset fails once the source was cancelled; such a source cannot be reused.
            if (source.TryReset())
            {
                if (Interlocked.Increment(ref s_count) <= MaxPooled)
                {
                    s_pool.Enqueue(source);
                    return;
                }

                // The pool is full: take back the slot claimed above, or the count would drift up for good.
                Interlocked.Decrement(ref s_count);
            }

            source.Dispose();
        }
    }
}
