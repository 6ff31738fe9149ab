using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Diagnostics.Metrics;
using Microsoft.Extensions.Logging;

namespace Resilience
{
    /// <summary>
    /// The runtime's <see cref="System.Diagnostics.Metrics.Meter"/> and <see cref="System.Diagnostics.ActivitySource"/>, both named
    /// <c>Resilience</c>, and the names of their instruments and tags. Every measurement is guarded by the instrument's
    /// <c>Enabled</c> flag and every activity event by <see cref="Activity.IsAllDataRequested"/>: nothing is computed or
    /// allocated while nobody listens.
    /// </summary>
    public static class ResilienceTelemetry
    {
        /// <summary>The name of the meter and the activity source: <c>Resilience</c>.</summary>
        public const string Name = "Resilience";

        /// <summary>The logger category of the runtime's <see cref="ILogger"/> events.</summary>
        public const string LoggerCategory = "Resilience";

        /// <summary>Counter: calls of an implementation through a retry policy (first attempt and every retry).</summary>
        public const string Attempts = "resilience.attempts";

        /// <summary>Counter: retries scheduled.</summary>
        public const string Retries = "resilience.retries";

        /// <summary>Counter: attempts that timed out.</summary>
        public const string Timeouts = "resilience.timeouts";

        /// <summary>Counter: failures a fallback took over from.</summary>
        public const string Fallbacks = "resilience.fallbacks";

        /// <summary>Counter: circuit breaker state transitions (tagged with the new state and the reason).</summary>
        public const string BreakerTransitions = "resilience.breaker.transitions";

        /// <summary>Counter: calls a circuit breaker rejected (tagged with its state).</summary>
        public const string BreakerRejections = "resilience.breaker.rejections";

        /// <summary>Counter: calls a bulkhead rejected.</summary>
        public const string BulkheadRejections = "resilience.bulkhead.rejections";

        /// <summary>Counter: calls of an <see cref="IdempotentAttribute"/> method answered with a stored result, without running.</summary>
        public const string IdempotentReplays = "resilience.idempotent.replays";

        /// <summary>Counter: <see cref="CheckpointAttribute"/> steps answered with their saved result on a resumed workflow, without running.</summary>
        public const string CheckpointResumed = "resilience.checkpoint.resumed";

        /// <summary>Tag: the policy name (breaker or bulkhead <c>Name</c>, otherwise <c>Namespace.Type.Method</c>).</summary>
        public const string PolicyNameTag = "resilience.policy.name";

        /// <summary>Tag: the policy kind (<c>Retry</c>, <c>CircuitBreaker</c>, <c>Timeout</c>, <c>Bulkhead</c>, <c>Fallback</c>).</summary>
        public const string PolicyKindTag = "resilience.policy.kind";

        /// <summary>Tag: a circuit breaker state (the new state for transitions, the current one for rejections).</summary>
        public const string BreakerStateTag = "resilience.breaker.state";

        /// <summary>Tag: why a circuit breaker changed state.</summary>
        public const string TransitionReasonTag = "resilience.breaker.reason";

        /// <summary>Tag: the fallback method's name.</summary>
        public const string FallbackMethodTag = "resilience.fallback.method";

        /// <summary>Tag: what a retry or a fallback followed: <c>exception</c>, or <c>result</c> (a result handled as a failure).</summary>
        public const string OutcomeTag = "resilience.outcome";

        /// <summary>Tag: the exception type that caused a retry or a fallback.</summary>
        public const string ExceptionTypeTag = "exception.type";

        /// <summary>The meter named <c>Resilience</c>.</summary>
        public static Meter Meter { get; } = new Meter(Name);

        /// <summary>The activity source named <c>Resilience</c>. The runtime adds events to the current activity when it records.</summary>
        public static ActivitySource ActivitySource { get; } = new ActivitySource(Name);

        private static readonly Counter<long> s_attempts = Meter.CreateCounter<long>(Attempts, "{attempt}", "Calls of an implementation through a retry policy.");
        private static readonly Counter<long> s_retries = Meter.CreateCounter<long>(Retries, "{retry}", "Retries scheduled.");
        private static readonly Counter<long> s_timeouts = Meter.CreateCounter<long>(Timeouts, "{timeout}", "Attempts that timed out.");
        private static readonly Counter<long> s_fallbacks = Meter.CreateCounter<long>(Fallbacks, "{fallback}", "Failures a fallback took over from.");
        private static readonly Counter<long> s_breakerTransitions = Meter.CreateCounter<long>(BreakerTransitions, "{transition}", "Circuit breaker state transitions.");
        private static readonly Counter<long> s_breakerRejections = Meter.CreateCounter<long>(BreakerRejections, "{call}", "Calls rejected by a circuit breaker.");
        private static readonly Counter<long> s_bulkheadRejections = Meter.CreateCounter<long>(BulkheadRejections, "{call}", "Calls rejected by a bulkhead.");

        private static readonly Counter<long> s_idempotentReplays = Meter.CreateCounter<long>(IdempotentReplays, "{call}", "Calls answered with a stored idempotent result.");

