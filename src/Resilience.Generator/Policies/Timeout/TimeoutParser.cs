using System;
using System.Collections.Generic;
using System.Threading;
using Microsoft.CodeAnalysis;
using Resilience.Generators.Model;

namespace Resilience.Generators
{
    /// <summary>Reads <c>[Timeout(ms)]</c> into the <c>TimeoutOptions</c> initializer.</summary>
    internal static class TimeoutParser
    {
        public static PolicySpec Parse(AttributeData attribute, IMethodSymbol method, string policyName, UsageReport report, CancellationToken cancellationToken)
        {
            ArgumentValues values = AttributeArguments.Read(attribute, "Timeout", Array.Empty<ArgumentRule>(), method, report, cancellationToken);
            int? ms = AttributeArguments.Constructor(attribute, 0, count: 1) as int?;
            TimeoutUsage.Check(values, ms);
            var options = new List<OptionSpec> { new OptionSpec("Ms", Literals.Int(ms ?? 0)) };
            if (AttributeSet.IsOverallTimeout(attribute))
            {
                options.Add(new OptionSpec("Scope", "global::Resilience.TimeoutScope.Overall"));
            }

            return new PolicySpec(policyName, options.ToImmutableEquatableArray());
        }
    }
}
