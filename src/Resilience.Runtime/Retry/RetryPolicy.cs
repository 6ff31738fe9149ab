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
    public sealed class RetryPolicy : IConfigurablePolicy
    {
        private RetryOptions _options;

        /// <summary>Creates the policy and validates <paramref name="options"/>.</summary>
        /// <param name="name">The policy name, <c>Namespace.Type.Method</c>.</param>
        /// <param name="options">The attribute's values.</param>
        public RetryPolicy(string name, RetryOptions options)
        {
            Name = name ?? throw new ArgumentNullException(nameof(name));
            options = options ?? throw new ArgumentNullException(nameof(options));
            options.Validate(name);
            DefaultOptions = options;
            _options = options;
            ResiliencePolicyRegistry.Register(this);
        }

        /// <summary>The policy name.</summary>
        public string Name { get; }

        /// <summary>The values given by the attribute.</summary>
        public RetryOptions DefaultOptions { get; }

        /// <summary>The values in force: the attribute's, or a run-time override.</summary>
        public RetryOptions Options => Volatile.Read(ref _options);

        /// <summary>Replaces the values in force (after validating them); <see langword="null"/> restores the attribute's.</summary>
        public void Override(RetryOptions? options)
        {
            options?.Validate(Name);
            Volatile.Write(ref _options, options ?? DefaultOptions);
        }

        PolicyKind IConfigurablePolicy.Kind => PolicyKind.Retry;

        void IConfigurablePolicy.ApplyConfiguration(IReadOnlyDictionary<string, string>? values) =>
            Override(values is null ? null : PolicyOptionsBinder.BindRetry(DefaultOptions, values, Name));

        internal double NextRandom() => Random.Shared.NextDouble();
    }
}
