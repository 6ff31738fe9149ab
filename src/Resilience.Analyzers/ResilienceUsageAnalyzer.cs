using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Globalization;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;

namespace Resilience.Analyzers
{
    /// <summary>
    /// Usage rules RES0001–RES0019: everything the generator needs from an annotated method
    /// (partial declaration in a class or struct, <c>{Name}Core</c>, fallbacks, valid numbers, key templates, supported shapes).
    /// The generator itself reports nothing; it skips what this analyzer reports.
    /// </summary>
    [DiagnosticAnalyzer(LanguageNames.CSharp)]
    public sealed class ResilienceUsageAnalyzer : DiagnosticAnalyzer
    {
        /// <inheritdoc />
        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(
            DiagnosticDescriptors.MethodNotPartial,
            DiagnosticDescriptors.TypeNotPartial,
            DiagnosticDescriptors.MissingCore,
            DiagnosticDescriptors.CoreMismatch,
            DiagnosticDescriptors.FallbackNotFound,
            DiagnosticDescriptors.FallbackIncompatible,
            DiagnosticDescriptors.InvalidValue,
            DiagnosticDescriptors.NotAnExceptionType,
            DiagnosticDescriptors.UnknownKeyPlaceholder,
            DiagnosticDescriptors.CheckpointWithoutWorkflowId,
            DiagnosticDescriptors.UnsupportedParameter,
            DiagnosticDescriptors.UnsupportedReturnType,
            DiagnosticDescriptors.AsyncVoidCore,
            DiagnosticDescriptors.TimeoutWithoutCancellationToken,
            DiagnosticDescriptors.ConflictingAttributes,
            DiagnosticDescriptors.DuplicateFallbackOrder,
            DiagnosticDescriptors.FallbackIsSelf,
            DiagnosticDescriptors.InvalidShouldRetry,
            DiagnosticDescriptors.UnsupportedTarget);

        /// <inheritdoc />
        public override void Initialize(AnalysisContext context)
        {
            // Generated files are recognised by GeneratedCode, not by Roslyn (see there why).
            context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.Analyze | GeneratedCodeAnalysisFlags.ReportDiagnostics);
            context.EnableConcurrentExecution();
            context.RegisterCompilationStartAction(start =>
            {
                var known = KnownSymbols.Create(start.Compilation);
                if (known is null)
                {
                    return;
                }

                var generated = new GeneratedCode();
                var proxied = new ProxiedInterfaces(start.Compilation);
                start.RegisterSymbolAction(
                    c =>
                    {
                        if (!IsInGeneratedCode(c.Symbol, generated, c.CancellationToken) && !ProxiedInterfaces.IsProxy(c.Symbol.ContainingType))
                        {
                            AnalyzeMethod(c, known, proxied);
                        }
                    },
                    SymbolKind.Method);
                start.RegisterSymbolAction(
                    c =>
                    {
                        if (!ProxiedInterfaces.IsProxy((INamedTypeSymbol)c.Symbol))
                        {
                            AnalyzeType(c, known, generated);
                        }
                    },
                    SymbolKind.NamedType);
                start.RegisterSyntaxNodeAction(
                    c => AnalyzeLocalFunctionOrLambda(c, known),
                    SyntaxKind.LocalFunctionStatement,
                    SyntaxKind.ParenthesizedLambdaExpression);
            });
        }

        // Attributes on local functions and lambdas compile (AttributeTargets.Method) but the generator never sees them.
        private static void AnalyzeLocalFunctionOrLambda(SyntaxNodeAnalysisContext context, KnownSymbols known)
        {
            var (lists, location, kind, name) = context.Node switch
            {
                LocalFunctionStatementSyntax local => (local.AttributeLists, local.Identifier.GetLocation(), "a local function", local.Identifier.ValueText),
                ParenthesizedLambdaExpressionSyntax lambda => (lambda.AttributeLists, lambda.ParameterList.GetLocation(), "a lambda", "lambda"),
                _ => (default(SyntaxList<AttributeListSyntax>), Location.None, string.Empty, string.Empty),
            };
            foreach (var list in lists)
            {
                foreach (var attribute in list.Attributes)
                {
                    if (context.SemanticModel.GetSymbolInfo(attribute, context.CancellationToken).Symbol is IMethodSymbol constructor
                        && known.IsResilienceAttribute(constructor.ContainingType))
                    {
                        context.ReportDiagnostic(Diagnostic.Create(DiagnosticDescriptors.UnsupportedTarget, location, name, kind));
                        return;
                    }
                }
            }
        }

