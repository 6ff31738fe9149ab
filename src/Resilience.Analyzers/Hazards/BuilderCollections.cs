using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace Resilience.Analyzers.Hazards
{
    /// <summary>
    /// Request-scoped builder collections: headers of an HTTP request, parameters of a database command, collections of
    /// an options/request/command object. They describe one call, not shared state, so filling or clearing them is not
    /// a hazard.
    /// </summary>
    internal static class BuilderCollections
    {
        public static bool IsRequestScoped(IOperation receiver, HazardContext context)
        {
            if (receiver.Type is not { } type)
            {
                return false;
            }

            var @namespace = type.ContainingNamespace?.ToDisplayString();
            if (@namespace == "System.Net.Http.Headers" || Implements(type, "System.Data.IDataParameterCollection")
                || type.Name.EndsWith("ParameterCollection", System.StringComparison.Ordinal))
            {
                return true;
            }

            // request.Options.Add(...), options.Headers.Add(...), command.Parameters.Add(...)
            var owner = OperationShapes.Unwrap(receiver) switch
            {
                IPropertyReferenceOperation property => property.Instance?.Type,
                IFieldReferenceOperation field => field.Instance?.Type,
                _ => null,
            };
            return owner is not null && IsBuilderType(owner);
        }

        private static bool IsBuilderType(ITypeSymbol type)
        {
            var name = type.Name;
            return name.EndsWith("Options", System.StringComparison.Ordinal)
                || name.EndsWith("Request", System.StringComparison.Ordinal)
                || name.EndsWith("RequestMessage", System.StringComparison.Ordinal)
                || name.EndsWith("Command", System.StringComparison.Ordinal)
                || name.EndsWith("Builder", System.StringComparison.Ordinal);
        }

        private static bool Implements(ITypeSymbol type, string metadataName)
        {
            foreach (var @interface in type.AllInterfaces)
            {
                if (@interface.ToDisplayString() == metadataName)
                {
                    return true;
                }
            }

            return false;
        }
    }
}
