using System.Collections.Generic;

namespace Resilience
{
    /// <summary>A policy object that <see cref="ResiliencePolicyRegistry"/> tracks and configuration can override.</summary>
    internal interface IConfigurablePolicy
    {
        PolicyKind Kind { get; }

        string Name { get; }

        /// <summary>Applies configured property values over the attribute's; <see langword="null"/> restores the attribute's values.</summary>
        void ApplyConfiguration(IReadOnlyDictionary<string, string>? values);
    }
}
