namespace Resilience
{
    /// <summary>What an <see cref="IdempotentAttribute"/> call does when another call holds the same key and has not finished.</summary>
    public enum ConcurrentDuplicateBehavior
    {
        /// <summary>Wait (bounded by the lease) for the other call's outcome and return its stored result.</summary>
        Wait = 0,

        /// <summary>Throw <c>IdempotencyConflictException</c> at once.</summary>
        Throw = 1,
    }
}
