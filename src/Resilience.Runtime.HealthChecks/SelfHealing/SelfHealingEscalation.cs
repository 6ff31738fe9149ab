using System;

namespace Resilience
{
    /// <summary>What the escalation callback receives: the component self-healing gave up on, and why.</summary>
    public sealed class SelfHealingEscalation
    {
        internal SelfHealingEscalation(string component, int consecutiveFailedRecoveries, DateTimeOffset time, string? lastError, bool usingBackup)
        {
            Component = component;
            ConsecutiveFailedRecoveries = consecutiveFailedRecoveries;
            Time = time;
            LastError = lastError;
            UsingBackup = usingBackup;
        }

        /// <summary>The component's name.</summary>
        public string Component { get; }

        /// <summary>The failed recoveries in a row that led to the escalation.</summary>
        public int ConsecutiveFailedRecoveries { get; }

        /// <summary>When the service escalated.</summary>
        public DateTimeOffset Time { get; }

        /// <summary>The last probe or recovery error, if any.</summary>
        public string? LastError { get; }

        /// <summary>Whether callers are on the backup.</summary>
        public bool UsingBackup { get; }

        /// <inheritdoc/>
        public override string ToString() => $"{Component}: {ConsecutiveFailedRecoveries} failed recoveries in a row ({LastError ?? "probe failing"})";
    }
}
