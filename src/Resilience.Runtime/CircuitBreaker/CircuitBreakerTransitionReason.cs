namespace Resilience
{
    /// <summary>Why a <see cref="CircuitBreaker"/> changed state.</summary>
    public enum CircuitBreakerTransitionReason
    {
        /// <summary>Closed → Open: <c>FailureThreshold</c> failures in a row.</summary>
        ConsecutiveFailures = 0,

        /// <summary>Closed → Open: <c>FailureThreshold</c> failures within <c>SamplingDurationMs</c>.</summary>
        FailuresInWindow = 1,

        /// <summary>Closed → Open: the failure ratio reached <c>FailureRatio</c> with at least <c>MinimumThroughput</c> calls (in the time or the call window).</summary>
        FailureRatio = 2,

        /// <summary>Open → Half-open: the break duration has passed and a call arrived.</summary>
        BreakElapsed = 3,

        /// <summary>Half-open → Closed: <c>HalfOpenSuccesses</c> trial calls succeeded.</summary>
        TrialsSucceeded = 4,

        /// <summary>Half-open → Open: a trial call failed.</summary>
        TrialFailed = 5,

        /// <summary>→ Isolated: <see cref="CircuitBreaker.Isolate"/> was called.</summary>
        Isolated = 6,

        /// <summary>→ Closed: <see cref="CircuitBreaker.Reset"/> was called.</summary>
        Reset = 7,

        /// <summary>Closed → Open: the share of slow calls (<c>SlowCallMs</c>) in the window reached <c>SlowCallRatio</c>.</summary>
        SlowCalls = 8,
    }
}
