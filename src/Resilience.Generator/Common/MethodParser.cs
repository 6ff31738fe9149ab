using System.Collections.Generic;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Resilience.Generators.Model;

namespace Resilience.Generators
{
    /// <summary>
    /// Turns an annotated method symbol into a <see cref="MethodSpec"/>: the method's shape here, each policy's attribute in
    /// its own <c>Policies/{Policy}/{Policy}Parser.cs</c>. Returns <see langword="null"/> when nothing can be emitted (not a
    /// partial definition, a containing type that is not partial); returns a spec with <see cref="MethodSpec.StubReason"/>
    /// when the method is invalid, so that a throwing body replaces a confusing compiler error — a RES diagnostic tells the
    /// user the fix. Never throws on broken code.
    /// </summary>
    internal static class MethodParser
    {
        public static MethodSpec? Parse(ISymbol symbol, SyntaxNode node, Compilation compilation, string primaryAttribute, CancellationToken cancellationToken)
        {
            if (symbol is not IMethodSymbol method || node is not MethodDeclarationSyntax syntax)
            {
                return null;
            }

            // Only the first of our attributes (in composition order) emits, so a method is generated once. A method with no
            // attribute of its own but policies from its class is emitted by the class's pipeline (ClassPolicies).
            AttributeSet attributes = AttributeSet.Read(method);
            if (attributes.Primary != primaryAttribute || ProxyParser.IsProxy(method.ContainingType))
            {
                return null;
            }

            // A partial definition (no body) in partial types is the only thing we can complete.
            if (!method.IsPartialDefinition || syntax.Body is not null || syntax.ExpressionBody is not null)
            {
                return null;
            }

            return ParseCompletable(method, syntax, attributes, compilation, cancellationToken);
        }

        /// <summary>A partial definition in partial types, with its own attributes merged with its class's (<see cref="ClassLevelPolicies"/>).</summary>
        public static MethodSpec? ParseCompletable(IMethodSymbol method, MethodDeclarationSyntax syntax, AttributeSet attributes, Compilation compilation, CancellationToken cancellationToken)
        {
            var containing = new List<ContainingTypeSpec>();
            for (INamedTypeSymbol? type = method.ContainingType; type is not null; type = type.ContainingType)
            {
                if (!MethodShape.IsPartial(type, cancellationToken) || type.TypeKind is not (TypeKind.Class or TypeKind.Struct))
                {
                    return null;
                }

                containing.Insert(0, new ContainingTypeSpec(SymbolNames.TypeKeyword(type), SymbolNames.TypeNameWithParameters(type)));
            }

            ClassLevelPolicies.Merge(attributes, method.ContainingType, method);
            INamedTypeSymbol owner = method.ContainingType!;
            string suffix = SymbolNames.OverloadSuffix(SymbolNames.OverloadOrdinal(method));
            var target = new MethodTarget(
                Namespace: owner.ContainingNamespace is { IsGlobalNamespace: false } n ? n.ToDisplayString() : null,
                ContainingTypes: containing.ToImmutableEquatableArray(),
                Modifiers: SymbolNames.Modifiers(syntax),
                PolicyName: SymbolNames.PolicyName(method),
                HintName: SymbolNames.HintName(method, suffix),
                FieldPrefix: "s_" + SymbolNames.CamelCase(method.Name) + suffix,
                Implementation: null);
            return Build(method, attributes, target, compilation, cancellationToken);
        }

        /// <summary>
        /// The spec of <paramref name="method"/> completed as <paramref name="target"/> says, with the policies in
        /// <paramref name="attributes"/>. Proxies call this for the members they put policies around.
        /// </summary>
        public static MethodSpec Build(IMethodSymbol method, AttributeSet attributes, MethodTarget target, Compilation compilation, CancellationToken cancellationToken)
        {
            string policyName = target.PolicyName;
            var stub = new StubReasons();
            ReturnKind returnKind = MethodShape.GetReturnKind(method, stub);
            var parameters = Parameters(method, returnKind, stub, out string? token);

            if (target.Implementation is null)
            {
                MethodShape.CheckCore(method, stub);
            }

            IdempotentSpec? idempotent = attributes.Idempotent is null ? null : IdempotentParser.Parse(attributes.Idempotent, method, policyName, stub);
            MethodShape.RequireRuntimeType(compilation, attributes.Idempotent, "Resilience.IdempotencyPolicy", stub);
            MethodShape.RequireRuntimeType(compilation, attributes.CircuitBreaker, "Resilience.CircuitBreakerPolicy", stub);
            MethodShape.RequireRuntimeType(compilation, attributes.Bulkhead, "Resilience.BulkheadPolicy", stub);

            CheckpointSpec? checkpoint = attributes.Checkpoint is null ? null : CheckpointParser.Parse(attributes.Checkpoint, method, policyName, stub);
            MethodShape.RequireRuntimeType(compilation, attributes.Checkpoint, "Resilience.CheckpointPolicy", stub);
            if (attributes.Idempotent is not null && attributes.Checkpoint is not null)
            {
                stub.Add("[Idempotent] and [Checkpoint] cannot be combined: a step is already run at most once per workflow");
            }

            PolicySpec? retry = attributes.Retry is null ? null : RetryParser.Parse(attributes.Retry, method, policyName, stub);
            PolicySpec? timeout = attributes.Timeout is null ? null : TimeoutParser.Parse(attributes.Timeout, policyName, stub);
            PolicySpec? breaker = attributes.CircuitBreaker is null ? null : CircuitBreakerParser.Parse(attributes.CircuitBreaker, method, policyName, stub);
            PolicySpec? bulkhead = attributes.Bulkhead is null ? null : BulkheadParser.Parse(attributes.Bulkhead, method, policyName, stub);
            var fallbacks = FallbackParser.Parse(attributes.Fallbacks, method, returnKind, stub);

            cancellationToken.ThrowIfCancellationRequested();
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
                Parameters: parameters.ToImmutableEquatableArray(),
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
                StubReason: stub.Text);
        }

        private static List<ParameterSpec> Parameters(IMethodSymbol method, ReturnKind returnKind, StubReasons stub, out string? token)
        {
            var parameters = new List<ParameterSpec>();
            token = null;
            foreach (IParameterSymbol parameter in method.Parameters)
            {
                if (parameter.RefKind != RefKind.None)
                {
                    stub.Add($"parameter '{parameter.Name}' is passed by reference");
                }

                if (parameter.Type.IsRefLikeType && returnKind is not (ReturnKind.Void or ReturnKind.Value))
                {
                    stub.Add($"parameter '{parameter.Name}' is a ref struct, which an async method cannot hold");
                }

                string name = SymbolNames.EscapeIdentifier(parameter.Name);
                if (token is null && MethodShape.IsCancellationToken(parameter.Type))
                {
                    token = name;
                }

                string modifiers = (parameter.IsParams ? "params " : method.IsExtensionMethod && parameter.Ordinal == 0 ? "this " : string.Empty) + parameter.RefKind switch
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
