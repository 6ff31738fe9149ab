using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Resilience.Shared;

namespace Resilience.Analyzers
{
    /// <summary>The Resilience and BCL types the analyzers look for, resolved once per compilation.</summary>
    internal sealed class KnownSymbols
    {
        private KnownSymbols(Compilation compilation, INamedTypeSymbol retry)
        {
            Retry = retry;
            CircuitBreaker = compilation.GetTypeByMetadataName("Resilience.CircuitBreakerAttribute");
            Timeout = compilation.GetTypeByMetadataName("Resilience.TimeoutAttribute");
            Bulkhead = compilation.GetTypeByMetadataName("Resilience.BulkheadAttribute");
            Fallback = compilation.GetTypeByMetadataName("Resilience.FallbackAttribute");
            Idempotent = compilation.GetTypeByMetadataName("Resilience.IdempotentAttribute");
            Checkpoint = compilation.GetTypeByMetadataName("Resilience.CheckpointAttribute");
            WorkflowId = compilation.GetTypeByMetadataName("Resilience.WorkflowIdAttribute");
            Exception = compilation.GetTypeByMetadataName("System.Exception");
            CancellationToken = compilation.GetTypeByMetadataName("System.Threading.CancellationToken");
            Task = compilation.GetTypeByMetadataName("System.Threading.Tasks.Task");
            TaskOfT = compilation.GetTypeByMetadataName("System.Threading.Tasks.Task`1");
            ValueTask = compilation.GetTypeByMetadataName("System.Threading.Tasks.ValueTask");
            ValueTaskOfT = compilation.GetTypeByMetadataName("System.Threading.Tasks.ValueTask`1");
            AsyncEnumerable = compilation.GetTypeByMetadataName("System.Collections.Generic.IAsyncEnumerable`1");
            AsyncEnumerator = compilation.GetTypeByMetadataName("System.Collections.Generic.IAsyncEnumerator`1");
            Interlocked = compilation.GetTypeByMetadataName("System.Threading.Interlocked");
            HttpClient = compilation.GetTypeByMetadataName("System.Net.Http.HttpClient");
            HttpMessageInvoker = compilation.GetTypeByMetadataName("System.Net.Http.HttpMessageInvoker");
            HttpMethod = compilation.GetTypeByMetadataName("System.Net.Http.HttpMethod");
            Enumerable = compilation.GetTypeByMetadataName("System.Collections.IEnumerable");
            SetOfT = compilation.GetTypeByMetadataName("System.Collections.Generic.ISet`1");

            var builder = ImmutableArray.CreateBuilder<INamedTypeSymbol>();
            foreach (var type in new[] { Retry, CircuitBreaker, Timeout, Bulkhead, Fallback, Idempotent, Checkpoint })
            {
                if (type is not null)
                {
                    builder.Add(type);
                }
            }

            ResilienceAttributes = builder.ToImmutable();
        }

        public INamedTypeSymbol Retry { get; }
        public INamedTypeSymbol? CircuitBreaker { get; }
        public INamedTypeSymbol? Timeout { get; }
        public INamedTypeSymbol? Bulkhead { get; }
        public INamedTypeSymbol? Fallback { get; }
        public INamedTypeSymbol? Idempotent { get; }
        public INamedTypeSymbol? Checkpoint { get; }
        public INamedTypeSymbol? WorkflowId { get; }
        public INamedTypeSymbol? Exception { get; }
        public INamedTypeSymbol? CancellationToken { get; }
        public INamedTypeSymbol? Task { get; }
        public INamedTypeSymbol? TaskOfT { get; }
        public INamedTypeSymbol? ValueTask { get; }
        public INamedTypeSymbol? ValueTaskOfT { get; }
        public INamedTypeSymbol? AsyncEnumerable { get; }
        public INamedTypeSymbol? AsyncEnumerator { get; }
        public INamedTypeSymbol? Interlocked { get; }
        public INamedTypeSymbol? HttpClient { get; }
        public INamedTypeSymbol? HttpMessageInvoker { get; }
        public INamedTypeSymbol? HttpMethod { get; }
        public INamedTypeSymbol? Enumerable { get; }
        public INamedTypeSymbol? SetOfT { get; }

        /// <summary>The seven attributes that make the generator write a method body.</summary>
        public ImmutableArray<INamedTypeSymbol> ResilienceAttributes { get; }

        /// <summary>Returns null when the compilation does not reference Resilience.Attributes.</summary>
        public static KnownSymbols? Create(Compilation compilation)
        {
            var retry = compilation.GetTypeByMetadataName("Resilience.RetryAttribute");
            return retry is null ? null : new KnownSymbols(compilation, retry);
        }

        public bool IsResilienceAttribute(INamedTypeSymbol? type)
        {
            if (type is null)
            {
                return false;
            }

            foreach (var known in ResilienceAttributes)
            {
                if (SymbolEqualityComparer.Default.Equals(known, type))
                {
                    return true;
                }
            }

            return false;
        }

        public bool HasResilienceAttribute(ISymbol symbol)
        {
            foreach (var attribute in symbol.GetAttributes())
            {
                if (IsResilienceAttribute(attribute.AttributeClass))
                {
                    return true;
                }
            }

            return false;
        }

        public static bool HasAttribute(ISymbol symbol, INamedTypeSymbol? attributeType)
        {
            if (attributeType is null)
            {
                return false;
            }

            foreach (var attribute in symbol.GetAttributes())
            {
                if (SymbolEqualityComparer.Default.Equals(attribute.AttributeClass, attributeType))
                {
                    return true;
                }
            }

            return false;
        }

        public bool IsException(ITypeSymbol? type)
        {
            for (var current = type; current is not null; current = current.BaseType)
            {
                if (SymbolEqualityComparer.Default.Equals(current, Exception))
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>Finds the <c>{Name}Core</c> implementation of an annotated partial method: the best match, or any method of that name.</summary>
        public static IMethodSymbol? FindCore(IMethodSymbol method)
        {
            var type = method.ContainingType;
            if (type is null)
            {
                return null;
            }

            IMethodSymbol? any = null;
            foreach (var member in type.GetMembers(method.Name + "Core"))
            {
                if (member is IMethodSymbol candidate && candidate.MethodKind == MethodKind.Ordinary)
                {
                    if (SignatureComparer.Describe(method, candidate) is null)
                    {
                        return candidate;
                    }

                    any ??= candidate;
                }
            }

            return any;
        }
    }
}