        private static readonly Counter<long> s_checkpointResumed = Meter.CreateCounter<long>(CheckpointResumed, "{step}", "Checkpoint steps replayed from their saved result.");

        internal static void OnCheckpointResumed(string policyName)
        {
            if (s_checkpointResumed.Enabled)
            {
                s_checkpointResumed.Add(1, new KeyValuePair<string, object?>(PolicyNameTag, policyName), new KeyValuePair<string, object?>(PolicyKindTag, "Checkpoint"));
            }
        }

        internal static void OnIdempotentReplay(string policyName)
        {
            if (s_idempotentReplays.Enabled)
            {
                s_idempotentReplays.Add(1, new KeyValuePair<string, object?>(PolicyNameTag, policyName), new KeyValuePair<string, object?>(PolicyKindTag, "Idempotent"));
            }
        }

        internal static void OnAttempt(string policyName)
        {
            if (s_attempts.Enabled)
            {
                s_attempts.Add(1, new KeyValuePair<string, object?>(PolicyNameTag, policyName), new KeyValuePair<string, object?>(PolicyKindTag, "Retry"));
            }
        }

        internal static void OnRetry(string policyName, int retry, double delayMs, Exception? exception, bool retryAfter = false)
        {
            // A retry follows either an exception (tagged with its type) or a result handled as a failure.
            string outcome = exception is null ? "result" : "exception";
            if (s_retries.Enabled)
            {
                var name = new KeyValuePair<string, object?>(PolicyNameTag, policyName);
                var kind = new KeyValuePair<string, object?>(PolicyKindTag, "Retry");
                var reason = exception is null
                    ? new KeyValuePair<string, object?>(OutcomeTag, outcome)
                    : new KeyValuePair<string, object?>(ExceptionTypeTag, exception.GetType().FullName);
                s_retries.Add(1, name, kind, reason);
            }

            // The retry is followed by another attempt.
            OnAttempt(policyName);

            if (Activity.Current is { IsAllDataRequested: true } activity)
            {
                var tags = new ActivityTagsCollection
                {
                    { PolicyNameTag, policyName },
                    { "resilience.retry.number", retry },
                    { "resilience.retry.delay_ms", delayMs },
                    { "resilience.retry.retry_after", retryAfter },
                    { OutcomeTag, outcome },
                };
                if (exception is not null)
                {
                    tags.Add(ExceptionTypeTag, exception.GetType().FullName);
                }

                activity.AddEvent(new ActivityEvent("resilience.retry", tags: tags));
            }

            ILogger logger = ResilienceRuntime.Logger;
            if (logger.IsEnabled(LogLevel.Warning))
            {
                if (exception is null)
                {
                    ResilienceLog.RetryScheduledOnResult(logger, policyName, retry, delayMs);
                }
                else
                {
                    ResilienceLog.RetryScheduled(logger, policyName, exception.GetType().FullName ?? exception.GetType().Name, exception.Message, retry, delayMs);
                }
            }
        }

        internal static void OnTimeout(string policyName, TimeSpan timeout)
        {
            if (s_timeouts.Enabled)
            {
                s_timeouts.Add(1, new KeyValuePair<string, object?>(PolicyNameTag, policyName), new KeyValuePair<string, object?>(PolicyKindTag, "Timeout"));
            }

            if (Activity.Current is { IsAllDataRequested: true } activity)
            {
                activity.AddEvent(new ActivityEvent("resilience.timeout", tags: new ActivityTagsCollection
                {
                    { PolicyNameTag, policyName },
                    { "resilience.timeout.ms", timeout.TotalMilliseconds },
                }));
            }

            ILogger logger = ResilienceRuntime.Logger;
            if (logger.IsEnabled(LogLevel.Warning))
            {
                ResilienceLog.TimedOut(logger, policyName, timeout.TotalMilliseconds);
            }
        }

        internal static void OnFallback(string policyName, string fallbackMethod, Exception exception) =>
            RecordFallback(policyName, fallbackMethod, exception.GetType(), exception, default);

        /// <summary>The fallback taking over from a breaker rejection: what <see cref="OnFallback(string, string, Exception)"/> records for the <see cref="CircuitBreakerOpenException"/> it stands for.</summary>
        internal static void OnFallback(string policyName, string fallbackMethod, in CircuitBreakerRejection rejection) =>
            RecordFallback(policyName, fallbackMethod, typeof(CircuitBreakerOpenException), null, rejection);

