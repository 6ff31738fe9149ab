using System;

namespace Resilience
{
    /// <summary>
    /// Thrown when a <see cref="CheckpointAttribute"/> step stays claimed by another worker of the same workflow run for
    /// longer than the wait allows (its lease plus a second); the step did not run here.
    /// </summary>
    public sealed class CheckpointConflictException : ResilienceException
    {
        /// <summary>Creates the exception.</summary>
        public CheckpointConflictException(string workflowId, string step, string message)
            : base(step, message)
        {
            WorkflowId = workflowId;
            Step = step;
        }

        /// <summary>The workflow run.</summary>
        public string WorkflowId { get; }

        /// <summary>The step.</summary>
        public string Step { get; }
    }
}
