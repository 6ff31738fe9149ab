using System;
using System.Collections.Generic;
using System.Runtime.CompilerServices;
using System.Threading;
using Microsoft.Extensions.Logging;

namespace Resilience
{
    /// <summary>
    /// One named circuit breaker: the state that every method with the same <see cref="CircuitBreakerAttribute.Name"/> shares.
    /// Get it from <see cref="CircuitBreakerRegistry"/>; generated code reaches it through a <see cref="CircuitBreakerPolicy"/>.
    /// </summary>
    /// <remarks>
    /// Calls in the closed state allocate nothing and take no lock (except the short one of a count-based window, <c>SamplingCalls</c>). A lock is taken only to change state, and each state is a
    /// fresh period object, so a late outcome of a call admitted before a transition cannot disturb the new state. Half-open
    /// trial slots are counted across periods: a trial still running from an earlier half-open period keeps its slot, so no
    /// more than <c>HalfOpenSuccesses</c> trials ever run at once.
    /// </remarks>
    public sealed class CircuitBreaker : IConfigurablePolicy
    {
        private readonly object _gate = new();
        private readonly CircuitBreakerRegistry? _registry;
        private CircuitBreakerOptions _options;
        private BreakerPeriod _period;
        private int _trialsInFlight;

        private long _calls;
        private long _successes;
        private long _failures;
        private long _ignored;
        private long _rejections;
        private long _lastFailureTicks;

        // Guarded by _gate.
        private long _transitions;
        private DateTimeOffset? _lastTransitionTime;
        private CircuitBreakerTransitionReason? _lastTransitionReason;

        /// <summary>Creates a stand-alone breaker that belongs to no registry (a registry creates its own with <see cref="CircuitBreakerRegistry.GetOrAdd"/>).</summary>
        /// <param name="name">The breaker's name.</param>
        /// <param name="options">Its options; validated.</param>
        public CircuitBreaker(string name, CircuitBreakerOptions options)
            : this(name, options, registry: null)
        {
        }

        internal CircuitBreaker(string name, CircuitBreakerOptions options, CircuitBreakerRegistry? registry)
        {
            Name = name ?? throw new ArgumentNullException(nameof(name));
            options = options ?? throw new ArgumentNullException(nameof(options));
            options.Validate(name);
            DefaultOptions = options;
            _options = options;
            _registry = registry;
            _period = new ClosedPeriod(this, options);
        }

        /// <summary>Raised after every state change, on the thread that caused it, outside the breaker's lock.</summary>
        /// <remarks>
        /// Handlers of concurrent transitions may run concurrently and out of order; order them by
        /// <see cref="CircuitBreakerStateChangedEventArgs.Sequence"/>. An exception from a handler is logged and swallowed.
        /// </remarks>
        public event EventHandler<CircuitBreakerStateChangedEventArgs>? StateChanged;

        /// <summary>The breaker's name.</summary>
        public string Name { get; }

        /// <summary>The options of the first registration (attribute values); configuration overrides replace <see cref="Options"/> only.</summary>
        public CircuitBreakerOptions DefaultOptions { get; }

        /// <summary>The options in force.</summary>
        public CircuitBreakerOptions Options => Volatile.Read(ref _options);

        /// <summary>The current state. An open breaker whose break has elapsed reports <see cref="CircuitBreakerState.Open"/> until a call arrives.</summary>
        public CircuitBreakerState State => Volatile.Read(ref _period).State;

        /// <summary>Time until an open breaker lets a trial through: zero unless open, <see cref="Timeout.InfiniteTimeSpan"/> when isolated.</summary>
        public TimeSpan RetryAfter
        {
            get
            {
                BreakerPeriod period = Volatile.Read(ref _period);
                return period.State switch
                {
                    CircuitBreakerState.Isolated => Timeout.InfiniteTimeSpan,
                    CircuitBreakerState.Open => TimeUntil(((OpenPeriod)period).UntilTicks),
                    _ => TimeSpan.Zero,
                };
            }
        }

        /// <summary>The trial calls running now (half-open).</summary>
        public int TrialsInFlight => Volatile.Read(ref _trialsInFlight);

