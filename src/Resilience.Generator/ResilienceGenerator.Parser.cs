using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Resilience.Generators.Model;

namespace Resilience.Generators
{
    public sealed partial class ResilienceGenerator
    {
        /// <summary>
        /// Turns an annotated method symbol into a <see cref="MethodSpec"/>. Returns <see langword="null"/> when nothing can be
        /// emitted (not a partial definition, a containing type that is not partial); returns a spec with
        /// <see cref="MethodSpec.StubReason"/> when the method is invalid, so that a throwing body replaces a confusing compiler
        /// error — the analyzers' RES diagnostic tells the user the fix. Never throws on broken code.
        /// </summary>
        internal static class Parser
        {
            private static readonly SymbolDisplayFormat s_typeFormat = SymbolDisplayFormat.FullyQualifiedFormat
                .AddMiscellaneousOptions(SymbolDisplayMiscellaneousOptions.IncludeNullableReferenceTypeModifier);

            public static MethodSpec? Parse(ISymbol symbol, SyntaxNode node, Compilation compilation, string primaryAttribute, CancellationToken cancellationToken)
            {
                if (symbol is not IMethodSymbol method || node is not MethodDeclarationSyntax syntax)
                {
                    return null;
                }

                // Only the first of our attributes (in composition order) emits, so a method is generated once.
                AttributeSet attributes = AttributeSet.Read(method);
                if (attributes.Primary != primaryAttribute)
                {
                    return null;
                }

                // A partial definition (no body) in partial types is the only thing we can complete.
                if (!method.IsPartialDefinition || syntax.Body is not null || syntax.ExpressionBody is not null)
                {
                    return null;
                }

                var containing = new List<ContainingTypeSpec>();
                for (INamedTypeSymbol? type = method.ContainingType; type is not null; type = type.ContainingType)
                {
                    if (!IsPartial(type, cancellationToken) || type.TypeKind is not (TypeKind.Class or TypeKind.Struct))
                    {
                        return null;
                    }

                    containing.Insert(0, new ContainingTypeSpec(TypeKeyword(type), TypeNameWithParameters(type)));
                }

                INamedTypeSymbol owner = method.ContainingType!;
                string? ns = owner.ContainingNamespace is { IsGlobalNamespace: false } n ? n.ToDisplayString() : null;
                string policyName = PolicyName(method);
                int ordinal = OverloadOrdinal(method);
                string suffix = ordinal == 0 ? string.Empty : (ordinal + 1).ToString(CultureInfo.InvariantCulture);

                var stub = new StubReasons();
                ReturnKind returnKind = GetReturnKind(method, stub);
                var parameters = new List<ParameterSpec>();
                string? token = null;
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

                    string name = EscapeIdentifier(parameter.Name);
                    if (token is null && IsCancellationToken(parameter.Type))
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
                    parameters.Add(new ParameterSpec(modifiers, parameter.Type.ToDisplayString(s_typeFormat), name));
                }

                CheckCore(method, stub);
                IdempotentSpec? idempotent = attributes.Idempotent is null ? null : Idempotent(attributes.Idempotent, method, policyName, stub);
                RequireRuntimeType(compilation, attributes.Idempotent, "Resilience.IdempotencyPolicy", stub);
                RequireRuntimeType(compilation, attributes.CircuitBreaker, "Resilience.CircuitBreakerPolicy", stub);
                RequireRuntimeType(compilation, attributes.Bulkhead, "Resilience.BulkheadPolicy", stub);

                CheckpointSpec? checkpoint = attributes.Checkpoint is null ? null : Checkpoint(attributes.Checkpoint, method, policyName, stub);
                RequireRuntimeType(compilation, attributes.Checkpoint, "Resilience.CheckpointPolicy", stub);
                if (attributes.Idempotent is not null && attributes.Checkpoint is not null)
                {
                    stub.Add("[Idempotent] and [Checkpoint] cannot be combined: a step is already run at most once per workflow");
                }

                string fieldPrefix = "s_" + CamelCase(method.Name) + suffix;
                PolicySpec? retry = attributes.Retry is null ? null : RetryPolicy(attributes.Retry, method, policyName, stub);
                PolicySpec? timeout = attributes.Timeout is null ? null : TimeoutPolicy(attributes.Timeout, policyName, stub);
                PolicySpec? breaker = attributes.CircuitBreaker is null ? null : BreakerPolicy(attributes.CircuitBreaker, policyName, stub);
                PolicySpec? bulkhead = attributes.Bulkhead is null ? null : BulkheadPolicy(attributes.Bulkhead, policyName, stub);
                var fallbacks = Fallbacks(attributes.Fallbacks, method, returnKind, stub);