        private static bool IsInGeneratedCode(ISymbol symbol, GeneratedCode generated, CancellationToken cancellationToken) =>
            symbol.Locations.Length == 0 || generated.IsGenerated(symbol.Locations[0].SourceTree, cancellationToken);

        private static void AnalyzeType(SymbolAnalysisContext context, KnownSymbols known, GeneratedCode generated)
        {
            var type = (INamedTypeSymbol)context.Symbol;
            if (type.TypeKind == TypeKind.Interface || !ContainsAnnotatedMethod(type, known, depth: 0))
            {
                return;
            }

            foreach (var reference in type.DeclaringSyntaxReferences)
            {
                if (!generated.IsGenerated(reference.SyntaxTree, context.CancellationToken)
                    && reference.GetSyntax(context.CancellationToken) is TypeDeclarationSyntax declaration
                    && !declaration.Modifiers.Any(SyntaxKind.PartialKeyword))
                {
                    context.ReportDiagnostic(Diagnostic.Create(
                        DiagnosticDescriptors.TypeNotPartial, declaration.Identifier.GetLocation(), type.Name));
                }
            }
        }

        private static bool ContainsAnnotatedMethod(INamedTypeSymbol type, KnownSymbols known, int depth)
        {
            if (depth > 16)
            {
                return false;
            }

            foreach (var member in type.GetMembers())
            {
                if (member is IMethodSymbol method && method.MethodKind == MethodKind.Ordinary && type.TypeKind != TypeKind.Interface
                    && known.HasResilienceAttribute(method))
                {
                    return true;
                }

                if (member is INamedTypeSymbol nested && ContainsAnnotatedMethod(nested, known, depth + 1))
                {
                    return true;
                }
            }

            return false;
        }

