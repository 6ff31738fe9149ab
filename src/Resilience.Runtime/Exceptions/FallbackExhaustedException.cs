using System;
using System.Collections.Generic;
using System.Collections.ObjectModel;

namespace Resilience
{
    /// <summary>
    /// Thrown by <see cref="FallbackAttribute"/> when the method and every fallback of its chain failed.
    /// <see cref="Failures"/> holds every failure in order: the method's first, then each fallback's.
    /// </summary>
    public sealed class FallbackExhaustedException : ResilienceException
    {
        /// <summary>Creates the exception.</summary>
        /// <param name="policyName">The method's policy name.</param>
        /// <param name="failures">Every failure in order; the first is the method's own.</param>
        public FallbackExhaustedException(string policyName, IReadOnlyList<Exception> failures)
            : base(policyName, CreateMessage(policyName, failures), failures is { Count: > 0 } ? failures[failures.Count - 1] : null)
        {
            var copy = new Exception[failures.Count];
            for (int i = 0; i < copy.Length; i++)
            {
                copy[i] = failures[i];
            }

            Failures = new ReadOnlyCollection<Exception>(copy);
        }

        /// <summary>Every failure in order: the method's, then each fallback's.</summary>
        public IReadOnlyList<Exception> Failures { get; }

        private static string CreateMessage(string policyName, IReadOnlyList<Exception> failures)
        {
            if (failures is null || failures.Count < 2)
            {
                throw new ArgumentException("A fallback chain fails with the method's failure and at least one fallback's.", nameof(failures));
            }

            var parts = new string[failures.Count];
            for (int i = 0; i < parts.Length; i++)
            {
                parts[i] = $"{(i == 0 ? "method" : "fallback " + i)}: {failures[i].GetType().Name}: {failures[i].Message}";
            }

            return $"'{policyName}' and all {failures.Count - 1} fallback(s) failed ({string.Join("; ", parts)}).";
        }
    }
}
