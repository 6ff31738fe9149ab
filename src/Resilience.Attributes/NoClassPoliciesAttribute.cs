using System;

namespace Resilience
{
    /// <summary>
    /// Opts a method out of the policies declared on its class (or, on a <see cref="ResilientProxyAttribute"/> class, on the
    /// proxy): all of them, or the kinds given. Policies declared on the method itself still apply.
    /// </summary>
    /// <remarks>
    /// Place it on a partial method of an ordinary class, on a partial method declaration in a proxy, or on a method of a
    /// proxied interface. A method of a proxy that only opts out still has to repeat the interface method's signature:
    /// <code>
    /// [NoClassPolicies]
    /// public partial Task&lt;Health&gt; PingAsync(CancellationToken ct);
    /// </code>
    /// A method left with no policy is completed as a plain call: to <c>{Name}Core</c> on an ordinary class, to the inner
    /// instance on a proxy.
    /// </remarks>
    [AttributeUsage(AttributeTargets.Method, AllowMultiple = false, Inherited = false)]
    public sealed class NoClassPoliciesAttribute : Attribute
    {
        /// <summary>Opts the method out of every policy declared on its class.</summary>
        public NoClassPoliciesAttribute() => Policies = ClassPolicies.All;

        /// <summary>Opts the method out of the given kinds of class-level policy.</summary>
        /// <param name="policies">The kinds to ignore, such as <c>ClassPolicies.Retry | ClassPolicies.Timeout</c>.</param>
        public NoClassPoliciesAttribute(ClassPolicies policies) => Policies = policies;

        /// <summary>The kinds of class-level policy the method ignores.</summary>
        public ClassPolicies Policies { get; }
    }
}
