using System;
using System.ComponentModel;
using System.Threading;

namespace Resilience
{
    /// <summary>
    /// What the policies with options of their own share: the name, the attribute's options, and the options in force, which a
    /// run-time override (or configuration, for the policies <see cref="ResiliencePolicyRegistry"/> tracks) replaces. Options are
    /// validated when the policy is created and on every override. Used by generated code; not meant to be derived from
    /// outside this assembly.
    /// </summary>
    /// <typeparam name="TOptions">The policy's options.</typeparam>
    [EditorBrowsable(EditorBrowsableState.Never)]
    public abstract class ConfigurablePolicy<TOptions>
        where TOptions : class
    {
        private TOptions _options;

        /// <summary>Sets the name and validates <paramref name="options"/>.</summary>
        /// <param name="name">The policy name, <c>Namespace.Type.Method</c>.</param>
        /// <param name="options">The attribute's values.</param>
        private protected ConfigurablePolicy(string name, TOptions options)
        {
            Name = name ?? throw new ArgumentNullException(nameof(name));
            options = options ?? throw new ArgumentNullException(nameof(options));
            Validate(options);
            DefaultOptions = options;
            _options = options;
        }

        /// <summary>The policy name.</summary>
        public string Name { get; }

        /// <summary>The values given by the attribute.</summary>
        public TOptions DefaultOptions { get; }

        /// <summary>The values in force: the attribute's, or a run-time override.</summary>
        public TOptions Options => Volatile.Read(ref _options);

        /// <summary>Replaces the values in force (after validating them); <see langword="null"/> restores the attribute's.</summary>
        /// <param name="options">The values to use, or <see langword="null"/>.</param>
        public void Override(TOptions? options)
        {
            if (options is not null)
            {
                Validate(options);
            }

            Volatile.Write(ref _options, options ?? DefaultOptions);
        }

        /// <summary>Throws when <paramref name="options"/> are out of range for this policy (<see cref="Name"/> is set).</summary>
        private protected abstract void Validate(TOptions options);
    }
}
