using System;
using System.Threading;

namespace Resilience
{
    /// <summary>
    /// One timed attempt, returned by <see cref="TimeoutPolicy.Start"/>. Pass <see cref="Token"/> to the implementation,
    /// turn its cancellation into <see cref="ResilienceTimeoutException"/> with <see cref="IsTimeout"/>, and dispose the lease.
    /// </summary>
    /// <remarks>
    /// On <see cref="TimeProvider.System"/> the lease borrows a pooled source whose deadline a shared ticker checks every
    /// millisecond: starting and disposing it create, arm and disarm no timer and allocate nothing. The timeout never fires
    /// early and at most about two milliseconds late (see <c>docs/timeout.md</c>). On any other clock (a fake one in tests)
    /// the lease uses a source with its own timer on that clock, exact to the tick.
    /// </remarks>
    public struct TimeoutLease : IDisposable
    {
        private readonly TimeoutPolicy _policy;
        private readonly CancellationToken _callerToken;
        private readonly int _timeoutMs;
        private DeadlineSlot? _slot;
        private long _armed;

        internal TimeoutLease(TimeoutPolicy policy, int timeoutMs, CancellationToken callerToken)
        {
            _policy = policy;
            _timeoutMs = timeoutMs;
            _callerToken = callerToken;

            TimeProvider time = ResilienceRuntime.TimeProvider;
            if (ReferenceEquals(time, TimeProvider.System))
            {
                DeadlineTicker ticker = DeadlineTicker.Shared;
                _slot = ticker.Rent(callerToken);
                if (_slot is not null)
                {
                    _armed = ticker.Arm(_slot, timeoutMs);
                    return;
                }
            }

            // A clock of its own (or every pooled slot in use): a source with its own timer, disposed with the lease.
            _slot = new DeadlineSlot(owner: null, new CancellationTokenSource(TimeSpan.FromMilliseconds(timeoutMs), time));
            _slot.LinkTo(callerToken);
            _armed = 0;
        }

        // Timeouts switched off: no timer; the token is the caller's and nothing is ever a timeout.
        internal TimeoutLease(TimeoutPolicy policy, CancellationToken callerToken)
        {
            _policy = policy;
            _timeoutMs = System.Threading.Timeout.Infinite;
            _callerToken = callerToken;
            _slot = null;
            _armed = 0;
        }

        /// <summary>The token to pass to the implementation: cancelled when the timeout elapses or the caller cancels.</summary>
        public readonly CancellationToken Token => _slot is { } slot ? slot.Source.Token : _callerToken;

        /// <summary>Whether <paramref name="exception"/> is the cancellation this timeout caused (and not the caller's).</summary>
        public readonly bool IsTimeout(Exception exception) =>
            exception is OperationCanceledException && _slot is { } slot && slot.Source.IsCancellationRequested && !_callerToken.IsCancellationRequested;

        /// <summary>The exception to throw in place of the implementation's cancellation.</summary>
        public readonly ResilienceTimeoutException TimeoutException(Exception cancellation)
        {
            TimeSpan timeout = TimeSpan.FromMilliseconds(_timeoutMs);
            ResilienceTelemetry.OnTimeout(_policy.Name, timeout);
            return new ResilienceTimeoutException(_policy.Name, timeout, cancellation);
        }

        /// <summary>Stops timing and gives the lease's resources back.</summary>
        public void Dispose()
        {
            DeadlineSlot? slot = _slot;
            if (slot is null)
            {
                return;
            }

            _slot = null;
            if (slot.Owner is { } ticker)
            {
                ticker.Disarm(slot, _armed);
            }
            else
            {
                slot.Unlink();
                slot.Source.Dispose();
            }
        }
    }
}
