using System;

namespace Resilience
{
    /// <summary>
    /// Makes the method a step of a crash-safe workflow: its result (and the <see cref="CheckpointStateAttribute"/>
    /// snapshot) is saved when it completes; re-running the workflow returns the saved result without executing the step.
    /// </summary>
    /// <remarks>
    /// The workflow is identified by a parameter marked <see cref="WorkflowIdAttribute"/> or by an ambient <c>CheckpointScope</c>.
    /// A corrupt record raises <c>CheckpointCorruptedException</c>; it is never used silently.
    /// </remarks>
    [AttributeUsage(AttributeTargets.Method, AllowMultiple = false, Inherited = false)]
    public sealed class CheckpointAttribute : Attribute
    {
        /// <summary>The step's name (default: the method name).</summary>
        public string? Step { get; set; }
    }
}
