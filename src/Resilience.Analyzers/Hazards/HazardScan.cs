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

        private readonly List<IOperation> _idempotencyKeys = new List<IOperation>();

        public HazardScan(HazardContext context, IMethodSymbol owner, List<HazardInfo> hazards)
        {
            Context = context;
            Owner = owner;
            Ownership = new LocalOwnership(owner);
            _hazards = hazards;
        }

        public HazardContext Context { get; }

        public KnownSymbols Known => Context.Known;

        public IMethodSymbol Owner { get; }

        public LocalOwnership Ownership { get; }

        /// <summary>Some string constant in the body names the "Idempotency-Key" header.</summary>
        public bool MentionsIdempotencyKey { get; private set; }

        /// <summary>The body builds a request with <c>HttpMethod.Post</c>/<c>Patch</c> (or <c>new HttpMethod("POST")</c>).</summary>
        public bool UsesPostOrPatch { get; private set; }

        /// <summary>
        /// Values this body sends as an idempotency key: the value of an "Idempotency-Key" header, of an
        /// <c>IdempotencyKey</c> property, or of an <c>idempotencyKey</c> argument.
        /// </summary>
        public IReadOnlyList<IOperation> IdempotencyKeys => _idempotencyKeys;

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

            RecordIdempotencyKey(operation);
        }

        private void RecordIdempotencyKey(IOperation operation)
        {
            switch (operation)
            {
                // request.Headers.Add("Idempotency-Key", key) / TryAddWithoutValidation(...)
                case IInvocationOperation { Arguments.Length: 2 } invocation
                    when invocation.Arguments[0].Value.ConstantValue is { HasValue: true, Value: string header }
                        && header.Equals("Idempotency-Key", StringComparison.OrdinalIgnoreCase):
                    _idempotencyKeys.Add(invocation.Arguments[1].Value);
                    break;
                // new RequestOptions { IdempotencyKey = key } / options.IdempotencyKey = key
                case ISimpleAssignmentOperation assignment
                    when OperationShapes.Unwrap(assignment.Target) is IPropertyReferenceOperation { Property.Name: "IdempotencyKey" }
                        or IFieldReferenceOperation { Field.Name: "IdempotencyKey" }:
                    _idempotencyKeys.Add(assignment.Value);
                    MentionsIdempotencyKey = true;
                    break;
                case IArgumentOperation { Parameter.Name: "idempotencyKey" } argument when argument.ArgumentKind != ArgumentKind.DefaultValue:
                    _idempotencyKeys.Add(argument.Value);
                    MentionsIdempotencyKey = true;
                    break;
            }
        }

        /// <summary>Records a hazard, unless <paramref name="subject"/> (the member changed or called) is marked fine to repeat.</summary>
        public void Report(HazardRuleDescriptors rule, IOperation operation, string description, ISymbol? subject = null, IMethodSymbol? unlessImplemented = null)
        {
            if (subject is not null && Context.IsSafeToRepeat(subject))
            {
                return;
            }

            if (operation.Syntax is { } syntax)
            {
                _hazards.Add(new HazardInfo(rule, syntax.GetLocation(), description, unlessImplemented));
            }
        }

        private bool IsHttpMethodPostOrPatch(IPropertyReferenceOperation property) =>
            property.Property.IsStatic
            && Known.HttpMethod is not null
            && SymbolEqualityComparer.Default.Equals(property.Property.ContainingType, Known.HttpMethod)
            && property.Property.Name is "Post" or "Patch";
    }
}