                cancellationToken.ThrowIfCancellationRequested();
                return new MethodSpec(
                    HintName: HintName(method, suffix),
                    Namespace: ns,
                    ContainingTypes: containing.ToImmutableEquatableArray(),
                    Modifiers: Modifiers(syntax),
                    ReturnType: RefPrefix(method) + method.ReturnType.ToDisplayString(s_typeFormat),
                    ReturnKind: returnKind,
                    ResultType: returnKind switch
                    {
                        ReturnKind.Value => method.ReturnType.ToDisplayString(s_typeFormat),
                        ReturnKind.TaskOfT or ReturnKind.ValueTaskOfT => ((INamedTypeSymbol)method.ReturnType).TypeArguments[0].ToDisplayString(s_typeFormat),
                        _ => null,
                    },
                    Name: EscapeIdentifier(method.Name),
                    TypeParameters: method.TypeParameters.Length == 0 ? string.Empty : "<" + string.Join(", ", method.TypeParameters.Select(t => EscapeIdentifier(t.Name))) + ">",
                    Constraints: method.TypeParameters.Select(Constraint).Where(c => c.Length > 0).ToImmutableEquatableArray(),
                    Parameters: parameters.ToImmutableEquatableArray(),
                    CoreName: EscapeIdentifier(method.Name + "Core"),
                    PolicyName: policyName,
                    FieldPrefix: fieldPrefix,
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

            // ---- attributes ------------------------------------------------------------------------------------------

            internal sealed class AttributeSet
            {
                public AttributeData? Idempotent;
                public AttributeData? Checkpoint;
                public List<AttributeData> Fallbacks = new();
                public AttributeData? Retry;
                public AttributeData? CircuitBreaker;
                public AttributeData? Timeout;
                public AttributeData? Bulkhead;

                /// <summary>The metadata name of the first attribute present, in composition order.</summary>
                public string? Primary =>
                    Idempotent is not null ? AttributeNames.Idempotent
                    : Checkpoint is not null ? AttributeNames.Checkpoint
                    : Fallbacks.Count > 0 ? AttributeNames.Fallback
                    : Retry is not null ? AttributeNames.Retry
                    : CircuitBreaker is not null ? AttributeNames.CircuitBreaker
                    : Timeout is not null ? AttributeNames.Timeout
                    : Bulkhead is not null ? AttributeNames.Bulkhead
                    : null;

                public static AttributeSet Read(IMethodSymbol method)
                {
                    var set = new AttributeSet();
                    foreach (AttributeData attribute in method.GetAttributes())
                    {
                        switch (attribute.AttributeClass?.ToDisplayString())
                        {
                            case AttributeNames.Idempotent: set.Idempotent = attribute; break;
                            case AttributeNames.Checkpoint: set.Checkpoint = attribute; break;
                            case AttributeNames.Fallback: set.Fallbacks.Add(attribute); break;
                            case AttributeNames.Retry: set.Retry = attribute; break;
                            case AttributeNames.CircuitBreaker: set.CircuitBreaker = attribute; break;
                            case AttributeNames.Timeout: set.Timeout = attribute; break;
                            case AttributeNames.Bulkhead: set.Bulkhead = attribute; break;
                        }
                    }

                    return set;
                }
            }

            private static PolicySpec RetryPolicy(AttributeData attribute, IMethodSymbol method, string policyName, StubReasons stub)
            {
                var options = new List<OptionSpec>();
                int maxRetries = 3, baseDelay = 1000, maxDelay = 60_000;
                ImmutableTypes retryOn = default, abortOn = default;
                foreach (KeyValuePair<string, TypedConstant> argument in attribute.NamedArguments)
                {
                    TypedConstant value = argument.Value;
                    switch (argument.Key)
                    {
                        case "MaxRetries":
                            maxRetries = Int(value);
                            Require(maxRetries >= 0, stub, "Retry.MaxRetries must be 0 or more");
                            options.Add(new OptionSpec(argument.Key, Literal(maxRetries)));
                            break;
                        case "BaseDelayMs":
                            baseDelay = Int(value);
                            Require(baseDelay >= 0, stub, "Retry.BaseDelayMs must be 0 or more");
                            options.Add(new OptionSpec(argument.Key, Literal(baseDelay)));
                            break;
                        case "MaxDelayMs":
                            maxDelay = Int(value);
                            Require(maxDelay >= 0, stub, "Retry.MaxDelayMs must be 0 or more");
                            options.Add(new OptionSpec(argument.Key, Literal(maxDelay)));
                            break;
                        case "MaxTotalDelayMs":
                            Require(Int(value) >= 0, stub, "Retry.MaxTotalDelayMs must be 0 or more");
                            options.Add(new OptionSpec(argument.Key, Literal(Int(value))));
                            break;
                        case "ExponentialBase":
                            double factor = value.Value is double d ? d : double.NaN;
                            Require(factor >= 1.0 && !double.IsInfinity(factor), stub, "Retry.ExponentialBase must be 1.0 or more");
                            options.Add(new OptionSpec(argument.Key, Literal(factor)));
                            break;
                        case "Backoff":
                        case "Jitter":
                            options.Add(new OptionSpec(argument.Key, EnumLiteral(value, stub)));
                            break;
                        case "RetryOn":
                            retryOn = Types(value, "Retry.RetryOn", stub);
                            break;
                        case "AbortOn":
                            abortOn = Types(value, "Retry.AbortOn", stub);
                            break;
                        case "ShouldRetry":
                            string? predicate = value.Value as string;
                            if (IsExceptionPredicate(method.ContainingType, predicate))
                            {
                                options.Add(new OptionSpec(argument.Key, EscapeIdentifier(predicate!)));
                            }
                            else
                            {
                                stub.Add($"Retry.ShouldRetry '{predicate}' is not a static bool method taking an Exception");
                            }

                            break;
                    }
                }

                Require(baseDelay <= maxDelay, stub, "Retry.BaseDelayMs must not exceed MaxDelayMs");
                string? filter = Filter(retryOn, abortOn);
                if (filter is not null)
                {
                    options.Add(new OptionSpec("Exceptions", filter));
                }

                return new PolicySpec(policyName, options.ToImmutableEquatableArray());
            }

            private static IdempotentSpec Idempotent(AttributeData attribute, IMethodSymbol method, string policyName, StubReasons stub)
            {
                var options = new List<OptionSpec>();
                var keyParts = new List<string>();
                foreach (KeyValuePair<string, TypedConstant> argument in attribute.NamedArguments)
                {
                    TypedConstant value = argument.Value;
                    switch (argument.Key)
                    {
                        case "Key":
                            if (value.Value is string template)
                            {
                                keyParts = KeyTemplate.Parse(template, method, out string? error) ?? new List<string>();
                                if (error is not null)
                                {
                                    stub.Add(error);
                                }
                            }

                            break;
                        case "TtlSeconds":
                        case "LeaseSeconds":
                            Require(Int(value) > 0, stub, $"Idempotent.{argument.Key} must be positive");
                            options.Add(new OptionSpec(argument.Key, Literal(Int(value))));
                            break;
                        case "OnConcurrentDuplicate":
                            options.Add(new OptionSpec(argument.Key, EnumLiteral(value, stub)));
                            break;
                    }
                }

                if (method.IsGenericMethod)
                {
                    stub.Add("[Idempotent] does not support generic methods (the stored result's type must be fixed)");
                }

                string store = !method.IsStatic && method.ContainingType.AllInterfaces.Any(i => i.ToDisplayString() == "Resilience.IHasResilienceStore")
                    ? "((global::Resilience.IHasResilienceStore)this).ResilienceStore"
                    : "null";
                var fingerprint = method.Parameters.Where(p => !IsCancellationToken(p.Type)).Select(p => EscapeIdentifier(p.Name));
                return new IdempotentSpec(
                    new PolicySpec(policyName, options.ToImmutableEquatableArray()),
                    keyParts.ToImmutableEquatableArray(),
                    fingerprint.ToImmutableEquatableArray(),
                    store);
            }

            private static CheckpointSpec Checkpoint(AttributeData attribute, IMethodSymbol method, string policyName, StubReasons stub)
            {
                var options = new List<OptionSpec>();
                foreach (KeyValuePair<string, TypedConstant> argument in attribute.NamedArguments)
                {
                    if (argument.Key == "Step" && argument.Value.Value is string step)
                    {
                        Require(step.Trim().Length > 0, stub, "Checkpoint.Step must not be empty");
                        options.Add(new OptionSpec("Step", SymbolDisplay.FormatLiteral(step, quote: true)));
                    }
                }

                if (method.IsGenericMethod)
                {
                    stub.Add("[Checkpoint] does not support generic methods (the saved result's type must be fixed)");
                }

                IParameterSymbol? workflowParameter = method.Parameters.FirstOrDefault(p => HasAttribute(p, "Resilience.WorkflowIdAttribute"));
                string workflowId = workflowParameter is null
                    ? "null"
                    : workflowParameter.Type.SpecialType == SpecialType.System_String
                        ? EscapeIdentifier(workflowParameter.Name)
                        : $"{EscapeIdentifier(workflowParameter.Name)}.ToString()";

                string? stateMember = null, stateType = null;
                if (!method.IsStatic)
                {
                    foreach (ISymbol member in method.ContainingType.GetMembers())
                    {
                        if (member.IsStatic || !HasAttribute(member, "Resilience.CheckpointStateAttribute"))
                        {
                            continue;
                        }

                        ITypeSymbol? type = member switch
                        {
                            IFieldSymbol { IsReadOnly: false, IsConst: false } field => field.Type,
                            IPropertySymbol { SetMethod: not null, GetMethod: not null } property => property.Type,
                            _ => null,
                        };
                        if (type is null)
                        {
                            stub.Add($"[CheckpointState] member '{member.Name}' must be a writable field or a property with get and set");
                            break;
                        }

                        stateMember = "this." + EscapeIdentifier(member.Name);
                        stateType = type.ToDisplayString(s_typeFormat);
                        break;
                    }
                }

                string store = !method.IsStatic && method.ContainingType.AllInterfaces.Any(i => i.ToDisplayString() == "Resilience.IHasResilienceStore")
                    ? "((global::Resilience.IHasResilienceStore)this).ResilienceStore"
                    : "null";
                var fingerprint = method.Parameters
                    .Where(p => !IsCancellationToken(p.Type) && !SymbolEqualityComparer.Default.Equals(p, workflowParameter))
                    .Select(p => EscapeIdentifier(p.Name));
                return new CheckpointSpec(
                    new PolicySpec(policyName, options.ToImmutableEquatableArray()),
                    workflowId,
                    fingerprint.ToImmutableEquatableArray(),
                    store,
                    stateMember,
                    stateType);
            }

            private static bool HasAttribute(ISymbol symbol, string metadataName) =>
                symbol.GetAttributes().Any(a => a.AttributeClass?.ToDisplayString() == metadataName);

            private static PolicySpec TimeoutPolicy(AttributeData attribute, string policyName, StubReasons stub)
            {
                int ms = attribute.ConstructorArguments.Length == 1 ? Int(attribute.ConstructorArguments[0]) : 0;
                Require(ms > 0, stub, "Timeout must be positive");
                return new PolicySpec(policyName, new[] { new OptionSpec("Ms", Literal(ms)) }.ToImmutableEquatableArray());
            }

            private static PolicySpec BreakerPolicy(AttributeData attribute, string policyName, StubReasons stub)
            {
                var options = new List<OptionSpec>();
                string name = policyName;
                ImmutableTypes handleOn = default, ignoreOn = default;
                foreach (KeyValuePair<string, TypedConstant> argument in attribute.NamedArguments)
                {
                    TypedConstant value = argument.Value;
                    switch (argument.Key)
                    {
                        case "Name":
                            if (value.Value is string { Length: > 0 } given)
                            {
                                name = given;
                            }

                            break;
                        case "FailureThreshold":
                        case "MinimumThroughput":
                        case "HalfOpenSuccesses":
                            Require(Int(value) >= 1, stub, $"CircuitBreaker.{argument.Key} must be 1 or more");
                            options.Add(new OptionSpec(argument.Key, Literal(Int(value))));
                            break;
                        case "SamplingDurationMs":
                            Require(Int(value) >= 0, stub, "CircuitBreaker.SamplingDurationMs must be 0 or more");
                            options.Add(new OptionSpec(argument.Key, Literal(Int(value))));
                            break;
                        case "BreakDurationMs":
                            Require(Int(value) > 0, stub, "CircuitBreaker.BreakDurationMs must be positive");
                            options.Add(new OptionSpec(argument.Key, Literal(Int(value))));
                            break;
                        case "FailureRatio":
                            double ratio = value.Value is double d ? d : double.NaN;
                            Require(ratio >= 0 && ratio <= 1, stub, "CircuitBreaker.FailureRatio must be 0 (off) or in (0, 1]");
                            options.Add(new OptionSpec(argument.Key, Literal(ratio)));
                            break;
                        case "HandleOn":
                            handleOn = Types(value, "CircuitBreaker.HandleOn", stub);
                            break;
                        case "IgnoreOn":
                            ignoreOn = Types(value, "CircuitBreaker.IgnoreOn", stub);
                            break;
                    }
                }

                string? filter = Filter(handleOn, ignoreOn);
                if (filter is not null)
                {
                    options.Add(new OptionSpec("Exceptions", filter));
                }

                return new PolicySpec(name, options.ToImmutableEquatableArray());
            }

            private static PolicySpec BulkheadPolicy(AttributeData attribute, string policyName, StubReasons stub)
            {
                var options = new List<OptionSpec>();
                string name = policyName;
                foreach (KeyValuePair<string, TypedConstant> argument in attribute.NamedArguments)
                {
                    TypedConstant value = argument.Value;
                    switch (argument.Key)
                    {
                        case "Name":
                            if (value.Value is string { Length: > 0 } given)
                            {
                                name = given;
                            }

                            break;
                        case "MaxConcurrency":
                            Require(Int(value) >= 1, stub, "Bulkhead.MaxConcurrency must be 1 or more");
                            options.Add(new OptionSpec(argument.Key, Literal(Int(value))));
                            break;
                        case "MaxQueue":
                            Require(Int(value) >= 0, stub, "Bulkhead.MaxQueue must be 0 or more");
                            options.Add(new OptionSpec(argument.Key, Literal(Int(value))));
                            break;
                    }
                }

                return new PolicySpec(name, options.ToImmutableEquatableArray());
            }

            private static ImmutableEquatableArray<FallbackSpec> Fallbacks(List<AttributeData> attributes, IMethodSymbol method, ReturnKind returnKind, StubReasons stub)
            {
                if (attributes.Count == 0)
                {
                    return ImmutableEquatableArray<FallbackSpec>.Empty;
                }

                var ordered = attributes
                    .Select((a, index) => (Attribute: a, Index: index, Order: a.NamedArguments.FirstOrDefault(n => n.Key == "Order").Value.Value is int o ? o : 0))
                    .OrderBy(x => x.Order)
                    .ThenBy(x => x.Index)
                    .ToList();

                var fallbacks = new List<FallbackSpec>();
                foreach (var (attribute, _, _) in ordered)
                {
                    string? name = attribute.ConstructorArguments.Length == 1 ? attribute.ConstructorArguments[0].Value as string : null;
                    ImmutableTypes handleOn = default, skipOn = default;
                    foreach (KeyValuePair<string, TypedConstant> argument in attribute.NamedArguments)
                    {
                        if (argument.Key == "HandleOn")
                        {
                            handleOn = Types(argument.Value, "Fallback.HandleOn", stub);
                        }
                        else if (argument.Key == "SkipOn")
                        {
                            skipOn = Types(argument.Value, "Fallback.SkipOn", stub);
                        }
                    }

                    if (name is null || name == method.Name || name == method.Name + "Core")
                    {
                        stub.Add($"fallback '{name}' is not another method");
                        continue;
                    }

                    FallbackSpec? spec = MatchFallback(method, returnKind, name, Filter(handleOn, skipOn));
                    if (spec is null)
                    {
                        stub.Add($"fallback '{name}' has no overload with the method's parameters (optionally plus a trailing Exception) and a compatible return type");
                        continue;
                    }

                    fallbacks.Add(spec);
                }

                return fallbacks.ToImmutableEquatableArray();
            }

            private static FallbackSpec? MatchFallback(IMethodSymbol method, ReturnKind returnKind, string name, string? exceptions)
            {
                foreach (IMethodSymbol candidate in method.ContainingType.GetMembers(name).OfType<IMethodSymbol>())
                {
                    if ((method.IsStatic && !candidate.IsStatic) || candidate.TypeParameters.Length != method.TypeParameters.Length)
                    {
                        continue;
                    }

                    IMethodSymbol constructed = candidate.TypeParameters.Length == 0
                        ? candidate
                        : candidate.Construct(method.TypeParameters.Cast<ITypeSymbol>().ToArray());
                    int extra = constructed.Parameters.Length - method.Parameters.Length;
                    if (extra is not (0 or 1) || !SameParameters(method, constructed, method.Parameters.Length))
                    {
                        continue;
                    }

                    bool passesException = extra == 1;
                    if (passesException && constructed.Parameters[method.Parameters.Length].Type.ToDisplayString() != "System.Exception")
                    {
                        continue;
                    }

                    ITypeSymbol returnType = constructed.ReturnType;
                    bool returnsNothing = returnType.SpecialType == SpecialType.System_Void;
                    switch (returnKind)
                    {
                        case ReturnKind.Void:
                        case ReturnKind.Value:
                            if (SymbolEqualityComparer.Default.Equals(returnType, method.ReturnType))
                            {
                                return new FallbackSpec(name, passesException, IsAwaited: false, returnsNothing, exceptions);
                            }

                            break;
                        case ReturnKind.Task:
                        case ReturnKind.ValueTask:
                            if (returnsNothing)
                            {
                                return new FallbackSpec(name, passesException, IsAwaited: false, ReturnsNothing: true, exceptions);
                            }

                            if (GetTaskKind(returnType) is ReturnKind.Task or ReturnKind.ValueTask)
                            {
                                return new FallbackSpec(name, passesException, IsAwaited: true, ReturnsNothing: true, exceptions);
                            }

                            break;
                        case ReturnKind.TaskOfT:
                        case ReturnKind.ValueTaskOfT:
                            ITypeSymbol result = ((INamedTypeSymbol)method.ReturnType).TypeArguments[0];
                            if (SymbolEqualityComparer.Default.Equals(returnType, result))
                            {
                                return new FallbackSpec(name, passesException, IsAwaited: false, ReturnsNothing: false, exceptions);
                            }

                            if (GetTaskKind(returnType) is ReturnKind.TaskOfT or ReturnKind.ValueTaskOfT
                                && SymbolEqualityComparer.Default.Equals(((INamedTypeSymbol)returnType).TypeArguments[0], result))
                            {
                                return new FallbackSpec(name, passesException, IsAwaited: true, ReturnsNothing: false, exceptions);
                            }

                            break;
                    }
                }

                return null;
            }

            // ---- shape checks ----------------------------------------------------------------------------------------

            private static ReturnKind GetReturnKind(IMethodSymbol method, StubReasons stub)
            {
                if (method.ReturnsByRef || method.ReturnsByRefReadonly)
                {
                    stub.Add("it returns by reference");
                }

                if (method.ReturnsVoid)
                {
                    return ReturnKind.Void;
                }

                ReturnKind? kind = GetTaskKind(method.ReturnType);
                if (kind is not null)
                {
                    return kind.Value;
                }

                string original = method.ReturnType.OriginalDefinition.ToDisplayString();
                if (original is "System.Collections.Generic.IAsyncEnumerable<T>" or "System.Collections.Generic.IAsyncEnumerator<T>")
                {
                    stub.Add("it returns an async stream, whose items cannot be retried one by one");
                }

                return ReturnKind.Value;
            }

            private static ReturnKind? GetTaskKind(ITypeSymbol type)
            {
                if (type is not INamedTypeSymbol named || named.ContainingNamespace?.ToDisplayString() != "System.Threading.Tasks")
                {
                    return null;
                }

                return (named.MetadataName, named.Arity) switch
                {
                    ("Task", 0) => ReturnKind.Task,
                    ("Task`1", 1) => ReturnKind.TaskOfT,
                    ("ValueTask", 0) => ReturnKind.ValueTask,
                    ("ValueTask`1", 1) => ReturnKind.ValueTaskOfT,
                    _ => null,
                };
            }

            private static void CheckCore(IMethodSymbol method, StubReasons stub)
            {
                string coreName = method.Name + "Core";
                foreach (IMethodSymbol candidate in method.ContainingType.GetMembers(coreName).OfType<IMethodSymbol>())
                {
                    if (candidate.IsStatic != method.IsStatic
                        || candidate.TypeParameters.Length != method.TypeParameters.Length
                        || candidate.Parameters.Length != method.Parameters.Length)
                    {
                        continue;
                    }

                    IMethodSymbol constructed = candidate.TypeParameters.Length == 0
                        ? candidate
                        : candidate.Construct(method.TypeParameters.Cast<ITypeSymbol>().ToArray());
                    if (SameParameters(method, constructed, method.Parameters.Length)
                        && SymbolEqualityComparer.Default.Equals(constructed.ReturnType, method.ReturnType))
                    {
                        return;
                    }
                }

                stub.Add($"its implementation '{coreName}' with the same parameters and return type is missing");
            }

            private static bool SameParameters(IMethodSymbol method, IMethodSymbol other, int count)
            {
                for (int i = 0; i < count; i++)
                {
                    if (method.Parameters[i].RefKind != other.Parameters[i].RefKind
                        || !SymbolEqualityComparer.Default.Equals(method.Parameters[i].Type, other.Parameters[i].Type))
                    {
                        return false;
                    }
                }

                return true;
            }

            private static bool IsExceptionPredicate(INamedTypeSymbol type, string? name) =>
                name is { Length: > 0 } && type.GetMembers(name).OfType<IMethodSymbol>().Any(m =>
                    m.IsStatic
                    && m.ReturnType.SpecialType == SpecialType.System_Boolean
                    && m.TypeParameters.Length == 0
                    && m.Parameters.Length == 1
                    && m.Parameters[0].RefKind == RefKind.None
                    && m.Parameters[0].Type.ToDisplayString() == "System.Exception");

            private static bool IsCancellationToken(ITypeSymbol type) =>
                type is INamedTypeSymbol { Name: "CancellationToken" } named && named.ContainingNamespace?.ToDisplayString() == "System.Threading";

            private static bool IsPartial(INamedTypeSymbol type, CancellationToken cancellationToken)
            {
                foreach (SyntaxReference reference in type.DeclaringSyntaxReferences)
                {
                    if (reference.GetSyntax(cancellationToken) is TypeDeclarationSyntax declaration
                        && declaration.Modifiers.Any(SyntaxKind.PartialKeyword))
                    {
                        return true;
                    }
                }

                return false;
            }

            // ---- rendering helpers -----------------------------------------------------------------------------------

            private static string RefPrefix(IMethodSymbol method) =>
                method.ReturnsByRefReadonly ? "ref readonly " : method.ReturnsByRef ? "ref " : string.Empty;

            private static string TypeKeyword(INamedTypeSymbol type) => (type.IsRecord, type.TypeKind) switch
            {
                (true, TypeKind.Struct) => "record struct",
                (true, _) => "record",
                (false, TypeKind.Struct) => "struct",
                _ => "class",
            };

            private static string TypeNameWithParameters(INamedTypeSymbol type) =>
                type.TypeParameters.Length == 0
                    ? EscapeIdentifier(type.Name)
                    : EscapeIdentifier(type.Name) + "<" + string.Join(", ", type.TypeParameters.Select(t => EscapeIdentifier(t.Name))) + ">";

            private static string PolicyName(IMethodSymbol method)
            {
                var parts = new List<string> { method.Name };
                for (INamedTypeSymbol? type = method.ContainingType; type is not null; type = type.ContainingType)
                {
                    parts.Insert(0, type.Name);
                }

                if (method.ContainingType?.ContainingNamespace is { IsGlobalNamespace: false } ns)
                {
                    parts.Insert(0, ns.ToDisplayString());
                }

                return string.Join(".", parts);
            }

            private static string HintName(IMethodSymbol method, string suffix)
            {
                var builder = new StringBuilder();
                if (method.ContainingType.ContainingNamespace is { IsGlobalNamespace: false } ns)
                {
                    builder.Append(ns.ToDisplayString()).Append('.');
                }

                var types = new List<string>();
                for (INamedTypeSymbol? type = method.ContainingType; type is not null; type = type.ContainingType)
                {
                    types.Insert(0, type.MetadataName.Replace('`', '_'));
                }

                builder.Append(string.Join(".", types)).Append('.').Append(method.Name).Append(suffix).Append(".g.cs");
                return builder.ToString();
            }

            private static int OverloadOrdinal(IMethodSymbol method)
            {
                int ordinal = 0;
                foreach (IMethodSymbol sibling in method.ContainingType.GetMembers(method.Name).OfType<IMethodSymbol>())
                {
                    if (SymbolEqualityComparer.Default.Equals(sibling, method))
                    {
                        return ordinal;
                    }

                    if (sibling.IsPartialDefinition)
                    {
                        ordinal++;
                    }
                }

                return ordinal;
            }

            private static string Modifiers(MethodDeclarationSyntax syntax)
            {
                var modifiers = syntax.Modifiers
                    .Where(m => !m.IsKind(SyntaxKind.PartialKeyword) && !m.IsKind(SyntaxKind.AsyncKeyword))
                    .Select(m => m.Text);
                return string.Join(" ", modifiers);
            }

            private static string Constraint(ITypeParameterSymbol parameter)
            {
                var parts = new List<string>();
                if (parameter.HasReferenceTypeConstraint)
                {
                    parts.Add(parameter.ReferenceTypeConstraintNullableAnnotation == NullableAnnotation.Annotated ? "class?" : "class");
                }
                else if (parameter.HasUnmanagedTypeConstraint)
                {
                    parts.Add("unmanaged");
                }
                else if (parameter.HasValueTypeConstraint)
                {
                    parts.Add("struct");
                }
                else if (parameter.HasNotNullConstraint)
                {
                    parts.Add("notnull");
                }

                parts.AddRange(parameter.ConstraintTypes.Select(t => t.ToDisplayString(s_typeFormat)));
                if (parameter.HasConstructorConstraint)
                {
                    parts.Add("new()");
                }

                return parts.Count == 0 ? string.Empty : $"where {EscapeIdentifier(parameter.Name)} : {string.Join(", ", parts)}";
            }

            internal static string EscapeIdentifier(string name) =>
                SyntaxFacts.GetKeywordKind(name) != SyntaxKind.None ? "@" + name : name;

            private static string CamelCase(string name) =>
                name.Length == 0 ? name : char.ToLowerInvariant(name[0]) + name.Substring(1);

            private static int Int(TypedConstant value) => value.Value is int i ? i : 0;

            internal static string Literal(int value) => value.ToString(CultureInfo.InvariantCulture);

            internal static string Literal(double value)
            {
                string text = value.ToString("R", CultureInfo.InvariantCulture);
                return text.IndexOfAny(new[] { '.', 'E', 'e' }) >= 0 ? text : text + ".0";
            }

            private static string EnumLiteral(TypedConstant value, StubReasons stub)
            {
                if (value.Type is INamedTypeSymbol { TypeKind: TypeKind.Enum } enumType)
                {
                    foreach (IFieldSymbol field in enumType.GetMembers().OfType<IFieldSymbol>())
                    {
                        if (field.HasConstantValue && Equals(field.ConstantValue, value.Value))
                        {
                            return enumType.ToDisplayString(s_typeFormat) + "." + field.Name;
                        }
                    }

                    stub.Add($"{value.Value} is not a value of {enumType.Name}");
                }

                return "default";
            }

            private readonly struct ImmutableTypes
            {
                public ImmutableTypes(string[] types) => Items = types;

                public string[]? Items { get; }
            }

            private static ImmutableTypes Types(TypedConstant value, string property, StubReasons stub)
            {
                if (value.Kind != TypedConstantKind.Array || value.IsNull)
                {
                    return default;
                }

                var types = new List<string>();
                foreach (TypedConstant item in value.Values)
                {
                    if (item.Value is ITypeSymbol type && type.TypeKind != TypeKind.Error && !(type is INamedTypeSymbol { IsUnboundGenericType: true }) && IsException(type))
                    {
                        types.Add($"typeof({type.WithNullableAnnotation(NullableAnnotation.NotAnnotated).ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat)})");
                    }
                    else
                    {
                        stub.Add($"{property} lists '{item.Value}', which is not an exception type");
                    }
                }

                return new ImmutableTypes(types.ToArray());
            }

            private static bool IsException(ITypeSymbol type)
            {
                for (ITypeSymbol? current = type; current is not null; current = current.BaseType)
                {
                    if (current.ToDisplayString() == "System.Exception")
                    {
                        return true;
                    }
                }

                return false;
            }

            private static string? Filter(ImmutableTypes include, ImmutableTypes exclude)
            {
                if ((include.Items?.Length ?? 0) == 0 && (exclude.Items?.Length ?? 0) == 0)
                {
                    return null;
                }

                return $"new global::Resilience.ExceptionTypeFilter({TypeArray(include)}, {TypeArray(exclude)})";

                static string TypeArray(ImmutableTypes types) =>
                    types.Items is { Length: > 0 } items ? "new global::System.Type[] { " + string.Join(", ", items) + " }" : "null";
            }

            /// <summary>An attribute whose runtime type the referenced Resilience.Runtime lacks (an older version) cannot be generated.</summary>
            private static void RequireRuntimeType(Compilation compilation, AttributeData? attribute, string runtimeType, StubReasons stub)
            {
                if (attribute is not null && compilation.GetTypeByMetadataName(runtimeType) is null)
                {
                    stub.Add($"the referenced Resilience.Runtime has no {runtimeType}; reference the Resilience.Runtime version that matches the generator");
                }
            }

            private static void Require(bool condition, StubReasons stub, string message)
            {
                if (!condition)
                {
                    stub.Add(message);
                }
            }

            private sealed class StubReasons
            {
                private List<string>? _reasons;

                public string? Text => _reasons is null ? null : string.Join("; ", _reasons);

                public void Add(string reason) => (_reasons ??= new List<string>()).Add(reason);
            }
        }
    }
}