        // A rejection that was never thrown has no exception object; its message is formatted only when the log line is written.
        private static void RecordFallback(string policyName, string fallbackMethod, Type exceptionType, Exception? exception, in CircuitBreakerRejection rejection)
        {
            if (s_fallbacks.Enabled)
            {
                s_fallbacks.Add(
                    1,
                    new KeyValuePair<string, object?>(PolicyNameTag, policyName),
                    new KeyValuePair<string, object?>(PolicyKindTag, "Fallback"),
                    new KeyValuePair<string, object?>(FallbackMethodTag, fallbackMethod));
            }

            if (Activity.Current is { IsAllDataRequested: true } activity)
            {
                activity.AddEvent(new ActivityEvent("resilience.fallback", tags: new ActivityTagsCollection
                {
                    { PolicyNameTag, policyName },
                    { FallbackMethodTag, fallbackMethod },
                    { ExceptionTypeTag, exceptionType.FullName },
                }));
            }

            ILogger logger = ResilienceRuntime.Logger;
            if (logger.IsEnabled(LogLevel.Warning))
            {
                ResilienceLog.FallbackTaken(
                    logger,
                    policyName,
                    exceptionType.FullName ?? exceptionType.Name,
                    exception?.Message ?? CircuitBreakerOpenException.CreateMessage(rejection.BreakerName, rejection.RetryAfter),
                    fallbackMethod);
            }
        }

        internal static void OnFallbackOnResult(string policyName, string fallbackMethod)
        {
            if (s_fallbacks.Enabled)
            {
                s_fallbacks.Add(
                    1,
                    new KeyValuePair<string, object?>(PolicyNameTag, policyName),
                    new KeyValuePair<string, object?>(PolicyKindTag, "Fallback"),
                    new KeyValuePair<string, object?>(FallbackMethodTag, fallbackMethod),
                    new KeyValuePair<string, object?>(OutcomeTag, "result"));
            }

            if (Activity.Current is { IsAllDataRequested: true } activity)
            {
                activity.AddEvent(new ActivityEvent("resilience.fallback", tags: new ActivityTagsCollection
                {
                    { PolicyNameTag, policyName },
                    { FallbackMethodTag, fallbackMethod },
                    { OutcomeTag, "result" },
                }));
            }

            ILogger logger = ResilienceRuntime.Logger;
            if (logger.IsEnabled(LogLevel.Warning))
            {
                ResilienceLog.FallbackTakenOnResult(logger, policyName, fallbackMethod);
            }
        }

        internal static void OnBreakerTransition(CircuitBreakerStateChangedEventArgs change)
        {
            if (s_breakerTransitions.Enabled)
            {
                s_breakerTransitions.Add(
                    1,
                    new KeyValuePair<string, object?>(PolicyNameTag, change.BreakerName),
                    new KeyValuePair<string, object?>(PolicyKindTag, "CircuitBreaker"),
                    new KeyValuePair<string, object?>(BreakerStateTag, StateName(change.NewState)),
                    new KeyValuePair<string, object?>(TransitionReasonTag, change.Reason.ToString()));
            }

            if (Activity.Current is { IsAllDataRequested: true } activity)
            {
                activity.AddEvent(new ActivityEvent("resilience.breaker.transition", tags: new ActivityTagsCollection
                {
                    { PolicyNameTag, change.BreakerName },
                    { "resilience.breaker.previous_state", StateName(change.OldState) },
                    { BreakerStateTag, StateName(change.NewState) },
                    { TransitionReasonTag, change.Reason.ToString() },
                }));
            }

            ILogger logger = ResilienceRuntime.Logger;
            LogLevel level = change.NewState is CircuitBreakerState.Open or CircuitBreakerState.Isolated ? LogLevel.Warning : LogLevel.Information;
            if (logger.IsEnabled(level))
            {
                ResilienceLog.BreakerStateChanged(logger, level, change.BreakerName, change.OldState, change.NewState, change.Reason);
            }
        }

        internal static void OnBreakerRejection(string breakerName, CircuitBreakerState state, TimeSpan retryAfter)
        {
            if (s_breakerRejections.Enabled)
            {
                s_breakerRejections.Add(
                    1,
                    new KeyValuePair<string, object?>(PolicyNameTag, breakerName),
                    new KeyValuePair<string, object?>(PolicyKindTag, "CircuitBreaker"),
                    new KeyValuePair<string, object?>(BreakerStateTag, StateName(state)));
            }

            ILogger logger = ResilienceRuntime.Logger;
            if (logger.IsEnabled(LogLevel.Debug))
            {
                ResilienceLog.BreakerRejected(logger, breakerName, state, retryAfter.TotalMilliseconds);
            }
        }

        internal static void OnBulkheadRejection(string bulkheadName, int running, int queued)
        {
            if (s_bulkheadRejections.Enabled)
            {
                s_bulkheadRejections.Add(
                    1,
                    new KeyValuePair<string, object?>(PolicyNameTag, bulkheadName),
                    new KeyValuePair<string, object?>(PolicyKindTag, "Bulkhead"));
            }

            ILogger logger = ResilienceRuntime.Logger;
            if (logger.IsEnabled(LogLevel.Warning))
            {
                ResilienceLog.BulkheadRejected(logger, bulkheadName, running, queued);
            }
        }

        // Constant strings, so that a tag never allocates.
        internal static string StateName(CircuitBreakerState state) => state switch
        {
            CircuitBreakerState.Closed => "Closed",
            CircuitBreakerState.Open => "Open",
            CircuitBreakerState.HalfOpen => "HalfOpen",
            CircuitBreakerState.Isolated => "Isolated",
            _ => "Unknown",
        };
    }
}
