using System;
using System.Collections.Generic;
using System.ComponentModel;
using System.Threading;

namespace Resilience
{
    /// <summary>
    /// The run-time side of one <see cref="RetryAttribute"/>: its name and current options. Generated code holds one
    /// instance per annotated method in a static field and drives it through a <see cref="RetryState"/> per call.
    /// </summary>
    [EditorBrowsable(EditorBrowsableState.Never)]
    public sealed class RetryPolicy : ConfigurablePolicy<RetryOptions>, IConfigurablePolicy
    {
        /// <summary>Creates the policy and validates <paramref name="options"/>.</summary>
        /// <param name="name">The policy name, <c>Namespace.Type.Method</c>.</param>
        /// <param name="options">The attribute's values.</param>
        public RetryPolicy(string name, RetryOptions options)
            : base(name, options)
        {
            ResiliencePolicyRegistry.Register(this);
        }

        PolicyKind IConfigurablePolicy.Kind => PolicyKind.Retry;

        void IConfigurablePolicy.ApplyConfiguration(IReadOnlyDictionary<string, string>? values) =>
            Override(values is null ? null : PolicyOptionsBinder.BindRetry(DefaultOptions, values, Name));

        private protected override void Validate(RetryOptions options) => options.Validate(Name);

        internal double NextRandom() => Random.Shared.NextDouble();
    }
}
