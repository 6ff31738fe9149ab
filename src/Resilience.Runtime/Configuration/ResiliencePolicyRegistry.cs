using System;
using System.Collections.Generic;
using System.Linq;
using Microsoft.Extensions.Logging;

namespace Resilience
{
    /// <summary>
    /// The process-wide list of policies by kind and name. Every policy registers itself when constructed (breakers and
    /// bulkheads once per name, through their <c>Default</c> registries), picks up the configuration already loaded, and is
    /// updated on every reload. A name may have several instances (one per closed generic containing type); all get the same values.
    /// </summary>
    public static class ResiliencePolicyRegistry
    {
        private static readonly object s_gate = new();
        private static readonly List<Entry> s_policies = new();
        private static ResilienceSettings s_settings = ResilienceSettings.Empty;

        /// <summary>The names of the live policies of <paramref name="kind"/>, ordered and without duplicates.</summary>
        public static IReadOnlyList<string> GetNames(PolicyKind kind)
        {
            var names = new SortedSet<string>(StringComparer.Ordinal);
            lock (s_gate)
            {
                foreach (Entry entry in s_policies)
                {
                    if (entry.Policy.TryGetTarget(out IConfigurablePolicy? policy) && policy.Kind == kind)
                    {
                        names.Add(policy.Name);
                    }
                }
            }

            return names.ToArray();
        }

        /// <summary>
        /// The configured property values that apply to the policy <paramref name="name"/> of <paramref name="kind"/>
        /// (after merging <c>*</c>, name prefixes and the name), or <see langword="null"/> when nothing is configured.
        /// </summary>
        public static IReadOnlyDictionary<string, string>? GetConfiguredValues(PolicyKind kind, string name)
        {
            if (name is null)
            {
                throw new ArgumentNullException(nameof(name));
            }

            lock (s_gate)
            {
                return s_settings.Resolve(kind, name);
            }
        }

        /// <summary>Whether a live attempt-scope <see cref="TimeoutPolicy"/> is registered under <paramref name="name"/>.</summary>
        internal static bool HasAttemptTimeout(string name)
        {
            lock (s_gate)
            {
                foreach (Entry entry in s_policies)
                {
                    if (entry.Policy.TryGetTarget(out IConfigurablePolicy? policy)
                        && policy is TimeoutPolicy { DefaultOptions.Scope: TimeoutScope.Attempt } timeout
                        && string.Equals(timeout.Name, name, StringComparison.Ordinal))
                    {
                        return true;
                    }
                }
            }

            return false;
        }

        internal static void Register(IConfigurablePolicy policy)
        {
            lock (s_gate)
            {
                // Drop entries of collected policies now and then, so that the list does not grow with churn.
                if (s_policies.Count >= 64 && (s_policies.Count & 63) == 0)
                {
                    s_policies.RemoveAll(static e => !e.Policy.TryGetTarget(out _));
                }

                var entry = new Entry(policy);
                s_policies.Add(entry);
                IReadOnlyDictionary<string, string>? values = s_settings.Resolve(policy.Kind, policy.Name);
                if (values is not null)
                {
                    ApplyTo(entry, policy, values);
                }
            }
        }

        internal static void Apply(ResilienceSettings settings)
        {
            ILogger logger = ResilienceRuntime.Logger;
            lock (s_gate)
            {
                s_settings = settings;
                for (var kind = PolicyKind.Retry; kind <= PolicyKind.Fallback; kind++)
                {
                    bool enabled = settings.IsEnabled(kind);
                    ResilienceRuntime.SetEnabled(kind, enabled);
                    if (!enabled && logger.IsEnabled(LogLevel.Warning))
                    {
                        ResilienceLog.PolicyKindDisabled(logger, kind);
                    }
                }

                s_policies.RemoveAll(static e => !e.Policy.TryGetTarget(out _));
                foreach (Entry entry in s_policies)
                {
                    if (entry.Policy.TryGetTarget(out IConfigurablePolicy? policy))
                    {
                        IReadOnlyDictionary<string, string>? values = settings.Resolve(policy.Kind, policy.Name);

                        // Policies that configuration never touched keep whatever code set with Override(...).
                        if (values is not null || entry.Configured)
                        {
                            ApplyTo(entry, policy, values);
                        }
                    }
                }
            }
        }

        private static void ApplyTo(Entry entry, IConfigurablePolicy policy, IReadOnlyDictionary<string, string>? values)
        {
            ILogger logger = ResilienceRuntime.Logger;
            try
            {
                policy.ApplyConfiguration(values);
                entry.Configured = values is not null;
                if (values is not null && logger.IsEnabled(LogLevel.Information))
                {
                    ResilienceLog.PolicyOverridden(logger, policy.Kind, policy.Name, string.Join(", ", values.Select(static p => p.Key + "=" + p.Value)));
                }
            }
            catch (Exception ex) when (ex is ArgumentException or FormatException)
            {
                if (logger.IsEnabled(LogLevel.Error))
                {
                    ResilienceLog.PolicyConfigurationInvalid(logger, policy.Kind, policy.Name, ex);
                }
            }
        }

        private sealed class Entry
        {
            public Entry(IConfigurablePolicy policy)
            {
                Policy = new WeakReference<IConfigurablePolicy>(policy);
            }

            public WeakReference<IConfigurablePolicy> Policy { get; }

            /// <summary>Whether the values in force came from configuration (and must be restored when it goes away).</summary>
            public bool Configured { get; set; }
        }
    }
}