        private static void AnalyzeMethod(SymbolAnalysisContext context, KnownSymbols known, ProxiedInterfaces proxied)
        {
            var method = (IMethodSymbol)context.Symbol;
            if (method.MethodKind != MethodKind.Ordinary || method.ContainingType is null)
            {
                return;
            }

            var attributes = new List<AttributeData>();
            foreach (var attribute in method.GetAttributes())
            {
                if (known.IsResilienceAttribute(attribute.AttributeClass))
                {
                    attributes.Add(attribute);
                }
            }

            if (attributes.Count == 0 || method.Locations.Length == 0)
            {
                return;
            }

            var cancellationToken = context.CancellationToken;
            var methodLocation = method.Locations[0];
            if (method.ContainingType.TypeKind == TypeKind.Interface && proxied.Contains(method.ContainingType))
            {
                // A generated proxy applies them (the generator reports what it cannot apply).
                return;
            }

            if (method.ContainingType.TypeKind is not (TypeKind.Class or TypeKind.Struct))
            {
                var kind = method.ContainingType.TypeKind == TypeKind.Interface ? "a method of interface '" + method.ContainingType.Name + "'" : "not in a class or struct";
                context.ReportDiagnostic(Diagnostic.Create(DiagnosticDescriptors.UnsupportedTarget, methodLocation, method.Name, kind));
                return;
            }

            if (method.PartialDefinitionPart is not null)
            {
                // A partial implementation part the user wrote (generated parts are not analysed): the generator cannot
                // write the body. Every other check runs once, on the definition part.
                context.ReportDiagnostic(Diagnostic.Create(DiagnosticDescriptors.MethodNotPartial, methodLocation, method.Name));
                return;
            }

            var isPartialDefinition = method.IsPartialDefinition;
            if (!isPartialDefinition)
            {
                context.ReportDiagnostic(Diagnostic.Create(DiagnosticDescriptors.MethodNotPartial, methodLocation, method.Name));
            }

            CheckShape(context, method, known, methodLocation);

            if (isPartialDefinition)
            {
                CheckCore(context, method, known, methodLocation);
            }

            AttributeData? idempotent = null;
            AttributeData? checkpoint = null;
            var fallbacks = new List<AttributeData>();
            foreach (var attribute in attributes)
            {
                var type = attribute.AttributeClass;
                var syntax = attribute.ApplicationSyntaxReference?.GetSyntax(cancellationToken) as AttributeSyntax;
                if (Is(type, known.Retry))
                {
                    CheckRetry(context, method, attribute, syntax, known);
                }
                else if (Is(type, known.CircuitBreaker))
                {
                    CheckCircuitBreaker(context, method, attribute, syntax, known);
                }
                else if (Is(type, known.Timeout))
                {
                    CheckTimeout(context, method, attribute, syntax, known);
                }
                else if (Is(type, known.Bulkhead))
                {
                    CheckNamed(context, method, attribute, syntax, "Bulkhead", "MaxConcurrency", v => v >= 1, "it must be 1 or more");
                    CheckNamed(context, method, attribute, syntax, "Bulkhead", "MaxQueue", v => v >= 0, "it must be 0 or more");
                }
                else if (Is(type, known.Fallback))
                {
                    fallbacks.Add(attribute);
                    CheckFallback(context, method, attribute, syntax, known);
                }
                else if (Is(type, known.Idempotent))
                {
                    idempotent = attribute;
                    CheckIdempotent(context, method, attribute, syntax);
                }
                else if (Is(type, known.Checkpoint))
                {
                    checkpoint = attribute;
                    CheckCheckpoint(context, method, syntax, known);
                }
            }

            if (idempotent is not null && checkpoint is not null)
            {
                context.ReportDiagnostic(Diagnostic.Create(
                    DiagnosticDescriptors.ConflictingAttributes,
                    AttributeLocation(checkpoint, cancellationToken) ?? methodLocation,
                    method.Name,
                    "Idempotent",
                    "Checkpoint",
                    "a checkpointed step already runs at most once per workflow; keep one of them"));
            }

            CheckFallbackOrders(context, method, fallbacks);
        }

        private static void CheckShape(SymbolAnalysisContext context, IMethodSymbol method, KnownSymbols known, Location methodLocation)
        {
            foreach (var parameter in method.Parameters)
            {
                if (parameter.RefKind != RefKind.None && parameter.Locations.Length > 0)
                {
                    var kind = parameter.RefKind switch
                    {
                        RefKind.Out => "out",
                        RefKind.In => "in",
                        RefKind.Ref => "ref",
                        _ => "ref readonly",
                    };
                    context.ReportDiagnostic(Diagnostic.Create(
                        DiagnosticDescriptors.UnsupportedParameter, parameter.Locations[0], parameter.Name, method.Name, kind));
                }
            }

            string? unsupported = null;
            if (method.ReturnsByRef || method.ReturnsByRefReadonly)
            {
                unsupported = "by reference";
            }
            else if (method.ReturnType is INamedTypeSymbol named
                && (Is(named.OriginalDefinition, known.AsyncEnumerable) || Is(named.OriginalDefinition, known.AsyncEnumerator)))
            {
                unsupported = "'" + named.ToDisplayString() + "', an asynchronous stream";
            }

            if (unsupported is not null)
            {
                context.ReportDiagnostic(Diagnostic.Create(DiagnosticDescriptors.UnsupportedReturnType, methodLocation, method.Name, unsupported));
            }
        }

