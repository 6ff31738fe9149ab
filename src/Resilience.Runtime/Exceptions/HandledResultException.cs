namespace Resilience
{
    /// <summary>
    /// Stands for a result that a <c>HandleOnResult</c> predicate named a failure, where a fallback needs an exception: it is
    /// what a fallback method's trailing <see cref="System.Exception"/> parameter receives, and the entry of
    /// <see cref="FallbackExhaustedException"/> for that step. Never thrown by itself.
    /// </summary>
    public sealed class HandledResultException : ResilienceException
    {
        /// <summary>Creates the exception.</summary>
        /// <param name="policyName">The policy name of the method.</param>
        /// <param name="result">The handled result.</param>
        public HandledResultException(string policyName, object? result)
            : base(policyName, $"'{policyName}' returned a result handled as a failure: {result ?? "null"}.")
        {
            Result = result;
        }

        /// <summary>The handled result.</summary>
        public object? Result { get; }
    }
}
