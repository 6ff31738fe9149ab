using System;

namespace Resilience
{
    /// <summary>One answer that was not the primary's: which policy served it, from where, at what level, and how stale.</summary>
    public sealed class DegradedAnswer
    {
        /// <summary>Creates the record of a degraded answer.</summary>
        /// <param name="policyName">The protected method's policy name (<c>Namespace.Type.Method</c>).</param>
        /// <param name="source">What answered: <c>LastKnownGood</c> or the fallback method's name.</param>
        /// <param name="level">The answer's degradation level.</param>
        /// <param name="staleAge">The age of a stored value that was served; <see langword="null"/> for a fallback method's fresh answer.</param>
        /// <param name="time">When the answer was given.</param>
        /// <param name="exception">The failure the answer replaced.</param>
        public DegradedAnswer(string policyName, string source, DegradationLevel level, TimeSpan? staleAge, DateTimeOffset time, Exception exception)
        {
            PolicyName = policyName ?? throw new ArgumentNullException(nameof(policyName));
            Source = source ?? throw new ArgumentNullException(nameof(source));
            Level = level;
            StaleAge = staleAge;
            Time = time;
            Exception = exception ?? throw new ArgumentNullException(nameof(exception));
        }

        /// <summary>The protected method's policy name.</summary>
        public string PolicyName { get; }

        /// <summary>What answered: <c>LastKnownGood</c> or the fallback method's name.</summary>
        public string Source { get; }

        /// <summary>The degradation level of the answer.</summary>
        public DegradationLevel Level { get; }

        /// <summary>The age of the stored value that was served (<see langword="null"/> when the answer is not a stored value).</summary>
        public TimeSpan? StaleAge { get; }

        /// <summary>When the answer was given.</summary>
        public DateTimeOffset Time { get; }

        /// <summary>The failure the answer replaced.</summary>
        public Exception Exception { get; }

        /// <inheritdoc/>
        public override string ToString() =>
            StaleAge is { } age
                ? $"{PolicyName}: {Level} from {Source} ({age.TotalSeconds:0.#} s old) after {Exception.GetType().Name}"
                : $"{PolicyName}: {Level} from {Source} after {Exception.GetType().Name}";
    }
}
