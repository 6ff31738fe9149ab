using System;

namespace Resilience
{
    /// <summary>
    /// Marks the field or property whose value is snapshotted with every completed <see cref="CheckpointAttribute"/> step
    /// and restored when a completed step is replayed.
    /// </summary>
    [AttributeUsage(AttributeTargets.Field | AttributeTargets.Property, AllowMultiple = false, Inherited = false)]
    public sealed class CheckpointStateAttribute : Attribute
    {
    }
}
