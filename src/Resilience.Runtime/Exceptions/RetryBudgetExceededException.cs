using System;

namespace Resilience
{
    /// <summary>
    /// Thrown by <see cref="RetryAttribute"/> when the next delay would take the sum of delays past <c>MaxTotalDelayMs</c>.
    /// The inner exception is the last failure.
    /// </summary>
    public sealed class RetryBudgetExceededException : ResilienceException
    {
        /// <summary>Creates the exception.</summary>
        public RetryBudgetExceededException(string policyName, int attempts, TimeSpan totalDelay, TimeSpan nextDelay, TimeSpan budget, Exception lastFailure)
            : base(
                policyName,
                $"Retry policy '{policyName}' stopped after {attempts} attempt(s): the next delay of {nextDelay.TotalMilliseconds:0} ms would take the total delay from {totalDelay.TotalMilliseconds:0} ms past the budget of {budget.TotalMilliseconds:0} ms.",
                lastFailure)
        {
            Attempts = attempts;
            TotalDelay = totalDelay;
            Budget = budget;
        }

        /// <summary>Attempts made, the first included.</summary>
        public int Attempts { get; }

        /// <summary>The delays already spent.</summary>
        public TimeSpan TotalDelay { get; }

        /// <summary>The configured budget (<c>MaxTotalDelayMs</c>).</summary>
        public TimeSpan Budget { get; }
    }
}
