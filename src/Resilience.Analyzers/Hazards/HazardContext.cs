using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;
using Resilience.Analyzers.Hazards.Catalog;

namespace Resilience.Analyzers.Hazards
{
    /// <summary>Everything the hazard rules look up once per compilation: known symbols, the API catalog, the hazard attributes.</summary>
    internal sealed class HazardContext
    {
        public HazardContext(KnownSymbols known, HazardCatalog catalog, Compilation compilation)
        {
            Known = known;
            Catalog = catalog;
            NotIdempotent = compilation.GetTypeByMetadataName("Resilience.NotIdempotentAttribute");
            SafeToRepeat = compilation.GetTypeByMetadataName("Resilience.SafeToRepeatAttribute");
            ConcurrentDictionary = compilation.GetTypeByMetadataName("System.Collections.Concurrent.ConcurrentDictionary`2");
            ImmutableInterlocked = compilation.GetTypeByMetadataName("System.Collections.Immutable.ImmutableInterlocked");
            Guid = compilation.GetTypeByMetadataName("System.Guid");
        }

        public KnownSymbols Known { get; }

        public HazardCatalog Catalog { get; }

        public INamedTypeSymbol? NotIdempotent { get; }

        public INamedTypeSymbol? SafeToRepeat { get; }

        public INamedTypeSymbol? ConcurrentDictionary { get; }

        public INamedTypeSymbol? ImmutableInterlocked { get; }

        public INamedTypeSymbol? Guid { get; }

        public static HazardContext? Create(Compilation compilation, AnalyzerOptions options, CancellationToken cancellationToken)
        {
            var known = KnownSymbols.Create(compilation);
            return known is null ? null : new HazardContext(known, HazardCatalog.Create(compilation, options, cancellationToken), compilation);
        }

        /// <summary>
        /// Marked fine to repeat: <c>[SafeToRepeat]</c> on the member or its type, a <c>!</c> catalog entry, or a member
        /// whose type is fine to repeat (a <c>System.Diagnostics.Metrics</c> instrument).
        /// </summary>
        public bool IsSafeToRepeat(ISymbol? symbol)
        {
            if (symbol is null)
            {
                return false;
            }

            if (KnownSymbols.HasAttribute(symbol, SafeToRepeat)
                || (symbol.ContainingType is { } containing && KnownSymbols.HasAttribute(containing, SafeToRepeat))
                || Catalog.Find(symbol) is { SafeToRepeat: true })
            {
                return true;
            }

            var type = symbol switch
            {
                IFieldSymbol field => field.Type,
                IPropertySymbol property => property.Type,
                ILocalSymbol local => local.Type,
                IParameterSymbol parameter => parameter.Type,
                _ => null,
            };
            return type is not null && (KnownSymbols.HasAttribute(type, SafeToRepeat) || Catalog.FindType(type) is { SafeToRepeat: true });
        }

        /// <summary>The field or property an operation writes or reads through: <c>_count</c>, <c>_slots[0]</c> → <c>_slots</c>.</summary>
        public static ISymbol? MemberOf(IOperation? operation)
        {
            for (var depth = 0; depth < LocalOwnership.MaxDepth; depth++)
            {
                switch (OperationShapes.Unwrap(operation))
                {
                    case IFieldReferenceOperation field:
                        return field.Field;
                    case IPropertyReferenceOperation { Property.IsIndexer: true } indexer:
                        operation = indexer.Instance;
                        break;
                    case IPropertyReferenceOperation property:
                        return property.Property;
                    case IArrayElementReferenceOperation element:
                        operation = element.ArrayReference;
                        break;
                    default:
                        return null;
                }
            }

            return null;
        }
    }
}