        private static void CheckCore(SymbolAnalysisContext context, IMethodSymbol method, KnownSymbols known, Location methodLocation)
        {
            var coreName = method.Name + "Core";
            // Overloads: a Core that belongs to another annotated overload is not this method's Core.
            var overloads = method.ContainingType.GetMembers(method.Name).OfType<IMethodSymbol>()
                .Where(m => !SymbolEqualityComparer.Default.Equals(m, method) && m.MethodKind == MethodKind.Ordinary && known.HasResilienceAttribute(m))
                .ToList();
            var candidates = method.ContainingType.GetMembers(coreName).OfType<IMethodSymbol>()
                .Where(m => m.MethodKind == MethodKind.Ordinary)
                .Where(m => SignatureComparer.Describe(method, m) is null || !overloads.Any(o => SignatureComparer.Describe(o, m) is null))
                .ToList();
            if (candidates.Count == 0)
            {
                context.ReportDiagnostic(Diagnostic.Create(
                    DiagnosticDescriptors.MissingCore, methodLocation, method.Name, coreName, method.ContainingType.Name));
                return;
            }

            IMethodSymbol? match = null;
            foreach (var candidate in candidates)
            {
                if (SignatureComparer.Describe(method, candidate) is null)
                {
                    match = candidate;
                    break;
                }
            }

            if (match is null)
            {
                var first = candidates[0];
                var reason = SignatureComparer.Describe(method, first) ?? "it does not match";
                var location = first.Locations.Length > 0 && first.Locations[0].IsInSource ? first.Locations[0] : methodLocation;
                context.ReportDiagnostic(Diagnostic.Create(DiagnosticDescriptors.CoreMismatch, location, coreName, method.Name, reason));
                return;
            }

            if (method.ReturnsVoid && match.IsAsync && match.Locations.Length > 0)
            {
                context.ReportDiagnostic(Diagnostic.Create(DiagnosticDescriptors.AsyncVoidCore, match.Locations[0], match.Name, method.Name));
            }
        }

        private static void CheckRetry(SymbolAnalysisContext context, IMethodSymbol method, AttributeData attribute, AttributeSyntax? syntax, KnownSymbols known)
        {
            CheckNamed(context, method, attribute, syntax, "Retry", "MaxRetries", v => v >= 0, "it must be 0 or more");
            CheckNamed(context, method, attribute, syntax, "Retry", "BaseDelayMs", v => v >= 0, "it must be 0 or more");
            CheckNamed(context, method, attribute, syntax, "Retry", "MaxDelayMs", v => v >= 0, "it must be 0 or more");
            CheckNamed(context, method, attribute, syntax, "Retry", "MaxTotalDelayMs", v => v >= 0, "it must be 0 (no budget) or more");
            CheckNamed(context, method, attribute, syntax, "Retry", "ExponentialBase", v => v >= 1, "it must be 1.0 or more");

            var baseDelay = NamedInt(attribute, "BaseDelayMs") ?? 1000;
            var maxDelay = NamedInt(attribute, "MaxDelayMs") ?? 60_000;
            if (baseDelay >= 0 && maxDelay >= 0 && baseDelay > maxDelay)
            {
                var property = HasNamed(attribute, "BaseDelayMs") ? "BaseDelayMs" : "MaxDelayMs";
                var value = property == "BaseDelayMs" ? baseDelay : maxDelay;
                var why = property == "BaseDelayMs"
                    ? "it must not exceed MaxDelayMs (" + maxDelay.ToString(CultureInfo.InvariantCulture) + ")"
                    : "it must not be less than BaseDelayMs (" + baseDelay.ToString(CultureInfo.InvariantCulture) + ")";
                context.ReportDiagnostic(Diagnostic.Create(
                    DiagnosticDescriptors.InvalidValue,
                    NamedLocation(syntax, property) ?? Fallback(syntax, method),
                    property,
                    "Retry",
                    method.Name,
                    value.ToString(CultureInfo.InvariantCulture),
                    why));
            }

            CheckExceptionTypes(context, method, attribute, syntax, known, "Retry", "RetryOn");
            CheckExceptionTypes(context, method, attribute, syntax, known, "Retry", "AbortOn");

            foreach (var argument in attribute.NamedArguments)
            {
                if (argument.Key != "ShouldRetry" || argument.Value.Value is not string name)
                {
                    continue;
                }

                var valid = method.ContainingType.GetMembers(name).OfType<IMethodSymbol>().Any(m =>
                    m.IsStatic
                    && m.MethodKind == MethodKind.Ordinary
                    && m.TypeParameters.Length == 0
                    && m.ReturnType.SpecialType == SpecialType.System_Boolean
                    && m.Parameters.Length == 1
                    && m.Parameters[0].RefKind == RefKind.None
                    && SymbolEqualityComparer.Default.Equals(m.Parameters[0].Type, known.Exception));
                if (!valid)
                {
                    context.ReportDiagnostic(Diagnostic.Create(
                        DiagnosticDescriptors.InvalidShouldRetry,
                        NamedLocation(syntax, "ShouldRetry") ?? Fallback(syntax, method),
                        method.Name,
                        name,
                        method.ContainingType.Name));
                }
            }
        }

