namespace Resilience.Generators
{
    /// <summary>Names of the generator's pipeline steps, so that tests can assert what was cached.</summary>
    internal static class TrackingNames
    {
        /// <summary>The step that turns an annotated method into its spec.</summary>
        public const string Methods = "Resilience.Methods";

        /// <summary>The step that turns a class with class-level policies into the specs of its partial methods.</summary>
        public const string ClassMethods = "Resilience.ClassMethods";

        /// <summary>The step that turns a <c>[ResilientProxy]</c> class into its spec.</summary>
        public const string Proxies = "Resilience.Proxies";

        /// <summary>The step whose proxies are written as source files (and whose usage errors are reported).</summary>
        public const string ProxyOutput = "Resilience.ProxyOutput";

        /// <summary>The step whose values are written as source files.</summary>
        public const string Output = "Resilience.Output";

        /// <summary>The step that gathers every method's usage diagnostics.</summary>
        public const string Diagnostics = "Resilience.Diagnostics";
    }
}
