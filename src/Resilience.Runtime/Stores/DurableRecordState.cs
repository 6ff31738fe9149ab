namespace Resilience
{
    /// <summary>The state of a <see cref="DurableRecord"/>.</summary>
    public enum DurableRecordState
    {
        /// <summary>An owner holds the key under a lease and has not completed.</summary>
        Claimed = 0,

        /// <summary>The owner completed and the payload is stored.</summary>
        Completed = 1,
    }
}
