using System;

namespace Resilience
{
    /// <summary>
    /// The values of a <see cref="BulkheadAttribute"/>: the attribute's arguments are the defaults, and configuration under
    /// <c>Resilience:Policies:&lt;name&gt;:Bulkhead</c> can replace them at run time.
    /// </summary>
    public sealed class BulkheadOptions : IEquatable<BulkheadOptions>
    {
        /// <summary>Options with every default.</summary>
        public static BulkheadOptions Default { get; } = new BulkheadOptions();

        /// <summary>Calls that may run at once (default 10).</summary>
        public int MaxConcurrency { get; init; } = 10;

        /// <summary>Calls that may wait for a slot (default 0: reject as soon as every slot is busy).</summary>
        public int MaxQueue { get; init; }

        /// <summary>Throws <see cref="ArgumentOutOfRangeException"/> naming <paramref name="name"/> when a value is out of range.</summary>
        public void Validate(string name)
        {
            if (MaxConcurrency < 1)
            {
                throw new ArgumentOutOfRangeException(nameof(MaxConcurrency), MaxConcurrency, $"Bulkhead '{name}': MaxConcurrency must be 1 or more.");
            }

            if (MaxQueue < 0)
            {
                throw new ArgumentOutOfRangeException(nameof(MaxQueue), MaxQueue, $"Bulkhead '{name}': MaxQueue must be 0 or more.");
            }
        }

        /// <inheritdoc/>
        public bool Equals(BulkheadOptions? other) => other is not null && MaxConcurrency == other.MaxConcurrency && MaxQueue == other.MaxQueue;

        /// <inheritdoc/>
        public override bool Equals(object? obj) => Equals(obj as BulkheadOptions);

        /// <inheritdoc/>
        public override int GetHashCode() => HashCode.Combine(MaxConcurrency, MaxQueue);

        /// <inheritdoc/>
        public override string ToString() => $"MaxConcurrency={MaxConcurrency}, MaxQueue={MaxQueue}";
    }
}
