using System;

namespace Resilience
{
    /// <summary>A snapshot of the degraded answers one protected method has given since the process started.</summary>
    public sealed class DegradationStatistics
    {
        internal DegradationStatistics(string policyName, long degradedAnswers, long staleRejected, DegradedAnswer? last)
        {
            PolicyName = policyName;
            DegradedAnswers = degradedAnswers;
            StaleRejected = staleRejected;
            Last = last;
        }

        /// <summary>The protected method's policy name.</summary>
        public string PolicyName { get; }

        /// <summary>Answers given by a last known good value or a fallback instead of the primary.</summary>
        public long DegradedAnswers { get; }

        /// <summary>Failures for which a stored value existed but was older than its maximum age (so it was not served).</summary>
        public long StaleRejected { get; }

        /// <summary>The most recent degraded answer, if any.</summary>
        public DegradedAnswer? Last { get; }

        /// <summary>When the most recent degraded answer was given, if any.</summary>
        public DateTimeOffset? LastTime => Last?.Time;
    }
}
