using System;
using System.Collections.Generic;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace Resilience.Analyzers.Hazards
{
    /// <summary>
    /// What the rules know about the method body being scanned: its owner, the compilation's known symbols, who owns
    /// each local's value, and body-wide facts gathered in the first pass. Rules report through <see cref="Report"/>.
    /// </summary>
    internal sealed class HazardScan
    {
        private readonly List<HazardInfo> _hazards;

        public HazardScan(KnownSymbols known, IMethodSymbol owner, List<HazardInfo> hazards)
        {
            Known = known;
            Owner = owner;
            Ownership = new LocalOwnership(owner);
            _hazards = hazards;
        }

        public KnownSymbols Known { get; }

        public IMethodSymbol Owner { get; }

        public LocalOwnership Ownership { get; }

        /// <summary>Some string constant in the body names the "Idempotency-Key" header.</summary>
        public bool MentionsIdempotencyKey { get; private set; }

        /// <summary>The body builds a request with <c>HttpMethod.Post</c>/<c>Patch</c> (or <c>new HttpMethod("POST")</c>).</summary>
        public bool UsesPostOrPatch { get; private set; }

        /// <summary>First pass: locals and body-wide facts, before any rule runs.</summary>
        public void Record(IOperation operation)
        {
            Ownership.Record(operation);
            switch (operation)
            {
                case IPropertyReferenceOperation property when IsHttpMethodPostOrPatch(property):
                    UsesPostOrPatch = true;
                    break;
                case IObjectCreationOperation creation when Known.HttpMethod is not null
                    && SymbolEqualityComparer.Default.Equals(creation.Type, Known.HttpMethod)
                    && creation.Arguments.Length == 1
                    && creation.Arguments[0].Value.ConstantValue is { HasValue: true, Value: string verb }
                    && (verb.Equals("POST", StringComparison.OrdinalIgnoreCase) || verb.Equals("PATCH", StringComparison.OrdinalIgnoreCase)):
                    UsesPostOrPatch = true;
                    break;
            }

            if (operation.ConstantValue is { HasValue: true, Value: string text }
                && text.IndexOf("Idempotency-Key", StringComparison.OrdinalIgnoreCase) >= 0)
            {
                MentionsIdempotencyKey = true;
            }
        }

        public void Report(HazardRuleDescriptors rule, IOperation operation, string description)
        {
            if (operation.Syntax is { } syntax)
            {
                _hazards.Add(new HazardInfo(rule, syntax.GetLocation(), description));
            }
        }

        private bool IsHttpMethodPostOrPatch(IPropertyReferenceOperation property) =>
            property.Property.IsStatic
            && Known.HttpMethod is not null
            && SymbolEqualityComparer.Default.Equals(property.Property.ContainingType, Known.HttpMethod)
            && property.Property.Name is "Post" or "Patch";
    }
}
