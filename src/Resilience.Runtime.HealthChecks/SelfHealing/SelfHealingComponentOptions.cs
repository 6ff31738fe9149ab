using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;

namespace Resilience
{
    /// <summary>One component the self-healing service watches: how to probe it, recover it, and fail over from it.</summary>
    public sealed class SelfHealingComponentOptions
    {
        internal SelfHealingComponentOptions(string name)
        {
            Name = name;
        }

        /// <summary>The component's name, for logs, metrics and the escalation.</summary>
        public string Name { get; }

        /// <summary>The health probe of the primary: <see langword="true"/> when healthy. Throwing or timing out counts as unhealthy.</summary>
        public Func<CancellationToken, Task<bool>>? Probe { get; set; }

        /// <summary>The recovery action (restart, reconnect, clear a cache). Throwing or timing out counts as a failed recovery.</summary>
        public Func<CancellationToken, Task>? Recover { get; set; }

        /// <summary>Switches callers to a backup when the primary stays unhealthy after a recovery (optional).</summary>
        public Func<CancellationToken, Task>? Failover { get; set; }

        /// <summary>Switches callers back to the primary once its probe passes again (optional; required with <see cref="Failover"/>).</summary>
        public Func<CancellationToken, Task>? Failback { get; set; }

        /// <summary>The least time between two recovery actions (default 60 s): restart-loop protection.</summary>
        public TimeSpan RecoveryCooldown { get; set; } = TimeSpan.FromSeconds(60);

        /// <summary>How long a recovery, failover or failback action may run before it counts as failed (default 30 s).</summary>
        public TimeSpan ActionTimeout { get; set; } = TimeSpan.FromSeconds(30);

        /// <summary>How long a probe may run before it counts as unhealthy (default 10 s).</summary>
        public TimeSpan ProbeTimeout { get; set; } = TimeSpan.FromSeconds(10);

        /// <summary>
        /// After this many failed recoveries in a row the service stops recovering the component and calls
        /// <see cref="SelfHealingOptions.OnEscalation"/> once (default 5). A passing probe resets the count.
        /// </summary>
        public int MaxConsecutiveFailedRecoveries { get; set; } = 5;

        /// <summary>Breakers whose opening (or isolation) makes the component unhealthy and triggers a check at once.</summary>
        public ICollection<string> TriggerBreakers { get; } = new List<string>();

        internal void Validate()
        {
            if (Probe is null)
            {
                throw new ArgumentException($"Self-healing component '{Name}' needs a Probe.");
            }

            if ((Failover is null) != (Failback is null))
            {
                throw new ArgumentException($"Self-healing component '{Name}': Failover and Failback go together.");
            }

            if (MaxConsecutiveFailedRecoveries < 1)
            {
                throw new ArgumentOutOfRangeException(nameof(MaxConsecutiveFailedRecoveries), MaxConsecutiveFailedRecoveries, $"Self-healing component '{Name}': MaxConsecutiveFailedRecoveries must be 1 or more.");
            }

            if (RecoveryCooldown < TimeSpan.Zero || ActionTimeout <= TimeSpan.Zero || ProbeTimeout <= TimeSpan.Zero)
            {
                throw new ArgumentOutOfRangeException(nameof(ActionTimeout), $"Self-healing component '{Name}': timeouts must be positive and the cooldown not negative.");
            }
        }
    }
}
