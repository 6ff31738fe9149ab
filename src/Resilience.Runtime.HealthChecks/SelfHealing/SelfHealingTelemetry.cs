using System.Collections.Generic;
using System.Diagnostics.Metrics;

namespace Resilience
{
    /// <summary>The self-healing service's instruments on the <c>Resilience</c> meter.</summary>
    public static class SelfHealingTelemetry
    {
        /// <summary>Counter: probes run (tags: component, <c>resilience.selfhealing.result</c> = healthy or unhealthy).</summary>
        public const string Probes = "resilience.selfhealing.probes";

        /// <summary>Counter: recovery actions (tags: component, result = succeeded, failed or skipped_cooldown).</summary>
        public const string Recoveries = "resilience.selfhealing.recoveries";

        /// <summary>Counter: failovers to a backup.</summary>
        public const string Failovers = "resilience.selfhealing.failovers";

        /// <summary>Counter: failbacks to the primary.</summary>
        public const string Failbacks = "resilience.selfhealing.failbacks";

        /// <summary>Counter: escalations to humans.</summary>
        public const string Escalations = "resilience.selfhealing.escalations";

        /// <summary>Tag: the component's name.</summary>
        public const string ComponentTag = "resilience.selfhealing.component";

        /// <summary>Tag: the result of a probe or recovery.</summary>
        public const string ResultTag = "resilience.selfhealing.result";

        private static readonly Counter<long> s_probes = ResilienceTelemetry.Meter.CreateCounter<long>(Probes, "{probe}", "Self-healing probes run.");
        private static readonly Counter<long> s_recoveries = ResilienceTelemetry.Meter.CreateCounter<long>(Recoveries, "{recovery}", "Self-healing recovery actions.");
        private static readonly Counter<long> s_failovers = ResilienceTelemetry.Meter.CreateCounter<long>(Failovers, "{failover}", "Failovers to a backup.");
        private static readonly Counter<long> s_failbacks = ResilienceTelemetry.Meter.CreateCounter<long>(Failbacks, "{failback}", "Failbacks to the primary.");
        private static readonly Counter<long> s_escalations = ResilienceTelemetry.Meter.CreateCounter<long>(Escalations, "{escalation}", "Escalations to humans.");

        internal static void Probe(string component, bool healthy) => Add(s_probes, component, healthy ? "healthy" : "unhealthy");

        internal static void Recovery(string component, string result) => Add(s_recoveries, component, result);

        internal static void Failover(string component) => Add(s_failovers, component, null);

        internal static void Failback(string component) => Add(s_failbacks, component, null);

        internal static void Escalation(string component) => Add(s_escalations, component, null);

        private static void Add(Counter<long> counter, string component, string? result)
        {
            if (!counter.Enabled)
            {
                return;
            }

            if (result is null)
            {
                counter.Add(1, new KeyValuePair<string, object?>(ComponentTag, component));
            }
            else
            {
                counter.Add(1, new KeyValuePair<string, object?>(ComponentTag, component), new KeyValuePair<string, object?>(ResultTag, result));
            }
        }
    }
}
