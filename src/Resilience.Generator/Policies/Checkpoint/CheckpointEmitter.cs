using Resilience.Generators.Model;

namespace Resilience.Generators
{
    /// <summary><c>[Checkpoint]</c>: the claimed call keyed by workflow id and argument fingerprint, restoring <c>[CheckpointState]</c> on replay.</summary>
    internal static class CheckpointEmitter
    {
        public static void EmitBody(MethodEmitter e, CheckpointSpec checkpoint)
        {
            string fingerprint = ClaimedCallEmitter.EmitFingerprint(e, checkpoint.FingerprintArguments);
            ClaimedCallEmitter.Emit(e, "Checkpoint", $"{checkpoint.Store}, {checkpoint.WorkflowId}, {fingerprint}.ToHexString()", "step", checkpoint.StateMember, checkpoint.StateType);
        }
    }
}