        private static void CheckCircuitBreaker(SymbolAnalysisContext context, IMethodSymbol method, AttributeData attribute, AttributeSyntax? syntax, KnownSymbols known)
        {
            const string Name = "CircuitBreaker";
            CheckNamed(context, method, attribute, syntax, Name, "FailureThreshold", v => v >= 1, "it must be 1 or more");
            CheckNamed(context, method, attribute, syntax, Name, "SamplingDurationMs", v => v >= 0, "it must be 0 (consecutive failures) or more");
            CheckNamed(context, method, attribute, syntax, Name, "FailureRatio", v => v >= 0 && v <= 1, "it must be 0 (off) or a ratio in (0, 1]");
            CheckNamed(context, method, attribute, syntax, Name, "MinimumThroughput", v => v >= 1, "it must be 1 or more");
            CheckNamed(context, method, attribute, syntax, Name, "BreakDurationMs", v => v >= 1, "it must be 1 or more (a breaker that never stays open protects nothing)");
            CheckNamed(context, method, attribute, syntax, Name, "HalfOpenSuccesses", v => v >= 1, "it must be 1 or more");
            CheckExceptionTypes(context, method, attribute, syntax, known, Name, "HandleOn");
            CheckExceptionTypes(context, method, attribute, syntax, known, Name, "IgnoreOn");
        }

        private static void CheckTimeout(SymbolAnalysisContext context, IMethodSymbol method, AttributeData attribute, AttributeSyntax? syntax, KnownSymbols known)
        {
            if (attribute.ConstructorArguments.Length == 1 && attribute.ConstructorArguments[0].Value is int ms && ms <= 0)
            {
                var location = syntax?.ArgumentList is { Arguments.Count: > 0 } list ? list.Arguments[0].GetLocation() : Fallback(syntax, method);
                context.ReportDiagnostic(Diagnostic.Create(
                    DiagnosticDescriptors.InvalidValue, location, "Ms", "Timeout", method.Name, ms.ToString(CultureInfo.InvariantCulture), "it must be 1 or more"));
            }

            if (known.CancellationToken is not null
                && !method.Parameters.Any(p => SymbolEqualityComparer.Default.Equals(p.Type, known.CancellationToken)))
            {
                context.ReportDiagnostic(Diagnostic.Create(
                    DiagnosticDescriptors.TimeoutWithoutCancellationToken, Fallback(syntax, method), method.Name));
            }
        }

