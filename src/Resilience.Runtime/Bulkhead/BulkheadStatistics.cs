using System;

namespace Resilience
{
    /// <summary>A snapshot of a <see cref="Bulkhead"/>.</summary>
    public readonly struct BulkheadStatistics
    {
        internal BulkheadStatistics(string name, int running, int queued, long rejected, int maxConcurrency, int maxQueue, long admitted = 0, DateTimeOffset? lastRejectionTime = null)
        {
            Admitted = admitted;
            LastRejectionTime = lastRejectionTime;
            Name = name;
            Running = running;
            Queued = queued;
            Rejected = rejected;
            MaxConcurrency = maxConcurrency;
            MaxQueue = maxQueue;
        }

        /// <summary>The bulkhead's name.</summary>
        public string Name { get; }

        /// <summary>Calls holding a slot now.</summary>
        public int Running { get; }

        /// <summary>Calls waiting for a slot now.</summary>
        public int Queued { get; }

        /// <summary>Calls rejected since the bulkhead was created.</summary>
        public long Rejected { get; }

        /// <summary>The concurrency limit in force.</summary>
        public int MaxConcurrency { get; }

        /// <summary>The queue limit in force.</summary>
        public int MaxQueue { get; }

        /// <summary>Calls that got a slot since the bulkhead was created.</summary>
        public long Admitted { get; }

        /// <summary>Every call that tried to enter: <see cref="Admitted"/> + <see cref="Rejected"/>.</summary>
        public long Total => Admitted + Rejected;

        /// <summary>When a call was last rejected; <see langword="null"/> if none was.</summary>
        public DateTimeOffset? LastRejectionTime { get; }

        /// <summary>Whether every slot is taken (<see cref="Running"/> at <see cref="MaxConcurrency"/>).</summary>
        public bool IsSaturated => Running >= MaxConcurrency;
    }
}
