using System;
using System.ComponentModel;
using System.Threading;

namespace Resilience
{
    /// <summary>Recognises a cancellation requested by the caller, which no policy retries or falls back from.</summary>
    [EditorBrowsable(EditorBrowsableState.Never)]
    public static class CallerCancellation
    {
        /// <summary>
        /// Whether <paramref name="exception"/> is an <see cref="OperationCanceledException"/> while the caller's
        /// <paramref name="cancellationToken"/> is cancelled.
        /// </summary>
        public static bool IsCallerCancellation(Exception exception, CancellationToken cancellationToken) =>
            exception is OperationCanceledException && cancellationToken.IsCancellationRequested;

        /// <summary>
        /// Whether <paramref name="exception"/> is the caller's cancellation but carries another token (a linked one, such as
        /// a timeout's): generated code then throws <see cref="WithCallerToken"/> instead, so that
        /// <c>catch (OperationCanceledException e) when (e.CancellationToken == ct)</c> works for the caller.
        /// </summary>
        public static bool NeedsCallerToken(Exception exception, CancellationToken cancellationToken) =>
            exception is OperationCanceledException cancellation
            && cancellationToken.IsCancellationRequested
            && cancellation.CancellationToken != cancellationToken;

        /// <summary>
        /// An <see cref="OperationCanceledException"/> that carries the caller's <paramref name="cancellationToken"/>, with the
        /// original <paramref name="exception"/> (and its stack trace) as the inner exception.
        /// </summary>
        public static OperationCanceledException WithCallerToken(Exception exception, CancellationToken cancellationToken) =>
            new(exception?.Message, exception, cancellationToken);
    }
}
