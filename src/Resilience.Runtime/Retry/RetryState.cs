using System;
using System.ComponentModel;
using System.Threading;
using System.Threading.Tasks;

namespace Resilience
{
    /// <summary>
    /// The state of one call through a <see cref="RetryPolicy"/>, kept in a local of the generated method (a struct, so
    /// a call that succeeds at once allocates nothing). Generated code uses it like this:
    /// <code>
    /// var retry = new RetryState(policy);
    /// while (true)
    /// {
    ///     try { return Core(...); }
    ///     catch (Exception ex) when (retry.ShouldRetry(ex, cancellationToken)) { retry.OnRetry(ex); }
    ///     retry.Wait(cancellationToken);
    /// }
    /// </code>
    /// Deciding in an exception filter means an exception that is not retried propagates untouched, original stack trace included.
    /// A result named a failure (<c>RetryOnResult</c>, or a transient <c>HttpResponseMessage</c>) is retried with
    /// <see cref="CanRetry"/> and <see cref="TryScheduleRetry"/>; when they say no, the generated code returns that result.
    /// </summary>
    [EditorBrowsable(EditorBrowsableState.Never)]
    public struct RetryState
    {
        private readonly RetryPolicy _policy;
        private readonly RetryOptions _options;
        private int _retries;
        // The delay OnRetry computed last: the wait before the next attempt, and the delay decorrelated jitter grows from after that.
        private double _delayMs;
        private double _totalDelayMs;

        /// <summary>Starts a call with the policy's options in force now.</summary>
        public RetryState(RetryPolicy policy)
        {
            _policy = policy ?? throw new ArgumentNullException(nameof(policy));
            _options = policy.Options;
            _retries = 0;
            _delayMs = 0;
            _totalDelayMs = 0;
            ResilienceTelemetry.OnAttempt(policy.Name);
        }

        /// <summary>Retries made so far.</summary>
        public readonly int Retries => _retries;

        /// <summary>The sum of the delays so far.</summary>
        public readonly TimeSpan TotalDelay => TimeSpan.FromMilliseconds(_totalDelayMs);

        /// <summary>The delay before the next attempt, computed by the last <see cref="OnRetry(Exception)"/> or <see cref="TryScheduleRetry"/>.</summary>
        public readonly TimeSpan Delay => TimeSpan.FromMilliseconds(_delayMs);

        /// <summary>
        /// Whether another attempt may follow a result handled as a failure: retries are left, retrying is switched on, and the
        /// caller has not cancelled. Has no side effects.
        /// </summary>
        public readonly bool CanRetry(CancellationToken cancellationToken) =>
            _retries < _options.MaxRetries && ResilienceRuntime.IsEnabled(PolicyKind.Retry) && !cancellationToken.IsCancellationRequested;

        /// <summary>
        /// Whether <paramref name="exception"/> is retried: retries are left, it is not the caller's cancellation, and
        /// <c>RetryOn</c>/<c>AbortOn</c>/<c>ShouldRetry</c> accept it. Has no side effects; call it from an exception filter.
        /// Always <see langword="false"/> while <see cref="PolicyKind.Retry"/> is switched off.
        /// </summary>
        public readonly bool ShouldRetry(Exception exception, CancellationToken cancellationToken)
        {
            if (_retries >= _options.MaxRetries || !ResilienceRuntime.IsEnabled(PolicyKind.Retry) || CallerCancellation.IsCallerCancellation(exception, cancellationToken))
            {
                return false;
            }

            return _options.Exceptions.Matches(exception) && (_options.ShouldRetry is null || _options.ShouldRetry(exception));
        }

        /// <summary>
        /// Records a retry of <paramref name="exception"/> and computes the next delay.
        /// Throws <see cref="RetryBudgetExceededException"/> when that delay would pass <c>MaxTotalDelayMs</c>.
        /// </summary>
        public void OnRetry(Exception exception) => OnRetry(exception, retryAfter: null);

