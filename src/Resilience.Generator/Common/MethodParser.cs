using System.Collections.Generic;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Resilience.Generators.Model;

namespace Resilience.Generators
{
    /// <summary>
    /// Turns an annotated method symbol into a <see cref="MethodSpec"/> and its usage diagnostics: the method's shape here
    /// and in <see cref="MethodUsage"/>, each policy's attribute in its own <c>Policies/{Policy}/{Policy}Parser.cs</c> with
    /// its rules in <c>{Policy}Usage.cs</c>. The spec is <see langword="null"/> when nothing can be emitted (not a partial
    /// definition, a containing type that is not partial); it has <see cref="MethodSpec.StubReason"/> when a usage error
    /// makes the method impossible to generate, so that a throwing body replaces a confusing compiler error and the RES
    /// diagnostic tells the user the fix. Never throws on broken code.
    /// </summary>
    internal static class MethodParser
    {
        public static ParseResult? Parse(ISymbol symbol, SyntaxNode node, Compilation compilation, string primaryAttribute, CancellationToken cancellationToken)
        {
            if (symbol is not IMethodSymbol method || node is not MethodDeclarationSyntax syntax || method.Locations.Length == 0)
            {
                return null;
            }

            // Only the first of our attributes (in composition order) parses, so a method is generated and checked once.
            AttributeSet attributes = AttributeSet.Read(method);
            if (attributes.Primary != primaryAttribute)
            {
                return null;
            }

            var report = new UsageReport();
            MethodSpec? spec = MethodUsage.CheckTarget(method, report) ? ParseMethod(method, syntax, attributes, compilation, report, cancellationToken) : null;
            cancellationToken.ThrowIfCancellationRequested();
            return new ParseResult(spec, report.Diagnostics);
        }

        private static MethodSpec? ParseMethod(IMethodSymbol method, MethodDeclarationSyntax syntax, AttributeSet attributes, Compilation compilation, UsageReport report, CancellationToken cancellationToken)
        {
            bool canEmit = MethodUsage.CheckDeclaration(method, report, cancellationToken);
            if (method.PartialDefinitionPart is not null)
            {
                return null;
            }

            string policyName = SymbolNames.PolicyName(method);
            ReturnKind returnKind = MethodShape.GetReturnKind(method);
            MethodUsage.CheckShape(method, returnKind is not (ReturnKind.Void or ReturnKind.Value), report);
            if (method.IsPartialDefinition)
            {
                MethodUsage.CheckCore(method, report);
            }

            MethodUsage.CheckConflicts(method, attributes, report, cancellationToken);
            MethodUsage.RequireRuntimeType(method, compilation, attributes.Idempotent, "Resilience.IdempotencyPolicy", report, cancellationToken);
            MethodUsage.RequireRuntimeType(method, compilation, attributes.Checkpoint, "Resilience.CheckpointPolicy", report, cancellationToken);
            MethodUsage.RequireRuntimeType(method, compilation, attributes.CircuitBreaker, "Resilience.CircuitBreakerPolicy", report, cancellationToken);
            MethodUsage.RequireRuntimeType(method, compilation, attributes.Bulkhead, "Resilience.BulkheadPolicy", report, cancellationToken);

            IdempotentSpec? idempotent = attributes.Idempotent is null ? null : IdempotentParser.Parse(attributes.Idempotent, method, policyName, report, cancellationToken);
            CheckpointSpec? checkpoint = attributes.Checkpoint is null ? null : CheckpointParser.Parse(attributes.Checkpoint, method, policyName, report, cancellationToken);
            PolicySpec? retry = attributes.Retry is null ? null : RetryParser.Parse(attributes.Retry, method, policyName, report, cancellationToken);
            PolicySpec? breaker = attributes.CircuitBreaker is null ? null : CircuitBreakerParser.Parse(attributes.CircuitBreaker, method, policyName, report, cancellationToken);
            PolicySpec? timeout = attributes.Timeout is null ? null : TimeoutParser.Parse(attributes.Timeout, method, policyName, report, cancellationToken);
            PolicySpec? overallTimeout = attributes.OverallTimeout is null ? null : TimeoutParser.Parse(attributes.OverallTimeout, method, policyName, report, cancellationToken);
            TimeoutUsage.CheckScopes(method, attributes.DuplicateTimeouts, report, cancellationToken);
            ITypeSymbol? resultType = OutcomeMethods.ResultType(method, returnKind);
            RetryOutcomeSpec? retryOutcome = attributes.Retry is null ? null : RetryParser.ParseOutcome(attributes.Retry, method, resultType, compilation, report, cancellationToken);
            CircuitBreakerOutcomeSpec? breakerOutcome = attributes.CircuitBreaker is null ? null : CircuitBreakerParser.ParseOutcome(attributes.CircuitBreaker, method, resultType, compilation, report, cancellationToken);
            PolicySpec? bulkhead = attributes.Bulkhead is null ? null : BulkheadParser.Parse(attributes.Bulkhead, method, policyName, report, cancellationToken);
            ImmutableEquatableArray<FallbackSpec> fallbacks = FallbackParser.Parse(attributes.Fallbacks, method, resultType, compilation, report, cancellationToken);
            if (!canEmit)
            {
                return null;
            }

            INamedTypeSymbol owner = method.ContainingType;
            string suffix = SymbolNames.OverloadSuffix(SymbolNames.OverloadOrdinal(method));
            return new MethodSpec(
                HintName: SymbolNames.HintName(method, suffix),
                Namespace: owner.ContainingNamespace is { IsGlobalNamespace: false } ns ? ns.ToDisplayString() : null,
                ContainingTypes: ContainingTypes(method).ToImmutableEquatableArray(),
                Modifiers: SymbolNames.Modifiers(syntax),
                ReturnType: SymbolNames.RefPrefix(method) + SymbolNames.Type(method.ReturnType),
                ReturnKind: returnKind,
                ResultType: returnKind switch
                {
                    ReturnKind.Value => SymbolNames.Type(method.ReturnType),
                    ReturnKind.TaskOfT or ReturnKind.ValueTaskOfT => SymbolNames.Type(((INamedTypeSymbol)method.ReturnType).TypeArguments[0]),
                    _ => null,
                },
                Name: SymbolNames.EscapeIdentifier(method.Name),
                TypeParameters: method.TypeParameters.Length == 0 ? string.Empty : "<" + string.Join(", ", method.TypeParameters.Select(t => SymbolNames.EscapeIdentifier(t.Name))) + ">",
                Constraints: method.TypeParameters.Select(SymbolNames.Constraint).Where(c => c.Length > 0).ToImmutableEquatableArray(),
                Parameters: Parameters(method, out string? token).ToImmutableEquatableArray(),
                CoreName: SymbolNames.EscapeIdentifier(method.Name + "Core"),
                PolicyName: policyName,
                FieldPrefix: "s_" + SymbolNames.CamelCase(method.Name) + suffix,
                CancellationToken: token,
                Retry: retry,
                CircuitBreaker: breaker,
                Timeout: timeout,
                Bulkhead: bulkhead,
                Fallbacks: fallbacks,
                Idempotent: idempotent,
                Checkpoint: checkpoint,
                StubReason: report.StubReason,
                OverallTimeout: overallTimeout,
                RetryOutcome: retryOutcome,
                BreakerOutcome: breakerOutcome);
        }

