using System;
using System.ComponentModel;
using System.Threading;

namespace Resilience
{
    /// <summary>
    /// One timed attempt, returned by <see cref="TimeoutPolicy.Start"/>. Pass <see cref="Token"/> to the implementation,
    /// turn its cancellation into <see cref="ResilienceTimeoutException"/> with <see cref="IsTimeout"/>, and dispose the lease.
    /// </summary>
    [EditorBrowsable(EditorBrowsableState.Never)]
    public struct TimeoutLease : IDisposable
    {
        private static readonly Action<object?> s_cancel = static state => ((CancellationTokenSource)state!).Cancel();

        private readonly TimeoutPolicy _policy;
        private readonly TimeSpan _timeout;
        private readonly CancellationToken _callerToken;
        private readonly bool _pooled;
        private CancellationTokenSource? _source;
        private CancellationTokenRegistration _registration;

        internal TimeoutLease(TimeoutPolicy policy, TimeSpan timeout, CancellationToken callerToken)
        {
            _policy = policy;
            _timeout = timeout;
            _callerToken = callerToken;

            TimeProvider time = ResilienceRuntime.TimeProvider;
            _pooled = ReferenceEquals(time, TimeProvider.System);
            if (_pooled)
            {
                _source = CancellationTokenSourcePool.Rent();
                _source.CancelAfter(timeout);
            }
            else
            {
                _source = new CancellationTokenSource(timeout, time);
            }

            _registration = callerToken.CanBeCanceled ? callerToken.UnsafeRegister(s_cancel, _source) : default;
        }

        // Timeouts switched off: no timer; the token is the caller's and nothing is ever a timeout.
        internal TimeoutLease(TimeoutPolicy policy, CancellationToken callerToken)
        {
            _policy = policy;
            _timeout = System.Threading.Timeout.InfiniteTimeSpan;
            _callerToken = callerToken;
            _pooled = false;
            _source = null;
            _registration = default;
        }

        /// <summary>The token to pass to the implementation: cancelled when the timeout elapses or the caller cancels.</summary>
        public readonly CancellationToken Token => _source?.Token ?? _callerToken;

        /// <summary>Whether <paramref name="exception"/> is the cancellation this timeout caused (and not the caller's).</summary>
        public readonly bool IsTimeout(Exception exception) =>
            exception is OperationCanceledException && _source is { IsCancellationRequested: true } && !_callerToken.IsCancellationRequested;

        /// <summary>The exception to throw in place of the implementation's cancellation.</summary>
        public readonly ResilienceTimeoutException TimeoutException(Exception cancellation)
        {
            ResilienceTelemetry.OnTimeout(_policy.Name, _timeout);
            return new ResilienceTimeoutException(_policy.Name, _timeout, cancellation);
        }

        /// <summary>Stops the timer and returns its resources to the pool.</summary>
        public void Dispose()
        {
            CancellationTokenSource? source = _source;
            if (source is null)
            {
                return;
            }

            _source = null;
            _registration.Dispose();
            if (_pooled)
            {
                CancellationTokenSourcePool.Return(source);
            }
            else
            {
                source.Dispose();
            }
        }
    }
}