        private static void CheckFallback(SymbolAnalysisContext context, IMethodSymbol method, AttributeData attribute, AttributeSyntax? syntax, KnownSymbols known)
        {
            CheckExceptionTypes(context, method, attribute, syntax, known, "Fallback", "HandleOn");
            CheckExceptionTypes(context, method, attribute, syntax, known, "Fallback", "SkipOn");

            if (attribute.ConstructorArguments.Length != 1)
            {
                return;
            }

            var name = attribute.ConstructorArguments[0].Value as string;
            var location = syntax?.ArgumentList is { Arguments.Count: > 0 } list ? list.Arguments[0].GetLocation() : Fallback(syntax, method);
            var type = method.ContainingType;
            if (name == method.Name || name == method.Name + "Core")
            {
                context.ReportDiagnostic(Diagnostic.Create(DiagnosticDescriptors.FallbackIsSelf, location, name, method.Name));
                return;
            }

            var candidates = string.IsNullOrEmpty(name)
                ? new List<IMethodSymbol>()
                : type.GetMembers(name!).OfType<IMethodSymbol>().Where(m => m.MethodKind == MethodKind.Ordinary).ToList();
            if (candidates.Count == 0)
            {
                context.ReportDiagnostic(Diagnostic.Create(DiagnosticDescriptors.FallbackNotFound, location, name ?? "null", method.Name, type.Name));
                return;
            }

            string? reason = null;
            foreach (var candidate in candidates)
            {
                var candidateReason = SignatureComparer.DescribeFallback(method, candidate, known);
                if (candidateReason is null)
                {
                    return;
                }

                reason ??= candidateReason;
            }

            context.ReportDiagnostic(Diagnostic.Create(DiagnosticDescriptors.FallbackIncompatible, location, name, method.Name, reason));
        }

        private static void CheckFallbackOrders(SymbolAnalysisContext context, IMethodSymbol method, List<AttributeData> fallbacks)
        {
            var seen = new Dictionary<int, string>();
            foreach (var fallback in fallbacks)
            {
                var order = NamedInt(fallback, "Order") ?? 0;
                var name = fallback.ConstructorArguments.Length == 1 ? fallback.ConstructorArguments[0].Value as string ?? "?" : "?";
                if (seen.TryGetValue(order, out var first))
                {
                    var syntax = fallback.ApplicationSyntaxReference?.GetSyntax(context.CancellationToken) as AttributeSyntax;
                    context.ReportDiagnostic(Diagnostic.Create(
                        DiagnosticDescriptors.DuplicateFallbackOrder,
                        Fallback(syntax, method),
                        first,
                        name,
                        method.Name,
                        order.ToString(CultureInfo.InvariantCulture)));
                }
                else
                {
                    seen.Add(order, name);
                }
            }
        }

        private static void CheckIdempotent(SymbolAnalysisContext context, IMethodSymbol method, AttributeData attribute, AttributeSyntax? syntax)
        {
            CheckNamed(context, method, attribute, syntax, "Idempotent", "TtlSeconds", v => v >= 1, "it must be 1 or more");
            CheckNamed(context, method, attribute, syntax, "Idempotent", "LeaseSeconds", v => v >= 1, "it must be 1 or more");

            foreach (var argument in attribute.NamedArguments)
            {
                if (argument.Key != "Key" || argument.Value.Value is not string key)
                {
                    continue;
                }

                var keySyntax = syntax?.ArgumentList?.Arguments.FirstOrDefault(a => a.NameEquals?.Name.Identifier.ValueText == "Key")?.Expression;
                foreach (var problem in KeyTemplate.Validate(key, method))
                {
                    context.ReportDiagnostic(Diagnostic.Create(
                        DiagnosticDescriptors.UnknownKeyPlaceholder,
                        KeyLocation(keySyntax, key, problem.Start, problem.Length) ?? Fallback(syntax, method),
                        method.Name,
                        problem.Message));
                }
            }
        }

        private static void CheckCheckpoint(SymbolAnalysisContext context, IMethodSymbol method, AttributeSyntax? syntax, KnownSymbols known)
        {
            if (!method.Parameters.Any(p => KnownSymbols.HasAttribute(p, known.WorkflowId)))
            {
                context.ReportDiagnostic(Diagnostic.Create(DiagnosticDescriptors.CheckpointWithoutWorkflowId, Fallback(syntax, method), method.Name));
            }
        }

