namespace Resilience
{
    /// <summary>A snapshot of a <see cref="Bulkhead"/>.</summary>
    public readonly struct BulkheadStatistics
    {
        internal BulkheadStatistics(string name, int running, int queued, long rejected, int maxConcurrency, int maxQueue)
        {
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
    }
}
