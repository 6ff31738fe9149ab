using System;

namespace Resilience
{
    /// <summary>Marks the parameter of a <see cref="CheckpointAttribute"/> method that identifies the workflow run.</summary>
    [AttributeUsage(AttributeTargets.Parameter, AllowMultiple = false, Inherited = false)]
    public sealed class WorkflowIdAttribute : Attribute
    {
    }
}
