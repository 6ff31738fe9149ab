using System;

namespace Resilience
{
    /// <summary>
    /// Calls another method of the same type when the method fails. The fallback method has the same parameters
    /// (optionally one extra trailing <see cref="Exception"/> parameter that receives the failure) and a compatible return type.
    /// </summary>
    /// <remarks>
    /// Several <c>[Fallback]</c> attributes form a chain in <see cref="Order"/>. When every fallback fails,
    /// <c>FallbackExhaustedException</c> carries every failure in order. A fallback never runs for a cancellation
    /// requested by the caller.
    /// </remarks>
    [AttributeUsage(AttributeTargets.Method, AllowMultiple = true, Inherited = false)]
    public sealed class FallbackAttribute : Attribute
    {
        /// <summary>Creates the attribute.</summary>
        /// <param name="method">The fallback method's name; use <c>nameof</c>.</param>
        public FallbackAttribute(string method) => Method = method;

        /// <summary>The fallback method's name.</summary>
        public string Method { get; }

        /// <summary>The position of this fallback in the chain (default 0; lower runs first).</summary>
        public int Order { get; set; }

        /// <summary>Exception types this fallback takes over from; empty means every exception.</summary>
        public Type[] HandleOn { get; set; } = Array.Empty<Type>();

        /// <summary>Exception types this fallback never takes over from; they win over <see cref="HandleOn"/>.</summary>
        public Type[] SkipOn { get; set; } = Array.Empty<Type>();

        /// <summary>
        /// The name of a <c>bool M(TResult result)</c> method of the containing type (static or instance; use <c>nameof</c>)
        /// that says whether a result is a failure this fallback takes over from.
        /// </summary>
        public string? HandleOnResult { get; set; }
    }
}
