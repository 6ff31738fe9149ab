using System;

namespace Resilience
{
    /// <summary>A snapshot of one self-healing component.</summary>
    public sealed class SelfHealingComponentStatus
    {
        internal SelfHealingComponentStatus(
            string name, bool? healthy, bool usingBackup, bool escalated, int consecutiveFailedRecoveries, long recoveries, DateTimeOffset? lastRecoveryTime, string? lastError)
        {
            Name = name;
            Healthy = healthy;
            UsingBackup = usingBackup;
            Escalated = escalated;
            ConsecutiveFailedRecoveries = consecutiveFailedRecoveries;
            Recoveries = recoveries;
            LastRecoveryTime = lastRecoveryTime;
            LastError = lastError;
        }

        /// <summary>The component's name.</summary>
        public string Name { get; }

        /// <summary>The last probe's verdict (<see langword="null"/> before the first probe).</summary>
        public bool? Healthy { get; }

        /// <summary>Whether callers are on the backup.</summary>
        public bool UsingBackup { get; }

        /// <summary>Whether the service gave up recovering and escalated (until a probe passes).</summary>
        public bool Escalated { get; }

        /// <summary>Failed recoveries in a row.</summary>
        public int ConsecutiveFailedRecoveries { get; }

        /// <summary>Recovery actions run so far.</summary>
        public long Recoveries { get; }

        /// <summary>When the last recovery action started.</summary>
        public DateTimeOffset? LastRecoveryTime { get; }

        /// <summary>The last probe or action error, if any.</summary>
        public string? LastError { get; }
    }
}
