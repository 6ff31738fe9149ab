namespace Resilience.Generators
{
    /// <summary>Names of the generator's pipeline steps, so that tests can assert what was cached.</summary>
    internal static class TrackingNames
    {
        /// <summary>The step that turns an annotated method into its spec.</summary>
        public const string Methods = "Resilience.Methods";

        /// <summary>The step whose values are written as source files.</summary>
        public const string Output = "Resilience.Output";

        /// <summary>The step that gathers every method's usage diagnostics.</summary>
        public const string Diagnostics = "Resilience.Diagnostics";
    }
}
