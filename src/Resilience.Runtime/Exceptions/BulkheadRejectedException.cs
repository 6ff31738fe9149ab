using System;

namespace Resilience
{
    /// <summary>Thrown by <see cref="BulkheadAttribute"/> when every slot is busy and the queue is full.</summary>
    public sealed class BulkheadRejectedException : ResilienceException
    {
        /// <summary>Creates the exception.</summary>
        public BulkheadRejectedException(string bulkheadName, int maxConcurrency, int maxQueue)
            : base(bulkheadName, $"Bulkhead '{bulkheadName}' rejected the call: {maxConcurrency} call(s) running and {maxQueue} queued.")
        {
            MaxConcurrency = maxConcurrency;
            MaxQueue = maxQueue;
        }

        /// <summary>The bulkhead's concurrency limit.</summary>
        public int MaxConcurrency { get; }

        /// <summary>The bulkhead's queue limit.</summary>
        public int MaxQueue { get; }
    }
}
