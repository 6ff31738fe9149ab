using System;

namespace Resilience
{
    /// <summary>The values of a <see cref="CheckpointAttribute"/>.</summary>
    public sealed class CheckpointOptions
    {
        /// <summary>Options with every default.</summary>
        public static CheckpointOptions Default { get; } = new CheckpointOptions();

        /// <summary>The step name; <see langword="null"/> for the method's simple name.</summary>
        public string? Step { get; init; }

        /// <summary>
        /// How long a worker holds a step while it runs before another worker of the same run may take it over, in seconds
        /// (default 300). A step that runs longer than this can run twice concurrently.
        /// </summary>
        public int LeaseSeconds { get; init; } = 300;

        /// <summary>Throws <see cref="ArgumentException"/> naming <paramref name="policyName"/> when a value is out of range.</summary>
        public void Validate(string policyName)
        {
            if (Step is not null && (Step.Length == 0 || string.IsNullOrWhiteSpace(Step)))
            {
                throw new ArgumentException($"Checkpoint policy '{policyName}': Step must not be empty.", nameof(Step));
            }

            if (LeaseSeconds <= 0)
            {
                throw new ArgumentOutOfRangeException(nameof(LeaseSeconds), LeaseSeconds, $"Checkpoint policy '{policyName}': LeaseSeconds must be 1 or more.");
            }
        }
    }
}
