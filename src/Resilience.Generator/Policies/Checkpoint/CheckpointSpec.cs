namespace Resilience.Generators.Model
{
    /// <summary>
    /// A <c>[Checkpoint]</c> step: its policy, the expression giving the workflow id (<c>null</c> for the ambient
    /// <c>CheckpointScope</c>), the arguments that make up the fingerprint, the instance's store, and the
    /// <c>[CheckpointState]</c> member snapshotted with the step (if any).
    /// </summary>
    internal sealed record CheckpointSpec(
        PolicySpec Policy,
        string WorkflowId,
        ImmutableEquatableArray<string> FingerprintArguments,
        string Store,
        string? StateMember,
        string? StateType);
}