        private static List<ContainingTypeSpec> ContainingTypes(IMethodSymbol method)
        {
            var containing = new List<ContainingTypeSpec>();
            for (INamedTypeSymbol? type = method.ContainingType; type is not null; type = type.ContainingType)
            {
                containing.Insert(0, new ContainingTypeSpec(SymbolNames.TypeKeyword(type), SymbolNames.TypeNameWithParameters(type)));
            }

            return containing;
        }

        private static List<ParameterSpec> Parameters(IMethodSymbol method, out string? token)
        {
            var parameters = new List<ParameterSpec>();
            token = null;
            foreach (IParameterSymbol parameter in method.Parameters)
            {
                string name = SymbolNames.EscapeIdentifier(parameter.Name);
                if (token is null && MethodShape.IsCancellationToken(parameter.Type))
                {
                    token = name;
                }

                string modifiers = (parameter.IsParams ? "params " : method.IsExtensionMethod && parameter.Ordinal == 0 ? "this " : string.Empty) + (IsDeclaredScoped(parameter) ? "scoped " : string.Empty) + parameter.RefKind switch
                {
                    RefKind.None => string.Empty,
                    RefKind.Ref => "ref ",
                    RefKind.Out => "out ",
                    RefKind.In => "in ",
                    _ => "ref readonly ",
                };
                parameters.Add(new ParameterSpec(modifiers, SymbolNames.Type(parameter.Type), name));
            }

            return parameters;
        }

        // 'scoped' must be repeated on the implementation part (CS8988); implicit scoping (out) is not written.
        private static bool IsDeclaredScoped(IParameterSymbol parameter) =>
            parameter.DeclaringSyntaxReferences.Any(r => r.GetSyntax() is ParameterSyntax syntax && syntax.Modifiers.Any(m => m.IsKind(Microsoft.CodeAnalysis.CSharp.SyntaxKind.ScopedKeyword)));
    }
}