        /// <summary>
        /// Records a retry of <paramref name="exception"/>; the next delay is <paramref name="retryAfter"/> (the server's request,
        /// capped at <c>MaxDelayMs</c>) when given, otherwise the computed one.
        /// Throws <see cref="RetryBudgetExceededException"/> when that delay would pass <c>MaxTotalDelayMs</c>.
        /// </summary>
        public void OnRetry(Exception exception, TimeSpan? retryAfter)
        {
            if (exception is null)
            {
                throw new ArgumentNullException(nameof(exception));
            }

            int retry = _retries + 1;
            double delay = NextDelayMs(retry, retryAfter);
            if (ExceedsBudget(delay))
            {
                throw new RetryBudgetExceededException(
                    _policy.Name,
                    retry,
                    TimeSpan.FromMilliseconds(_totalDelayMs),
                    TimeSpan.FromMilliseconds(delay),
                    TimeSpan.FromMilliseconds(_options.MaxTotalDelayMs),
                    exception);
            }

            Record(retry, delay, exception, retryAfter.HasValue);
        }

        /// <summary>
        /// Schedules a retry after a result handled as a failure (call it once <see cref="CanRetry"/> said yes); the delay is
        /// <paramref name="retryAfter"/> (capped at <c>MaxDelayMs</c>) when given, otherwise the computed one. Returns
        /// <see langword="false"/>, recording nothing, when that delay would pass <c>MaxTotalDelayMs</c>: retries end and the
        /// generated code returns the result (there is no exception to wrap in <see cref="RetryBudgetExceededException"/>).
        /// </summary>
        public bool TryScheduleRetry(TimeSpan? retryAfter)
        {
            int retry = _retries + 1;
            double delay = NextDelayMs(retry, retryAfter);
            if (ExceedsBudget(delay))
            {
                return false;
            }

            Record(retry, delay, exception: null, retryAfter.HasValue);
            return true;
        }

        private readonly double NextDelayMs(int retry, TimeSpan? retryAfter) =>
            retryAfter is { } requested
                ? BackoffCalculator.RetryAfterDelayMs(_options, requested)
                : BackoffCalculator.DelayMs(_options, retry, _delayMs, _options.Jitter == Jitter.None ? 0 : _policy.NextRandom());

        private readonly bool ExceedsBudget(double delay) => _options.MaxTotalDelayMs > 0 && _totalDelayMs + delay > _options.MaxTotalDelayMs;

        private void Record(int retry, double delay, Exception? exception, bool retryAfter)
        {
            _retries = retry;
            _delayMs = delay;
            _totalDelayMs += delay;
            ResilienceTelemetry.OnRetry(_policy.Name, retry, delay, exception, retryAfter);
        }

        /// <summary>Blocks for the delay computed by <see cref="OnRetry(Exception)"/>, on <see cref="ResilienceRuntime.TimeProvider"/>.</summary>
        public readonly void Wait(CancellationToken cancellationToken)
        {
            if (_delayMs > 0)
            {
                Task.Delay(TimeSpan.FromMilliseconds(_delayMs), ResilienceRuntime.TimeProvider, cancellationToken).GetAwaiter().GetResult();
            }
            else
            {
                cancellationToken.ThrowIfCancellationRequested();
            }
        }

        /// <summary>Waits for the delay computed by <see cref="OnRetry(Exception)"/>, on <see cref="ResilienceRuntime.TimeProvider"/>.</summary>
        public readonly ValueTask WaitAsync(CancellationToken cancellationToken)
        {
            if (_delayMs > 0)
            {
                return new ValueTask(Task.Delay(TimeSpan.FromMilliseconds(_delayMs), ResilienceRuntime.TimeProvider, cancellationToken));
            }

            return cancellationToken.IsCancellationRequested ? ValueTask.FromCanceled(cancellationToken) : default;
        }
    }
}
