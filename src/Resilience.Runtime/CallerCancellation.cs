using System;
using System.Threading;

namespace Resilience
{
    /// <summary>Recognises a cancellation requested by the caller, which no policy retries or falls back from.</summary>
    public static class CallerCancellation
    {
        /// <summary>
        /// Whether <paramref name="exception"/> is an <see cref="OperationCanceledException"/> while the caller's
        /// <paramref name="cancellationToken"/> is cancelled.
        /// </summary>
        public static bool IsCallerCancellation(Exception exception, CancellationToken cancellationToken) =>
            exception is OperationCanceledException && cancellationToken.IsCancellationRequested;
    }
}
