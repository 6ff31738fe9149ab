using System;
using Microsoft.Extensions.Logging;

namespace Resilience
{
    /// <summary>The runtime's log events, written through <see cref="ResilienceRuntime.LoggerFactory"/> (category <c>Resilience</c>).</summary>
    internal static partial class ResilienceLog
    {
        [LoggerMessage(EventId = 1, EventName = "CircuitBreakerStateChanged", Message = "Circuit breaker '{BreakerName}' changed from {OldState} to {NewState} ({Reason}).")]
        public static partial void BreakerStateChanged(ILogger logger, LogLevel level, string breakerName, CircuitBreakerState oldState, CircuitBreakerState newState, CircuitBreakerTransitionReason reason);

        [LoggerMessage(EventId = 2, EventName = "CircuitBreakerRejected", Level = LogLevel.Debug, Message = "Circuit breaker '{BreakerName}' rejected a call while {State}; retry after {RetryAfterMs} ms.")]
        public static partial void BreakerRejected(ILogger logger, string breakerName, CircuitBreakerState state, double retryAfterMs);

        [LoggerMessage(EventId = 3, EventName = "BulkheadRejected", Level = LogLevel.Warning, Message = "Bulkhead '{BulkheadName}' rejected a call: {Running} running, {Queued} queued.")]
        public static partial void BulkheadRejected(ILogger logger, string bulkheadName, int running, int queued);

        // Handled failures are logged as Polly does: one Warning line naming the exception, without its stack trace
        // (the caller sees the exception itself if the retries run out).
        [LoggerMessage(EventId = 4, EventName = "RetryScheduled", Level = LogLevel.Warning, Message = "'{PolicyName}' failed with {ExceptionType}: {ExceptionMessage}; retry {Retry} in {DelayMs} ms.")]
        public static partial void RetryScheduled(ILogger logger, string policyName, string exceptionType, string exceptionMessage, int retry, double delayMs);

        [LoggerMessage(EventId = 5, EventName = "TimedOut", Level = LogLevel.Warning, Message = "'{PolicyName}' timed out after {TimeoutMs} ms.")]
        public static partial void TimedOut(ILogger logger, string policyName, double timeoutMs);

        [LoggerMessage(EventId = 6, EventName = "FallbackTaken", Level = LogLevel.Warning, Message = "'{PolicyName}' failed with {ExceptionType}: {ExceptionMessage}; falling back to '{FallbackMethod}'.")]
        public static partial void FallbackTaken(ILogger logger, string policyName, string exceptionType, string exceptionMessage, string fallbackMethod);

        [LoggerMessage(EventId = 7, EventName = "PolicyOverridden", Level = LogLevel.Information, Message = "Configuration overrides {Kind} policy '{PolicyName}': {Values}.")]
        public static partial void PolicyOverridden(ILogger logger, PolicyKind kind, string policyName, string values);

        [LoggerMessage(EventId = 8, EventName = "PolicyConfigurationInvalid", Level = LogLevel.Error, Message = "Configuration of {Kind} policy '{PolicyName}' is invalid and was not applied; the values in force are unchanged.")]
        public static partial void PolicyConfigurationInvalid(ILogger logger, PolicyKind kind, string policyName, Exception exception);

        [LoggerMessage(EventId = 9, EventName = "PolicyKindDisabled", Level = LogLevel.Warning, Message = "{Kind} policies are switched off by configuration.")]
        public static partial void PolicyKindDisabled(ILogger logger, PolicyKind kind);

        [LoggerMessage(EventId = 10, EventName = "StateChangedHandlerFailed", Level = LogLevel.Error, Message = "A StateChanged handler of circuit breaker '{BreakerName}' threw.")]
        public static partial void StateChangedHandlerFailed(ILogger logger, string breakerName, Exception exception);

        [LoggerMessage(EventId = 11, EventName = "UnknownConfigurationKey", Level = LogLevel.Warning, Message = "Configuration key '{Key}' is not a known setting and was ignored.")]
        public static partial void UnknownConfigurationKey(ILogger logger, string key);

        [LoggerMessage(EventId = 12, EventName = "RetryScheduledOnResult", Level = LogLevel.Warning, Message = "'{PolicyName}' returned a result handled as a failure; retry {Retry} in {DelayMs} ms.")]
        public static partial void RetryScheduledOnResult(ILogger logger, string policyName, int retry, double delayMs);

        [LoggerMessage(EventId = 13, EventName = "FallbackTakenOnResult", Level = LogLevel.Warning, Message = "'{PolicyName}' returned a result handled as a failure; falling back to '{FallbackMethod}'.")]
        public static partial void FallbackTakenOnResult(ILogger logger, string policyName, string fallbackMethod);
    }
}
