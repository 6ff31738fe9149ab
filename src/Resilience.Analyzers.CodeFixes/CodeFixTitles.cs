namespace Resilience.Analyzers.CodeFixes
{
    /// <summary>Titles (also equivalence keys) of the code fixes.</summary>
    internal static class CodeFixTitles
    {
        public const string MakePartial = "Make partial";
        public const string MakeMethodPartial = "Make partial and move the body into '{0}Core'";
        public const string MakeTypePartial = "Make type '{0}' partial";
        public const string GenerateCore = "Generate '{0}Core'";
        public const string AddCancellationToken = "Add a CancellationToken parameter";
        public const string SuppressHazard = "Suppress {0} with a justification";
        public const string AddIdempotent = "Add [Idempotent] to '{0}'";
        public const string GenerateFallback = "Generate fallback method '{0}'";
        public const string SetFallbackOrder = "Set Order = {0}";
        public const string AddOnConflictDoNothing = "Add ON CONFLICT DO NOTHING";
        public const string HoistIdempotencyKey = "Take the idempotency key as parameter '{0}' of '{1}' (created once per call)";
        public const string MarkWorkflowId = "Mark parameter '{0}' as [WorkflowId]";
        public const string AddFailureRatio = "Add FailureRatio = 0.5";
        public const string RemoveSamplingDuration = "Remove SamplingDurationMs";
        public const string MakeOverallTimeout = "Make it the overall timeout (Scope = TimeoutScope.Overall)";
        public const string RemoveOption = "Remove {0}";
    }
}
