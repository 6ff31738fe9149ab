using System.Threading;

namespace Resilience
{
    /// <summary>
    /// Reuses <see cref="CancellationTokenSource"/>s (and the timer each one creates for <c>CancelAfter</c>) so that a
    /// call through <see cref="TimeoutAttribute"/> that finishes in time allocates nothing.
    /// </summary>
    /// <remarks>
    /// A fixed array of slots taken and filled with <see cref="Interlocked.CompareExchange{T}(ref T, T, T)"/>, scanned from
    /// the front: on a quiet path the same warm source (timer already created) comes back every call, and the pool itself
    /// never allocates — unlike a queue, which cycles cold sources and grows segments.
    /// </remarks>
    internal static class CancellationTokenSourcePool
    {
        private const int MaxPooled = 1024;
        private static readonly CancellationTokenSource?[] s_slots = new CancellationTokenSource?[MaxPooled];
        private static int s_count;

        public static CancellationTokenSource Rent()
        {
            if (Volatile.Read(ref s_count) > 0)
            {
                for (int i = 0; i < s_slots.Length; i++)
                {
                    CancellationTokenSource? source = Volatile.Read(ref s_slots[i]);
                    if (source is not null && Interlocked.CompareExchange(ref s_slots[i], null, source) == source)
                    {
                        Interlocked.Decrement(ref s_count);
                        return source;
                    }
                }
            }

            return new CancellationTokenSource();
        }

        public static void Return(CancellationTokenSource source)
        {
            // TryReset fails once the source was cancelled; such a source cannot be reused.
            if (source.TryReset() && Volatile.Read(ref s_count) < MaxPooled)
            {
                for (int i = 0; i < s_slots.Length; i++)
                {
                    if (Volatile.Read(ref s_slots[i]) is null && Interlocked.CompareExchange(ref s_slots[i], source, null) is null)
                    {
                        Interlocked.Increment(ref s_count);
                        return;
                    }
                }
            }

            source.Dispose();
        }
    }
}
