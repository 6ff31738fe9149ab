using System;

namespace Resilience
{
    /// <summary>Thrown when a stored checkpoint fails its checksum or cannot be read. The record is never used.</summary>
    public sealed class CheckpointCorruptedException : ResilienceException
    {
        /// <summary>Creates the exception.</summary>
        public CheckpointCorruptedException(string workflowId, string step, string location, string reason, Exception? innerException = null)
            : base(step, $"Checkpoint of step '{step}' in workflow '{workflowId}' at {location} is corrupt: {reason}. It was not used.", innerException)
        {
            WorkflowId = workflowId;
            Step = step;
            Location = location;
        }

        /// <summary>The workflow run.</summary>
        public string WorkflowId { get; }

        /// <summary>The step.</summary>
        public string Step { get; }

        /// <summary>Where the record lives: a file path or a table row.</summary>
        public string Location { get; }
    }
}