        /// <summary>A snapshot of the breaker's counters and its last transition.</summary>
        public CircuitBreakerStatistics Statistics
        {
            get
            {
                lock (_gate)
                {
                    long lastFailure = Interlocked.Read(ref _lastFailureTicks);
                    long windowFailures = _period is ClosedPeriod closed ? closed.CountFailures(ResilienceRuntime.TimeProvider.GetUtcNow().UtcTicks) : 0;
                    return new CircuitBreakerStatistics(
                        Name,
                        State,
                        Interlocked.Read(ref _calls),
                        Interlocked.Read(ref _successes),
                        Interlocked.Read(ref _failures),
                        Interlocked.Read(ref _ignored),
                        Interlocked.Read(ref _rejections),
                        _transitions,
                        _lastTransitionTime,
                        _lastTransitionReason,
                        windowFailures,
                        lastFailure == 0 ? null : new DateTimeOffset(lastFailure, TimeSpan.Zero));
                }
            }
        }

        PolicyKind IConfigurablePolicy.Kind => PolicyKind.CircuitBreaker;

        /// <summary>
        /// Admits one call or throws <see cref="CircuitBreakerOpenException"/> without running anything: when open, isolated, or
        /// half-open with every trial slot taken. Report the call's outcome on the returned permit.
        /// When <see cref="PolicyKind.CircuitBreaker"/> is switched off, returns a permit that records nothing.
        /// </summary>
        public CircuitBreakerPermit Enter()
        {
            if (Admit(out CircuitBreakerPermit permit, out CircuitBreakerRejection rejection))
            {
                return permit;
            }

            throw rejection.CreateException();
        }

        /// <summary>
        /// Admits one call like <see cref="Enter"/>, but reports a rejection by returning <see langword="false"/> instead of
        /// throwing: the rejection is counted (<see cref="CircuitBreakerStatistics.Rejections"/>) and reported to telemetry
        /// exactly as a thrown one, and <paramref name="rejection"/> can create the exception when one is needed. Generated
        /// code uses it when a fallback answers rejections, so that an open breaker costs no exception.
        /// </summary>
        /// <param name="permit">The admission, when the call may run; report its outcome on it.</param>
        /// <param name="rejection">Why the call was turned away, when it was; <see langword="default"/> otherwise.</param>
        /// <returns>Whether the call may run.</returns>
        public bool TryEnter(out CircuitBreakerPermit permit, out CircuitBreakerRejection rejection) => Admit(out permit, out rejection);

        // Enter and TryEnter in one place, inlined into both so that Enter's closed path costs no extra call.
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        private bool Admit(out CircuitBreakerPermit permit, out CircuitBreakerRejection rejection)
        {
            rejection = default;
            if (!ResilienceRuntime.IsEnabled(PolicyKind.CircuitBreaker))
            {
                permit = default;
                return true;
            }

            while (true)
            {
                BreakerPeriod period = Volatile.Read(ref _period);
                switch (period.State)
                {
                    case CircuitBreakerState.Closed:
                        Interlocked.Increment(ref _calls);
                        permit = new CircuitBreakerPermit(period);
                        return true;

                    case CircuitBreakerState.HalfOpen:
                        if (TryTakeTrialSlot(((HalfOpenPeriod)period).RequiredSuccesses))
                        {
                            Interlocked.Increment(ref _calls);
                            permit = new CircuitBreakerPermit(period);
                            return true;
                        }

                        permit = default;
                        rejection = Reject(CircuitBreakerState.HalfOpen, TimeSpan.Zero);
                        return false;

                    case CircuitBreakerState.Open:
                    {
                        var open = (OpenPeriod)period;
                        long now = ResilienceRuntime.TimeProvider.GetUtcNow().UtcTicks;
                        if (now < open.UntilTicks)
                        {
                            permit = default;
                            rejection = Reject(CircuitBreakerState.Open, TimeSpan.FromTicks(open.UntilTicks - now));
                            return false;
                        }

                        CircuitBreakerOptions options = Options;
                        TryTransition(open, new HalfOpenPeriod(this, options.HalfOpenSuccesses, options.SlowCallMs), CircuitBreakerTransitionReason.BreakElapsed);
                        continue; // Whoever won the transition, look again.
                    }

                    default:
                        permit = default;
                        rejection = Reject(CircuitBreakerState.Isolated, Timeout.InfiniteTimeSpan);
                        return false;
                }
            }
        }

