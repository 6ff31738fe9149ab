using System;
using System.Collections.Generic;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;

namespace Resilience
{
    /// <summary>
    /// One reading of the <c>Resilience</c> configuration section: the per-kind switches and the configured policy properties.
    /// Immutable; a reload produces a new instance.
    /// </summary>
    internal sealed class ResilienceSettings
    {
        public static readonly ResilienceSettings Empty = new(new Dictionary<PolicyKind, bool>(), new List<PolicyEntry>());

        private readonly Dictionary<PolicyKind, bool> _enabled;
        private readonly List<PolicyEntry> _policies;

        private ResilienceSettings(Dictionary<PolicyKind, bool> enabled, List<PolicyEntry> policies)
        {
            _enabled = enabled;
            _policies = policies;
        }

        public bool IsEnabled(PolicyKind kind) => !_enabled.TryGetValue(kind, out bool enabled) || enabled;

        /// <summary>
        /// The configured properties for policy <paramref name="name"/> of <paramref name="kind"/>, or <see langword="null"/>.
        /// Most specific wins, property by property: <c>*</c>, then each dotted prefix of the name (<c>Namespace</c>,
        /// <c>Namespace.Type</c>), then the name itself.
        /// </summary>
        public IReadOnlyDictionary<string, string>? Resolve(PolicyKind kind, string name)
        {
            List<PolicyEntry>? matches = null;
            foreach (PolicyEntry entry in _policies)
            {
                if (entry.Kind == kind && Matches(entry.Name, name))
                {
                    (matches ??= new List<PolicyEntry>()).Add(entry);
                }
            }

            if (matches is null)
            {
                return null;
            }

            matches.Sort(static (a, b) => Specificity(a.Name).CompareTo(Specificity(b.Name)));
            var values = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
            foreach (PolicyEntry entry in matches)
            {
                foreach (KeyValuePair<string, string> pair in entry.Values)
                {
                    values[pair.Key] = pair.Value;
                }
            }

            return values;
        }

        public static ResilienceSettings FromConfiguration(IConfiguration resilienceSection, ILogger logger)
        {
            var enabled = new Dictionary<PolicyKind, bool>();
            foreach (IConfigurationSection child in resilienceSection.GetSection("Enabled").GetChildren())
            {
                if (TryParseKind(child.Key, out PolicyKind kind) && bool.TryParse(child.Value, out bool value))
                {
                    enabled[kind] = value;
                }
                else
                {
                    Unknown(logger, child.Path);
                }
            }

            var policies = new List<PolicyEntry>();
            foreach (IConfigurationSection policy in resilienceSection.GetSection("Policies").GetChildren())
            {
                foreach (IConfigurationSection kindSection in policy.GetChildren())
                {
                    if (!TryParseKind(kindSection.Key, out PolicyKind kind))
                    {
                        Unknown(logger, kindSection.Path);
                        continue;
                    }

                    var values = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
                    foreach (IConfigurationSection property in kindSection.GetChildren())
                    {
                        if (property.Value is { } value)
                        {
                            values[property.Key] = value;
                        }
                    }

                    if (values.Count > 0)
                    {
                        policies.Add(new PolicyEntry(policy.Key, kind, values));
                    }
                }
            }

            return new ResilienceSettings(enabled, policies);
        }

        private static bool Matches(string configured, string name) =>
            configured == "*"
            || string.Equals(configured, name, StringComparison.OrdinalIgnoreCase)
            || (name.Length > configured.Length && name[configured.Length] == '.' && name.StartsWith(configured, StringComparison.OrdinalIgnoreCase));

        private static int Specificity(string configured) => configured == "*" ? -1 : configured.Length;

        private static bool TryParseKind(string text, out PolicyKind kind) =>
            Enum.TryParse(text, ignoreCase: true, out kind) && Enum.IsDefined(kind) && !char.IsDigit(text[0]);

        private static void Unknown(ILogger logger, string path)
        {
            if (logger.IsEnabled(LogLevel.Warning))
            {
                ResilienceLog.UnknownConfigurationKey(logger, path);
            }
        }

        private sealed class PolicyEntry
        {
            public PolicyEntry(string name, PolicyKind kind, Dictionary<string, string> values)
            {
                Name = name;
                Kind = kind;
                Values = values;
            }

            public string Name { get; }

            public PolicyKind Kind { get; }

            public Dictionary<string, string> Values { get; }
        }
    }
}
