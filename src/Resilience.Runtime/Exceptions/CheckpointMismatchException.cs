using System;

namespace Resilience
{
    /// <summary>Thrown when a resumed workflow's recorded steps no longer match the code (a step renamed, reordered or changed).</summary>
    public sealed class CheckpointMismatchException : ResilienceException
    {
        /// <summary>Creates the exception.</summary>
        public CheckpointMismatchException(string workflowId, string expectedStep, string recordedStep, string reason)
            : base(expectedStep, $"Workflow '{workflowId}' cannot resume: the code runs step '{expectedStep}' where the record has '{recordedStep}' ({reason}).")
        {
            WorkflowId = workflowId;
            ExpectedStep = expectedStep;
            RecordedStep = recordedStep;
        }

        /// <summary>The workflow run.</summary>
        public string WorkflowId { get; }

        /// <summary>The step the code runs now.</summary>
        public string ExpectedStep { get; }

        /// <summary>The step the record holds at that position.</summary>
        public string RecordedStep { get; }
    }
}