        /// <summary>Opens the breaker by hand until <see cref="Reset"/>: every call is rejected, with no half-open trials.</summary>
        public void Isolate()
        {
            while (true)
            {
                BreakerPeriod current = Volatile.Read(ref _period);
                if (current.State == CircuitBreakerState.Isolated
                    || TryTransition(current, new OpenPeriod(this, CircuitBreakerState.Isolated, long.MaxValue), CircuitBreakerTransitionReason.Isolated))
                {
                    return;
                }
            }
        }

        /// <summary>Closes the breaker and forgets the failures counted so far (also ends an isolation).</summary>
        public void Reset()
        {
            while (!TryTransition(Volatile.Read(ref _period), new ClosedPeriod(this, Options), CircuitBreakerTransitionReason.Reset))
            {
            }
        }

        /// <summary>
        /// Replaces the options in force (after validating them); <see langword="null"/> restores <see cref="DefaultOptions"/>.
        /// When the options change while closed, counting starts afresh; an open or half-open breaker keeps its current period.
        /// </summary>
        public void Override(CircuitBreakerOptions? options)
        {
            options?.Validate(Name);
            CircuitBreakerOptions next = options ?? DefaultOptions;
            lock (_gate)
            {
                if (_options.Equals(next))
                {
                    // Keep the counts when a reload repeats the same values.
                    Volatile.Write(ref _options, next);
                    return;
                }

                Volatile.Write(ref _options, next);
                if (_period.State == CircuitBreakerState.Closed)
                {
                    Volatile.Write(ref _period, new ClosedPeriod(this, next));
                }
            }
        }

        void IConfigurablePolicy.ApplyConfiguration(IReadOnlyDictionary<string, string>? values) =>
            Override(values is null ? null : PolicyOptionsBinder.BindCircuitBreaker(DefaultOptions, values, Name));

        internal void OnSuccess(BreakerPeriod period, bool slow)
        {
            if (period.State == CircuitBreakerState.Closed)
            {
                var closed = (ClosedPeriod)period;
                if (slow && closed.SlowCallIsFailure)
                {
                    RecordFailure(period, slow);
                    return;
                }

                Interlocked.Increment(ref _successes);
                if (closed.RecordSuccess(slow, out CircuitBreakerTransitionReason reason) && ReferenceEquals(Volatile.Read(ref _period), period))
                {
                    TryTransition(period, NewOpenPeriod(), reason);
                }

                return;
            }

            // A trial. A slow trial fails it: the breaker is not healthy yet.
            if (slow)
            {
                RecordFailure(period, slow);
                return;
            }

            Interlocked.Increment(ref _successes);
            ReleaseTrialSlot();
            var halfOpen = (HalfOpenPeriod)period;
            if (halfOpen.RecordSuccess() && ReferenceEquals(Volatile.Read(ref _period), halfOpen))
            {
                TryTransition(halfOpen, new ClosedPeriod(this, Options), CircuitBreakerTransitionReason.TrialsSucceeded);
            }
        }

        internal void OnFailure(BreakerPeriod period, Exception exception, CancellationToken callerToken, bool slow)
        {
            if (exception is null)
            {
                throw new ArgumentNullException(nameof(exception));
            }

            if (CallerCancellation.IsCallerCancellation(exception, callerToken) || !Options.Exceptions.Matches(exception))
            {
                Interlocked.Increment(ref _ignored);
                if (period.State == CircuitBreakerState.HalfOpen)
                {
                    ReleaseTrialSlot();
                }

                return;
            }

            RecordFailure(period, slow);
        }

        internal void OnResultFailure(BreakerPeriod period, bool slow) => RecordFailure(period, slow);

