using System;
using Microsoft.Extensions.Logging;

namespace Resilience
{
    /// <summary>The self-healing service's log events (event IDs 120–139).</summary>
    internal static partial class SelfHealingLog
    {
        [LoggerMessage(EventId = 120, EventName = "ComponentUnhealthy", Level = LogLevel.Warning, Message = "Self-healing: '{Component}' is unhealthy ({Reason}).")]
        public static partial void Unhealthy(ILogger logger, string component, string reason);

        [LoggerMessage(EventId = 121, EventName = "RecoveryStarted", Level = LogLevel.Information, Message = "Self-healing: recovering '{Component}' (attempt {Attempt}).")]
        public static partial void RecoveryStarted(ILogger logger, string component, int attempt);

        [LoggerMessage(EventId = 122, EventName = "RecoverySucceeded", Level = LogLevel.Information, Message = "Self-healing: '{Component}' recovered.")]
        public static partial void RecoverySucceeded(ILogger logger, string component);

        [LoggerMessage(EventId = 123, EventName = "RecoveryFailed", Level = LogLevel.Error, Message = "Self-healing: recovery of '{Component}' failed ({Failures} in a row): {Reason}")]
        public static partial void RecoveryFailed(ILogger logger, string component, int failures, string reason, Exception? exception);

        [LoggerMessage(EventId = 124, EventName = "RecoveryOnCooldown", Level = LogLevel.Debug, Message = "Self-healing: '{Component}' is unhealthy but its recovery is on cooldown for {RemainingSeconds} s.")]
        public static partial void OnCooldown(ILogger logger, string component, double remainingSeconds);

        [LoggerMessage(EventId = 125, EventName = "Escalated", Level = LogLevel.Critical, Message = "Self-healing: gave up on '{Component}' after {Failures} failed recoveries in a row; escalating to humans.")]
        public static partial void Escalated(ILogger logger, string component, int failures);

        [LoggerMessage(EventId = 126, EventName = "EscalationFailed", Level = LogLevel.Error, Message = "Self-healing: the escalation callback for '{Component}' failed.")]
        public static partial void EscalationFailed(ILogger logger, string component, Exception exception);

        [LoggerMessage(EventId = 127, EventName = "FailedOver", Level = LogLevel.Warning, Message = "Self-healing: '{Component}' failed over to its backup.")]
        public static partial void FailedOver(ILogger logger, string component);

        [LoggerMessage(EventId = 128, EventName = "FailedBack", Level = LogLevel.Information, Message = "Self-healing: '{Component}' failed back to its primary.")]
        public static partial void FailedBack(ILogger logger, string component);

        [LoggerMessage(EventId = 129, EventName = "ActionFailed", Level = LogLevel.Error, Message = "Self-healing: {Action} of '{Component}' failed: {Reason}")]
        public static partial void ActionFailed(ILogger logger, string action, string component, string reason, Exception? exception);

        [LoggerMessage(EventId = 130, EventName = "ComponentHealthy", Level = LogLevel.Information, Message = "Self-healing: '{Component}' is healthy again.")]
        public static partial void HealthyAgain(ILogger logger, string component);

        [LoggerMessage(EventId = 131, EventName = "BreakerTriggered", Level = LogLevel.Warning, Message = "Self-healing: breaker '{Breaker}' opened; checking '{Component}' now.")]
        public static partial void BreakerTriggered(ILogger logger, string breaker, string component);

        [LoggerMessage(EventId = 132, EventName = "RoundFailed", Level = LogLevel.Error, Message = "Self-healing: a check round failed unexpectedly.")]
        public static partial void RoundFailed(ILogger logger, Exception exception);
    }
}
