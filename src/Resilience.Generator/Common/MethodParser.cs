using System.Collections.Generic;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
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

            // Only the first of our attributes (in composition order) parses, so a method is generated and checked once. A
            // method with no attribute of its own but policies from its class is parsed by the class's pipeline
            // (ClassLevelPolicies); a proxy's members are parsed by ProxyParser.
            AttributeSet attributes = AttributeSet.Read(method);
            if (attributes.Primary != primaryAttribute || ProxyParser.IsProxy(method.ContainingType))
            {
                return null;
            }

            var report = new UsageReport();
            MethodSpec? spec = MethodUsage.CheckTarget(method, compilation, report) ? ParseMethod(method, syntax, attributes, compilation, report, cancellationToken) : null;
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

            MethodSpec spec = ParseCompletable(method, syntax, attributes, compilation, report, cancellationToken);
            return canEmit ? spec : null;
        }

        /// <summary>
        /// A method of partial types completed with its own attributes merged with its class's (<see cref="ClassLevelPolicies"/>);
        /// the caller has checked that it can be completed.
        /// </summary>
        public static MethodSpec ParseCompletable(IMethodSymbol method, MethodDeclarationSyntax syntax, AttributeSet attributes, Compilation compilation, UsageReport report, CancellationToken cancellationToken)
        {
            ClassLevelPolicies.Merge(attributes, method.ContainingType, method);
            INamedTypeSymbol owner = method.ContainingType;
            string suffix = SymbolNames.OverloadSuffix(SymbolNames.OverloadOrdinal(method));
            var target = new MethodTarget(
                Namespace: owner.ContainingNamespace is { IsGlobalNamespace: false } ns ? ns.ToDisplayString() : null,
                ContainingTypes: ContainingTypes(method).ToImmutableEquatableArray(),
                Modifiers: SymbolNames.Modifiers(syntax),
                PolicyName: SymbolNames.PolicyName(method),
                HintName: SymbolNames.HintName(method, suffix),
                FieldPrefix: "s_" + SymbolNames.CamelCase(method.Name) + suffix,
                Implementation: null);
            return Build(method, attributes, target, compilation, report, cancellationToken);
        }

        /// <summary>
        /// The spec of <paramref name="method"/> completed as <paramref name="target"/> says, with the policies in
        /// <paramref name="attributes"/>; usage errors go to <paramref name="report"/> and make the spec a throwing stub.
        /// Proxies call this for the members they put policies around.
        /// </summary>
        public static MethodSpec Build(IMethodSymbol method, AttributeSet attributes, MethodTarget target, Compilation compilation, UsageReport report, CancellationToken cancellationToken)
        {
            string policyName = target.PolicyName;
            ReturnKind returnKind = MethodShape.GetReturnKind(method);
            MethodUsage.CheckShape(method, returnKind is not (ReturnKind.Void or ReturnKind.Value), report);
            if (target.Implementation is null && method.IsPartialDefinition)
            {
                MethodUsage.CheckCore(method, report);
            }

            MethodUsage.CheckConflicts(method, attributes, report, cancellationToken);
            MethodUsage.RequireRuntimeType(method, compilation, attributes.Idempotent, "Resilience.IdempotencyPolicy", report, cancellationToken);
            MethodUsage.RequireRuntimeType(method, compilation, attributes.Checkpoint, "Resilience.CheckpointPolicy", report, cancellationToken);
            MethodUsage.RequireRuntimeType(method, compilation, attributes.CircuitBreaker, "Resilience.CircuitBreakerPolicy", report, cancellationToken);
            MethodUsage.RequireRuntimeType(method, compilation, attributes.Bulkhead, "Resilience.BulkheadPolicy", report, cancellationToken);
            MethodUsage.RequireRuntimeType(method, compilation, attributes.LastKnownGood, "Resilience.LastKnownGoodPolicy", report, cancellationToken);

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
            LastKnownGoodSpec? lastKnownGood = attributes.LastKnownGood is null ? null : LastKnownGoodParser.Parse(attributes.LastKnownGood, method, resultType, policyName, report, cancellationToken);

            return new MethodSpec(
                HintName: target.HintName,
                Namespace: target.Namespace,
                ContainingTypes: target.ContainingTypes,
                Modifiers: target.Modifiers,
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
                CoreName: target.Implementation ?? SymbolNames.EscapeIdentifier(method.Name + "Core"),
                PolicyName: policyName,
                FieldPrefix: target.FieldPrefix,
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
                BreakerOutcome: breakerOutcome,
                LastKnownGood: lastKnownGood,
                AsyncMethodBuilder: PoolingBuilder(method, returnKind, compilation));
        }

        /// <summary>
        /// The pooling builder for an async body (.NET 6 and later, C# 10 and later): a call that completes asynchronously
        /// then reuses a pooled state machine box instead of allocating one. A <c>ValueTask</c>/<c>ValueTask&lt;T&gt;</c> method
        /// carries it itself; a <c>Task</c>/<c>Task&lt;T&gt;</c> one runs its policies in a pooled <c>ValueTask</c> method and
        /// returns <c>AsTask()</c> of it. Not when the method already names a builder.
        /// </summary>
        private static string? PoolingBuilder(IMethodSymbol method, ReturnKind returnKind, Compilation compilation)
        {
            bool generic = returnKind is ReturnKind.ValueTaskOfT or ReturnKind.TaskOfT;
            if (returnKind is ReturnKind.Void or ReturnKind.Value
                || compilation is not CSharpCompilation { LanguageVersion: >= LanguageVersion.CSharp10 }
                || compilation.GetTypeByMetadataName("System.Runtime.CompilerServices.PoolingAsyncValueTaskMethodBuilder" + (generic ? "`1" : string.Empty)) is null
                || method.GetAttributes().Any(a => a.AttributeClass?.ToDisplayString() == "System.Runtime.CompilerServices.AsyncMethodBuilderAttribute"))
            {
                return null;
            }

            return generic
                ? "global::System.Runtime.CompilerServices.PoolingAsyncValueTaskMethodBuilder<>"
                : "global::System.Runtime.CompilerServices.PoolingAsyncValueTaskMethodBuilder";
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

    /// <summary>
    /// Where and how a method is completed: its file, declarations, modifiers and names, and the implementation it calls
    /// (<see langword="null"/>: the method's <c>{Name}Core</c>; a proxy passes its call to the inner instance).
    /// </summary>
    internal sealed record MethodTarget(
        string? Namespace,
        ImmutableEquatableArray<ContainingTypeSpec> ContainingTypes,
        string Modifiers,
        string PolicyName,
        string HintName,
        string FieldPrefix,
        string? Implementation);
}