        private void RecordFailure(BreakerPeriod period, bool slow)
        {
            Interlocked.Increment(ref _failures);
            Interlocked.Exchange(ref _lastFailureTicks, ResilienceRuntime.TimeProvider.GetUtcNow().UtcTicks);
            if (period.State == CircuitBreakerState.HalfOpen)
            {
                // Reopen before freeing the slot, so that no new trial slips into the failing period.
                TryTransition(period, NewOpenPeriod(), CircuitBreakerTransitionReason.TrialFailed);
                ReleaseTrialSlot();
                return;
            }

            if (((ClosedPeriod)period).RecordFailure(slow, out CircuitBreakerTransitionReason reason) && ReferenceEquals(Volatile.Read(ref _period), period))
            {
                TryTransition(period, NewOpenPeriod(), reason);
            }
        }

        private OpenPeriod NewOpenPeriod()
        {
            long now = ResilienceRuntime.TimeProvider.GetUtcNow().UtcTicks;
            return new OpenPeriod(this, CircuitBreakerState.Open, now + Options.BreakDuration.Ticks);
        }

        private bool TryTakeTrialSlot(int limit)
        {
            int current = Volatile.Read(ref _trialsInFlight);
            while (current < limit)
            {
                int seen = Interlocked.CompareExchange(ref _trialsInFlight, current + 1, current);
                if (seen == current)
                {
                    return true;
                }

                current = seen;
            }

            return false;
        }

        private void ReleaseTrialSlot()
        {
            int current = Volatile.Read(ref _trialsInFlight);
            while (current > 0)
            {
                int seen = Interlocked.CompareExchange(ref _trialsInFlight, current - 1, current);
                if (seen == current)
                {
                    return;
                }

                current = seen;
            }
        }

        private bool TryTransition(BreakerPeriod expected, BreakerPeriod next, CircuitBreakerTransitionReason reason)
        {
            CircuitBreakerStateChangedEventArgs change;
            lock (_gate)
            {
                if (!ReferenceEquals(_period, expected))
                {
                    return false;
                }

                Volatile.Write(ref _period, next);
                if (expected.State == next.State)
                {
                    // Reset of a closed breaker: counts start afresh, but the state did not change.
                    return true;
                }

                DateTimeOffset now = ResilienceRuntime.TimeProvider.GetUtcNow();
                _transitions++;
                _lastTransitionTime = now;
                _lastTransitionReason = reason;
                change = new CircuitBreakerStateChangedEventArgs(Name, expected.State, next.State, reason, now, _transitions);
            }

            Publish(change);
            return true;
        }

        private void Publish(CircuitBreakerStateChangedEventArgs change)
        {
            ResilienceTelemetry.OnBreakerTransition(change);
            Raise(StateChanged, change);
            if (_registry is not null)
            {
                _registry.OnStateChanged(this, change);
            }
        }

        internal void Raise(EventHandler<CircuitBreakerStateChangedEventArgs>? handlers, CircuitBreakerStateChangedEventArgs change)
        {
            if (handlers is null)
            {
                return;
            }

            foreach (Delegate handler in handlers.GetInvocationList())
            {
                try
                {
                    ((EventHandler<CircuitBreakerStateChangedEventArgs>)handler)(this, change);
                }
                catch (Exception ex)
                {
                    ILogger logger = ResilienceRuntime.Logger;
                    if (logger.IsEnabled(LogLevel.Error))
                    {
                        ResilienceLog.StateChangedHandlerFailed(logger, Name, ex);
                    }
                }
            }
        }

        [MethodImpl(MethodImplOptions.NoInlining)]
        private CircuitBreakerRejection Reject(CircuitBreakerState state, TimeSpan retryAfter)
        {
            Interlocked.Increment(ref _rejections);
            ResilienceTelemetry.OnBreakerRejection(Name, state, retryAfter);
            return new CircuitBreakerRejection(Name, state, retryAfter);
        }

        private static TimeSpan TimeUntil(long untilTicks)
        {
            long now = ResilienceRuntime.TimeProvider.GetUtcNow().UtcTicks;
            return untilTicks > now ? TimeSpan.FromTicks(untilTicks - now) : TimeSpan.Zero;
        }
    }
}