        private static void CheckExceptionTypes(
            SymbolAnalysisContext context, IMethodSymbol method, AttributeData attribute, AttributeSyntax? syntax, KnownSymbols known, string attributeName, string property)
        {
            foreach (var argument in attribute.NamedArguments)
            {
                if (argument.Key != property || argument.Value.Kind != TypedConstantKind.Array || argument.Value.IsNull)
                {
                    continue;
                }

                var typeOfs = syntax?.ArgumentList?.Arguments
                    .FirstOrDefault(a => a.NameEquals?.Name.Identifier.ValueText == property)?
                    .Expression.DescendantNodesAndSelf().OfType<TypeOfExpressionSyntax>().ToList();
                var values = argument.Value.Values;
                for (var i = 0; i < values.Length; i++)
                {
                    if (values[i].Value is not ITypeSymbol type || type.TypeKind == TypeKind.Error || known.IsException(type))
                    {
                        continue;
                    }

                    var location = typeOfs is not null && typeOfs.Count == values.Length
                        ? typeOfs[i].GetLocation()
                        : NamedLocation(syntax, property) ?? Fallback(syntax, method);
                    context.ReportDiagnostic(Diagnostic.Create(
                        DiagnosticDescriptors.NotAnExceptionType, location, type.ToDisplayString(), property, attributeName, method.Name));
                }
            }
        }

        private static void CheckNamed(
            SymbolAnalysisContext context, IMethodSymbol method, AttributeData attribute, AttributeSyntax? syntax, string attributeName, string property, Func<double, bool> isValid, string requirement)
        {
            foreach (var argument in attribute.NamedArguments)
            {
                if (argument.Key != property)
                {
                    continue;
                }

                double value;
                switch (argument.Value.Value)
                {
                    case int i: value = i; break;
                    case double d: value = d; break;
                    default: continue;
                }

                if (!isValid(value))
                {
                    context.ReportDiagnostic(Diagnostic.Create(
                        DiagnosticDescriptors.InvalidValue,
                        NamedLocation(syntax, property) ?? Fallback(syntax, method),
                        property,
                        attributeName,
                        method.Name,
                        Convert.ToString(argument.Value.Value, CultureInfo.InvariantCulture),
                        requirement));
                }
            }
        }

        private static int? NamedInt(AttributeData attribute, string name)
        {
            foreach (var argument in attribute.NamedArguments)
            {
                if (argument.Key == name && argument.Value.Value is int value)
                {
                    return value;
                }
            }

            return null;
        }

        private static bool HasNamed(AttributeData attribute, string name) => attribute.NamedArguments.Any(a => a.Key == name);

        private static Location? NamedLocation(AttributeSyntax? syntax, string property) =>
            syntax?.ArgumentList?.Arguments.FirstOrDefault(a => a.NameEquals?.Name.Identifier.ValueText == property)?.GetLocation();

        private static Location Fallback(AttributeSyntax? syntax, IMethodSymbol method) =>
            syntax?.GetLocation() ?? method.Locations[0];

        private static Location? AttributeLocation(AttributeData attribute, CancellationToken cancellationToken) =>
            attribute.ApplicationSyntaxReference?.GetSyntax(cancellationToken).GetLocation();

        // Points at the placeholder inside the string literal when the literal has no escapes; else at the whole argument.
        private static Location? KeyLocation(ExpressionSyntax? expression, string key, int start, int length)
        {
            if (length > 0 && expression is LiteralExpressionSyntax literal && literal.Token.IsKind(SyntaxKind.StringLiteralToken))
            {
                var text = literal.Token.Text;
                var prefix = text.StartsWith("@\"", StringComparison.Ordinal) ? 2 : 1;
                if (text.Length == key.Length + prefix + 1 && string.CompareOrdinal(text, prefix, key, 0, key.Length) == 0)
                {
                    return Location.Create(literal.SyntaxTree, new Microsoft.CodeAnalysis.Text.TextSpan(literal.SpanStart + prefix + start, length));
                }
            }

            return expression?.GetLocation();
        }

        private static bool Is(ITypeSymbol? type, INamedTypeSymbol? known) =>
            type is not null && known is not null && SymbolEqualityComparer.Default.Equals(type, known);
    }
}
