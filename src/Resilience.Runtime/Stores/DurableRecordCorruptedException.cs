using System;

namespace Resilience
{
    /// <summary>Thrown when a stored record fails its checksum or cannot be parsed. The record is never used or discarded silently.</summary>
    public sealed class DurableRecordCorruptedException : DurableStoreException
    {
        /// <summary>Creates the exception.</summary>
        /// <param name="storeName">The store's <see cref="IDurableStore.Name"/>.</param>
        /// <param name="key">The record's key (as requested, or as read from the record when listing).</param>
        /// <param name="location">Where the record lives: a file path or a table row.</param>
        /// <param name="reason">What is wrong with it.</param>
        /// <param name="innerException">The parse failure, if any.</param>
        public DurableRecordCorruptedException(string storeName, string key, string location, string reason, Exception? innerException = null)
            : base(storeName, key, $"Record '{DurableKeys.Shorten(key)}' of durable store '{storeName}' at {location} is corrupt: {reason}. It was not used.", innerException)
        {
            Location = location;
            Reason = reason;
        }

        /// <summary>Where the record lives: a file path or a table row.</summary>
        public string Location { get; }

        /// <summary>What is wrong with the record.</summary>
        public string Reason { get; }
    }
}
