using System.Threading;

namespace Resilience
{
    /// <summary>
    /// One pooled <see cref="CancellationTokenSource"/> and the deadline word the <see cref="DeadlineTicker"/> reads: the
    /// resource behind one <see cref="TimeoutLease"/>. A slot belongs to one call at a time (rented, armed, disarmed,
    /// returned); only the ticker touches it concurrently, and only through <see cref="Arm"/>.
    /// </summary>
    internal sealed class DeadlineSlot
    {
        /// <summary><see cref="Arm"/>: not timing anything.</summary>
        internal const long Idle = 0;

        /// <summary><see cref="Arm"/>: the ticker is cancelling <see cref="Source"/>; the owner waits for <see cref="Fired"/>.</summary>
        internal const long Firing = 2;

        /// <summary><see cref="Arm"/>: the ticker cancelled <see cref="Source"/>; the owner renews it before reuse.</summary>
        internal const long Fired = 4;

        private static readonly System.Action<object?> s_cancel = static source => ((CancellationTokenSource)source!).Cancel();

        internal DeadlineSlot(DeadlineTicker? owner, CancellationTokenSource source)
        {
            Owner = owner;
            Source = source;
        }

        /// <summary>The ticker whose pool the slot belongs to; <see langword="null"/> for a one-off slot (fake clock, pool full).</summary>
        internal readonly DeadlineTicker? Owner;

        /// <summary>The source whose token the implementation gets. Replaced (owner only) once cancelled.</summary>
        internal CancellationTokenSource Source;

        /// <summary>
        /// Shared with the ticker. <see cref="Idle"/>, <see cref="Firing"/>, <see cref="Fired"/>, or (odd) armed:
        /// <c>epoch &lt;&lt; 32 | timeoutMs &lt;&lt; 1 | 1</c>. The owner arms with a plain write and disarms with a
        /// compare-exchange; the ticker fires with a compare-exchange from the armed word it read.
        /// </summary>
        internal long Arm;

        // Ticker only: the armed word the deadline was computed for, and that deadline (a TimeProvider timestamp).
        internal long StampedFor;
        internal long Deadline;

        // Owner only: the caller's token Source is linked to, and the registration that links them. A slot kept in a
        // thread's cache stays linked, so the next call on that thread with the same token skips the registration.
        internal CancellationToken LinkedTo;
        internal CancellationTokenRegistration Link;

        // Owner only (and a reclaimer once that thread has died): the thread whose cache holds the slot.
        internal Thread? CachedBy;
        internal bool InCache;

        /// <summary>Links <see cref="Source"/> to <paramref name="callerToken"/> (and to nothing else), keeping an existing link to the same token.</summary>
        internal void LinkTo(CancellationToken callerToken)
        {
            if (LinkedTo != callerToken)
            {
                Unlink();
            }

            // After Unlink no other caller's cancellation can reach Source, so a cancelled Source here was cancelled by a
            // timeout or by this caller: either way it cannot serve a new call.
            if (Source.IsCancellationRequested)
            {
                Renew();
            }

            if (callerToken.CanBeCanceled && LinkedTo != callerToken)
            {
                Link = callerToken.UnsafeRegister(s_cancel, Source);
                LinkedTo = callerToken;
            }
        }

        /// <summary>Removes the link to the caller's token (waits for its callback if that is running on another thread).</summary>
        internal void Unlink()
        {
            if (LinkedTo.CanBeCanceled)
            {
                Link.Dispose();
                Link = default;
                LinkedTo = default;
            }
        }

        /// <summary>Replaces a cancelled <see cref="Source"/> with a fresh one.</summary>
        internal void Renew()
        {
            Unlink();
            Source.Dispose();
            Source = new CancellationTokenSource();
        }
    }
}
