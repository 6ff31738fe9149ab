using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Text;
using System.Text.RegularExpressions;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace Resilience.Analyzers.Hazards
{
    /// <summary>
    /// Summarises one method body: the calls it makes (edges of the call graph) and the non-idempotent operations in it.
    /// Works on <see cref="IOperation"/> only, and tolerates invalid operations (half-typed code).
    /// </summary>
    internal sealed class HazardCollector
    {
        private const int MaxDepth = 4;

        private static readonly string[] CollectionAdders =
        {
            "Add", "AddRange", "Enqueue", "Push", "Insert", "InsertRange", "AddFirst", "AddLast", "AddBefore", "AddAfter",
        };

        private static readonly string[] SqlParameterNames = { "sql", "cmdText", "commandText", "query", "sqlText", "commandSql" };

        private static readonly string[] HttpPostMethods = { "PostAsync", "PatchAsync", "PostAsJsonAsync", "PatchAsJsonAsync" };

        // "SET ..., col = col + ..." (also t.col = t.col - ..., quoted identifiers and || concatenation).
        private static readonly Regex RelativeSet = new Regex(
            @"\bSET\b.*?(?<![\w.""\]`])(?<assign>(?:[\w""\[\]`]+\.)?(?<col>""[^""]+""|\[[^\]]+\]|`[^`]+`|[A-Za-z_]\w*)\s*=\s*(?:[\w""\[\]`]+\.)?\k<col>\s*(?:[-+*/]|\|\|))",
            RegexOptions.IgnoreCase | RegexOptions.Singleline | RegexOptions.CultureInvariant,
            TimeSpan.FromMilliseconds(200));

        private readonly KnownSymbols _known;
        private readonly IMethodSymbol _owner;
        private readonly Dictionary<ILocalSymbol, LocalInfo> _locals = new Dictionary<ILocalSymbol, LocalInfo>(SymbolEqualityComparer.Default);
        private readonly List<IMethodSymbol> _calls = new List<IMethodSymbol>();
        private readonly List<HazardInfo> _hazards = new List<HazardInfo>();
        private bool _mentionsIdempotencyKey;
        private bool _usesPostOrPatch;

        public HazardCollector(KnownSymbols known, IMethodSymbol owner)
        {
            _known = known;
            _owner = owner;
        }

        public MethodFacts Collect(ImmutableArray<IOperation> blocks)
        {
            var operations = new List<IOperation>();
            foreach (var block in blocks)
            {
                if (block is null)
                {
                    continue;
                }

                foreach (var operation in block.DescendantsAndSelf())
                {
                    if (operation is not null)
                    {
                        operations.Add(operation);
                    }
                }
            }

            foreach (var operation in operations)
            {
                RecordLocalsAndContext(operation);
            }

            foreach (var operation in operations)
            {
                Inspect(operation);
            }

            var name = _owner.MethodKind switch
            {
                MethodKind.Constructor or MethodKind.StaticConstructor => _owner.ContainingType?.Name ?? _owner.Name,
                MethodKind.PropertyGet or MethodKind.PropertySet => _owner.AssociatedSymbol?.Name ?? _owner.Name,
                _ => _owner.Name,
            };
            return new MethodFacts(name, _owner.ContainingType, _calls, _hazards);
        }

        private void RecordLocalsAndContext(IOperation operation)
        {
            switch (operation)
            {
                case IVariableDeclaratorOperation declarator when declarator.Symbol is not null:
                    var info = Local(declarator.Symbol);
                    if (declarator.Symbol.IsRef)
                    {
                        info.Unknown = true;
                    }

                    if (declarator.Initializer?.Value is { } initial)
                    {
                        info.Values.Add(initial);
                    }

                    break;
                case ISimpleAssignmentOperation { Target: ILocalReferenceOperation local } assignment:
                    Local(local.Local).Values.Add(assignment.Value);
                    break;
                case ICompoundAssignmentOperation { Target: ILocalReferenceOperation local }:
                    Local(local.Local).RelativelyModified = true;
                    break;
                case IIncrementOrDecrementOperation { Target: ILocalReferenceOperation local }:
                    Local(local.Local).RelativelyModified = true;
                    break;
                case IArgumentOperation argument when argument.Parameter?.RefKind is RefKind.Ref or RefKind.Out
                    && OutLocal(argument.Value) is { } outLocal:
                    if (argument.Parent is IInvocationOperation { TargetMethod.Name: "TryGetValue" } tryGet && argument.Parameter.RefKind == RefKind.Out)
                    {
                        // The local holds what the dictionary held: a read of dictionary[key].
                        Local(outLocal).Values.Add(tryGet);
                    }
                    else
                    {
                        Local(outLocal).Unknown = true;
                    }

                    break;
                case IPropertyReferenceOperation property when IsHttpMethodPostOrPatch(property):
                    _usesPostOrPatch = true;
                    break;
                case IObjectCreationOperation creation when _known.HttpMethod is not null
                    && SymbolEqualityComparer.Default.Equals(creation.Type, _known.HttpMethod)
                    && creation.Arguments.Length == 1
                    && creation.Arguments[0].Value.ConstantValue is { HasValue: true, Value: string verb }
                    && (verb.Equals("POST", StringComparison.OrdinalIgnoreCase) || verb.Equals("PATCH", StringComparison.OrdinalIgnoreCase)):
                    _usesPostOrPatch = true;
                    break;
            }

            if (operation.ConstantValue is { HasValue: true, Value: string text }
                && text.IndexOf("Idempotency-Key", StringComparison.OrdinalIgnoreCase) >= 0)
            {
                _mentionsIdempotencyKey = true;
            }
        }

        private void Inspect(IOperation operation)
        {
            switch (operation)
            {
                case IInvocationOperation invocation:
                    InspectInvocation(invocation);
                    break;
                case IObjectCreationOperation { Constructor: { } constructor }:
                    AddCall(constructor);
                    break;
                case IMethodReferenceOperation reference:
                    AddCall(reference.Method);
                    break;
                case IPropertyReferenceOperation property:
                    AddAccessorCalls(property);
                    break;
                case ICompoundAssignmentOperation compound:
                    InspectCompound(compound);
                    break;
                case IIncrementOrDecrementOperation increment when IsShared(increment.Target):
                    Add(
                        DiagnosticDescriptors.CompoundAssignmentOnSharedState,
                        increment,
                        (increment.Kind == OperationKind.Increment ? "increments " : "decrements ") + Describe(increment.Target));
                    break;
                case ISimpleAssignmentOperation assignment:
                    InspectSimpleAssignment(assignment);
                    break;
                case IArgumentOperation argument:
                    InspectSqlArgument(argument);
                    break;
            }
        }

        private void InspectInvocation(IInvocationOperation invocation)
        {
            var method = invocation.TargetMethod;
            if (method is null)
            {
                return;
            }

            if (method.MethodKind is not (MethodKind.LocalFunction or MethodKind.AnonymousFunction))
            {
                AddCall(method);
            }

            var type = method.ContainingType;
            if (type is not null && _known.Interlocked is not null && SymbolEqualityComparer.Default.Equals(type, _known.Interlocked)
                && method.Name is "Increment" or "Decrement" or "Add"
                && invocation.Arguments.Length > 0
                && IsShared(invocation.Arguments[0].Value))
            {
                Add(
                    DiagnosticDescriptors.InterlockedDelta,
                    invocation,
                    "calls Interlocked." + method.Name + " on " + Describe(invocation.Arguments[0].Value));
                return;
            }

            if (invocation.Instance is { } instance && !method.IsStatic && Array.IndexOf(CollectionAdders, method.Name) >= 0)
            {
                InspectCollectionAdd(invocation, instance);
            }

            InspectHttp(invocation);
            InspectSetterCall(invocation);
        }

        private void InspectCompound(ICompoundAssignmentOperation compound)
        {
            // x |= flag and x &= mask give the same result when repeated.
            if (compound.OperatorKind is BinaryOperatorKind.And or BinaryOperatorKind.Or)
            {
                return;
            }

            if (!IsShared(compound.Target))
            {
                return;
            }

            var verb = compound.OperatorKind switch
            {
                BinaryOperatorKind.Add => "adds to ",
                BinaryOperatorKind.Subtract => "subtracts from ",
                BinaryOperatorKind.Multiply => "multiplies ",
                BinaryOperatorKind.Divide => "divides ",
                BinaryOperatorKind.Remainder => "takes the remainder of ",
                BinaryOperatorKind.ExclusiveOr => "toggles bits of ",
                BinaryOperatorKind.LeftShift or BinaryOperatorKind.RightShift => "shifts ",
                _ => "changes ",
            };
            Add(DiagnosticDescriptors.CompoundAssignmentOnSharedState, compound, verb + Describe(compound.Target));
        }

        private void InspectSimpleAssignment(ISimpleAssignmentOperation assignment)
        {
            var target = Unwrap(assignment.Target);
            if (target is IPropertyReferenceOperation property && property.Property.Name == "CommandText")
            {
                InspectSql(assignment.Value);
            }

            if (target is ILocalReferenceOperation or IParameterReferenceOperation || !IsShared(target))
            {
                return;
            }

            // _items = _items.Add(item): the immutable-collection spelling of adding to shared state.
            if (Unwrap(assignment.Value) is IInvocationOperation { Instance: { } source } append
                && Array.IndexOf(CollectionAdders, append.TargetMethod.Name) >= 0
                && SameLocation(source, target)
                && source.Type is { } sourceType && !IsSet(sourceType))
            {
                Add(
                    DiagnosticDescriptors.AddToSharedCollection,
                    assignment,
                    "adds to the collection in " + Describe(target) + " with '" + append.TargetMethod.Name + "'");
                return;
            }

            if (IsRelative(assignment.Value, candidate => SameLocation(candidate, target) || IsDictionaryRead(candidate, target), 0))
            {
                Add(DiagnosticDescriptors.ReadModifyWrite, assignment, "writes " + Describe(target) + " back as a relative change of the value it read");
            }
        }

        // SetReplicasAsync(d, current + 1) where current came from GetReplicasAsync(d) on the same receiver.
        private void InspectSetterCall(IInvocationOperation setter)
        {
            var key = AccessorKey(setter.TargetMethod.Name, "Set") ?? AccessorKey(setter.TargetMethod.Name, "Update");
            if (key is null)
            {
                return;
            }

            var arguments = ValueArguments(setter);
            for (var i = 0; i < arguments.Count; i++)
            {
                var others = new List<IOperation>(arguments);
                others.RemoveAt(i);
                IInvocationOperation? getter = null;
                bool IsMatchingGetter(IOperation candidate)
                {
                    if (candidate is IInvocationOperation read
                        && AccessorKey(read.TargetMethod.Name, "Get") == key
                        && SameInstance(read.Instance, setter.Instance)
                        && (read.Instance is not null || SymbolEqualityComparer.Default.Equals(read.TargetMethod.ContainingType, setter.TargetMethod.ContainingType))
                        && SameValues(ValueArguments(read), others))
                    {
                        getter = read;
                        return true;
                    }

                    return false;
                }

                if (IsRelative(arguments[i], IsMatchingGetter, 0) && getter is not null)
                {
                    Add(
                        DiagnosticDescriptors.ReadModifyWrite,
                        setter,
                        "reads a value with '" + getter.TargetMethod.Name + "' and writes a relative change of it back with '" + setter.TargetMethod.Name + "'");
                    return;
                }
            }
        }

        private void InspectCollectionAdd(IInvocationOperation invocation, IOperation instance)
        {
            var receiver = Unwrap(instance);
            if (receiver is not (IFieldReferenceOperation or IPropertyReferenceOperation) || !IsShared(receiver))
            {
                return;
            }

            var type = receiver.Type;
            if (type is null || !IsMutableCollection(type))
            {
                return;
            }

            Add(
                DiagnosticDescriptors.AddToSharedCollection,
                invocation,
                "adds to the collection in " + Describe(receiver) + " with '" + invocation.TargetMethod.Name + "'");
        }

        private bool IsMutableCollection(ITypeSymbol type)
        {
            if (type.ContainingNamespace?.ToDisplayString() == "System.Collections.Immutable")
            {
                return false;
            }

            // An interface-typed field (IList<T>, ISet<T>) is not among its own AllInterfaces.
            var interfaces = type.TypeKind == TypeKind.Interface && type is INamedTypeSymbol named
                ? type.AllInterfaces.Add(named)
                : type.AllInterfaces;
            var enumerable = false;
            foreach (var @interface in interfaces)
            {
                if (SymbolEqualityComparer.Default.Equals(@interface, _known.Enumerable))
                {
                    enumerable = true;
                }

                // Adding an element twice to a set leaves the same set.
                if (_known.SetOfT is not null && SymbolEqualityComparer.Default.Equals(@interface.OriginalDefinition, _known.SetOfT))
                {
                    return false;
                }
            }

            return enumerable;
        }

        private bool IsSet(ITypeSymbol type)
        {
            foreach (var @interface in type.AllInterfaces)
            {
                if (_known.SetOfT is not null && SymbolEqualityComparer.Default.Equals(@interface.OriginalDefinition, _known.SetOfT))
                {
                    return true;
                }
            }

            return false;
        }

        private void InspectHttp(IInvocationOperation invocation)
        {
            var method = invocation.TargetMethod;
            var receiverType = method.IsExtensionMethod && method.Parameters.Length > 0 ? method.Parameters[0].Type : invocation.Instance?.Type;
            if (receiverType is null || _mentionsIdempotencyKey)
            {
                return;
            }

            if (Array.IndexOf(HttpPostMethods, method.Name) >= 0 && DerivesFrom(receiverType, _known.HttpClient))
            {
                var verb = method.Name.StartsWith("Patch", StringComparison.Ordinal) ? "PATCH" : "POST";
                Add(
                    DiagnosticDescriptors.HttpPostWithoutIdempotencyKey,
                    invocation,
                    "sends an HTTP " + verb + " with '" + method.Name + "' without an 'Idempotency-Key' header");
            }
            else if (method.Name is "SendAsync" or "Send" && _usesPostOrPatch && DerivesFrom(receiverType, _known.HttpMessageInvoker))
            {
                Add(
                    DiagnosticDescriptors.HttpPostWithoutIdempotencyKey,
                    invocation,
                    "sends an HTTP POST/PATCH request with '" + method.Name + "' without an 'Idempotency-Key' header");
            }
        }

        private void InspectSqlArgument(IArgumentOperation argument)
        {
            var parameter = argument.Parameter;
            if (parameter is null)
            {
                return;
            }

            foreach (var name in SqlParameterNames)
            {
                if (string.Equals(parameter.Name, name, StringComparison.OrdinalIgnoreCase))
                {
                    InspectSql(argument.Value);
                    return;
                }
            }
        }

        private void InspectSql(IOperation value)
        {
            var text = SqlText(value, 0);
            if (text is null || text.IndexOf('=') < 0)
            {
                return;
            }

            Match match;
            try
            {
                match = RelativeSet.Match(text);
            }
            catch (RegexMatchTimeoutException)
            {
                return;
            }

            if (match.Success)
            {
                var assign = match.Groups["assign"].Value;
                Add(DiagnosticDescriptors.RelativeSqlUpdate, value, "runs the relative SQL update 'SET " + assign + " …'");
            }
        }

        private string? SqlText(IOperation? operation, int depth)
        {
            operation = Unwrap(operation);
            if (operation is null || depth > MaxDepth)
            {
                return null;
            }

            if (operation.ConstantValue is { HasValue: true, Value: string constant })
            {
                return constant;
            }

            switch (operation)
            {
                case IInterpolatedStringOperation interpolated:
                    var builder = new StringBuilder();
                    foreach (var part in interpolated.Parts)
                    {
                        if (part is IInterpolatedStringTextOperation { Text.ConstantValue: { HasValue: true, Value: string partText } })
                        {
                            builder.Append(partText);
                        }
                        else
                        {
                            builder.Append("@p");
                        }
                    }

                    return builder.ToString();
                case IBinaryOperation { OperatorKind: BinaryOperatorKind.Add } concatenation when concatenation.Type?.SpecialType == SpecialType.System_String:
                    return (SqlText(concatenation.LeftOperand, depth + 1) ?? "@p") + (SqlText(concatenation.RightOperand, depth + 1) ?? "@p");
                case ILocalReferenceOperation local when _locals.TryGetValue(local.Local, out var info) && info.Values.Count > 0:
                    return SqlText(info.Values[0], depth + 1);
                default:
                    return null;
            }
        }

        private void AddAccessorCalls(IPropertyReferenceOperation property)
        {
            var parent = property.Parent;
            var isTarget = parent is IAssignmentOperation assignment && assignment.Target == property
                || parent is IIncrementOrDecrementOperation;
            var isRead = !(parent is ISimpleAssignmentOperation simple && simple.Target == property);
            if (isTarget && property.Property.SetMethod is { } setter)
            {
                AddCall(setter);
            }

            if (isRead && property.Property.GetMethod is { } getter)
            {
                AddCall(getter);
            }
        }

        private void AddCall(IMethodSymbol method)
        {
            // Only bodies in this compilation can be summarised; the rest are leaves of the graph.
            foreach (var location in method.Locations)
            {
                if (location.IsInSource)
                {
                    _calls.Add(method);
                    return;
                }
            }
        }

        private void Add(DiagnosticDescriptor descriptor, IOperation operation, string description)
        {
            if (operation.Syntax is { } syntax)
            {
                _hazards.Add(new HazardInfo(descriptor, syntax.GetLocation(), description));
            }
        }

        // --- Shared state: is the storage written by this operation visible outside this call? ---

        private bool IsShared(IOperation? target)
        {
            target = Unwrap(target);
            switch (target)
            {
                case IFieldReferenceOperation field:
                    return field.Field.IsStatic || IsSharedRoot(field.Instance, 0);
                case IPropertyReferenceOperation property:
                    return property.Property.IsStatic || IsSharedRoot(property.Instance, 0);
                case IArrayElementReferenceOperation element:
                    return IsSharedRoot(element.ArrayReference, 0);
                default:
                    // Locals, parameters, and anything we cannot see through are not reported.
                    return false;
            }
        }

        private bool IsSharedRoot(IOperation? instance, int depth)
        {
            instance = Unwrap(instance);
            if (instance is null || depth > MaxDepth)
            {
                return instance is null;
            }

            switch (instance)
            {
                case IInstanceReferenceOperation reference:
                    // In a constructor, 'this' is the object being created; in an object initializer, so is the receiver.
                    return reference.ReferenceKind != InstanceReferenceKind.ImplicitReceiver && _owner.MethodKind != MethodKind.Constructor;
                case ILocalReferenceOperation local:
                    if (local.Local.Type?.IsValueType == true && !local.Local.IsRef)
                    {
                        return false;
                    }

                    return !IsFresh(local.Local);
                case IParameterReferenceOperation parameter:
                    return !(parameter.Parameter.Type?.IsValueType == true && parameter.Parameter.RefKind == RefKind.None);
                case IFieldReferenceOperation field:
                    return field.Field.IsStatic || IsSharedRoot(field.Instance, depth + 1);
                case IPropertyReferenceOperation property:
                    return property.Property.IsStatic || IsSharedRoot(property.Instance, depth + 1);
                case IArrayElementReferenceOperation element:
                    return IsSharedRoot(element.ArrayReference, depth + 1);
                case IConditionalAccessInstanceOperation conditional:
                    for (var parent = conditional.Parent; parent is not null; parent = parent.Parent)
                    {
                        if (parent is IConditionalAccessOperation access)
                        {
                            return IsSharedRoot(access.Operation, depth + 1);
                        }
                    }

                    return true;
                case IObjectCreationOperation or IAnonymousObjectCreationOperation or IArrayCreationOperation or ITypeParameterObjectCreationOperation:
                    return false;
                default:
                    return true;
            }
        }

        // A local that only ever holds objects created in this method.
        private bool IsFresh(ILocalSymbol local)
        {
            if (!_locals.TryGetValue(local, out var info) || info.Unknown || info.Values.Count == 0)
            {
                return false;
            }

            foreach (var value in info.Values)
            {
                if (Unwrap(value) is not (IObjectCreationOperation or IAnonymousObjectCreationOperation or IArrayCreationOperation
                    or ITypeParameterObjectCreationOperation or IWithOperation))
                {
                    return false;
                }
            }

            return true;
        }

        // --- Relative values: arithmetic on something read from the written location ---

        private bool IsRelative(IOperation? value, Func<IOperation, bool> isSource, int depth)
        {
            value = Unwrap(value);
            if (value is null || depth > MaxDepth)
            {
                return false;
            }

            if (value is ILocalReferenceOperation local && _locals.TryGetValue(local.Local, out var info))
            {
                foreach (var assigned in info.Values)
                {
                    if (IsRelative(assigned, isSource, depth + 1) || (info.RelativelyModified && DerivesFrom(assigned, isSource, depth + 1)))
                    {
                        return true;
                    }
                }

                return false;
            }

            if (value is IBinaryOperation binary && IsArithmetic(binary.OperatorKind))
            {
                return DerivesFrom(binary.LeftOperand, isSource, depth + 1) || DerivesFrom(binary.RightOperand, isSource, depth + 1);
            }

            // cond ? x + 1 : x — relative on one branch is enough.
            if (value is IConditionalOperation conditional)
            {
                return IsRelative(conditional.WhenTrue, isSource, depth + 1) || IsRelative(conditional.WhenFalse, isSource, depth + 1);
            }

            return false;
        }

        // dictionary.GetValueOrDefault(key) / dictionary.TryGetValue(key, out v) read what dictionary[key] holds.
        private static bool IsDictionaryRead(IOperation candidate, IOperation? target)
        {
            if (Unwrap(target) is not IPropertyReferenceOperation { Property.IsIndexer: true, Arguments.Length: 1 } indexer
                || candidate is not IInvocationOperation { TargetMethod.Name: "GetValueOrDefault" or "TryGetValue" } read)
            {
                return false;
            }

            var receiver = read.Instance ?? (read.Arguments.Length > 0 ? read.Arguments[0].Value : null);
            var keyIndex = read.Instance is null ? 1 : 0;
            return read.Arguments.Length > keyIndex
                && SameInstance(receiver, indexer.Instance)
                && SameValue(read.Arguments[keyIndex].Value, indexer.Arguments[0].Value);
        }

        private static ILocalSymbol? OutLocal(IOperation value) => value switch
        {
            ILocalReferenceOperation local => local.Local,
            IDeclarationExpressionOperation { Expression: ILocalReferenceOperation declared } => declared.Local,
            _ => null,
        };

        private bool DerivesFrom(IOperation? value, Func<IOperation, bool> isSource, int depth)
        {
            value = Unwrap(value);
            if (value is null || depth > MaxDepth)
            {
                return false;
            }

            if (isSource(value))
            {
                return true;
            }

            if (value is ILocalReferenceOperation local && _locals.TryGetValue(local.Local, out var info))
            {
                foreach (var assigned in info.Values)
                {
                    if (DerivesFrom(assigned, isSource, depth + 1))
                    {
                        return true;
                    }
                }

                return false;
            }

            return value is IBinaryOperation binary && IsArithmetic(binary.OperatorKind)
                && (DerivesFrom(binary.LeftOperand, isSource, depth + 1) || DerivesFrom(binary.RightOperand, isSource, depth + 1));
        }

        private static bool IsArithmetic(BinaryOperatorKind kind) =>
            kind is BinaryOperatorKind.Add or BinaryOperatorKind.Subtract or BinaryOperatorKind.Multiply or BinaryOperatorKind.Divide;

        // --- Equality of locations and values (after IDE0054's idea: same symbol, same instance chain) ---

        private static bool SameLocation(IOperation? a, IOperation? b)
        {
            a = Unwrap(a);
            b = Unwrap(b);
            switch (a)
            {
                case IFieldReferenceOperation fa when b is IFieldReferenceOperation fb:
                    return SymbolEqualityComparer.Default.Equals(fa.Field, fb.Field) && SameInstance(fa.Instance, fb.Instance);
                case IPropertyReferenceOperation pa when b is IPropertyReferenceOperation pb:
                    if (!SymbolEqualityComparer.Default.Equals(pa.Property, pb.Property) || !SameInstance(pa.Instance, pb.Instance)
                        || pa.Arguments.Length != pb.Arguments.Length)
                    {
                        return false;
                    }

                    for (var i = 0; i < pa.Arguments.Length; i++)
                    {
                        if (!SameValue(pa.Arguments[i].Value, pb.Arguments[i].Value))
                        {
                            return false;
                        }
                    }

                    return true;
                case IArrayElementReferenceOperation ea when b is IArrayElementReferenceOperation eb:
                    if (!SameValue(ea.ArrayReference, eb.ArrayReference) || ea.Indices.Length != eb.Indices.Length)
                    {
                        return false;
                    }

                    for (var i = 0; i < ea.Indices.Length; i++)
                    {
                        if (!SameValue(ea.Indices[i], eb.Indices[i]))
                        {
                            return false;
                        }
                    }

                    return true;
                default:
                    return false;
            }
        }

        private static bool SameInstance(IOperation? a, IOperation? b)
        {
            a = Unwrap(a);
            b = Unwrap(b);
            if (a is null || b is null)
            {
                return a is null && b is null;
            }

            return SameValue(a, b);
        }

        private static bool SameValue(IOperation? a, IOperation? b)
        {
            a = Unwrap(a);
            b = Unwrap(b);
            if (a is null || b is null)
            {
                return false;
            }

            switch (a)
            {
                case IInstanceReferenceOperation when b is IInstanceReferenceOperation:
                    return true;
                case ILocalReferenceOperation la when b is ILocalReferenceOperation lb:
                    return SymbolEqualityComparer.Default.Equals(la.Local, lb.Local);
                case IParameterReferenceOperation pa when b is IParameterReferenceOperation pb:
                    return SymbolEqualityComparer.Default.Equals(pa.Parameter, pb.Parameter);
                case IFieldReferenceOperation or IPropertyReferenceOperation or IArrayElementReferenceOperation:
                    return SameLocation(a, b);
            }

            return a.ConstantValue.HasValue && b.ConstantValue.HasValue && Equals(a.ConstantValue.Value, b.ConstantValue.Value);
        }

        private static bool SameValues(List<IOperation> a, List<IOperation> b)
        {
            if (a.Count != b.Count)
            {
                return false;
            }

            for (var i = 0; i < a.Count; i++)
            {
                if (!SameValue(a[i], b[i]))
                {
                    return false;
                }
            }

            return true;
        }

        // The arguments that identify an object or carry a value: everything but cancellation tokens and defaults.
        private List<IOperation> ValueArguments(IInvocationOperation invocation)
        {
            var result = new List<IOperation>();
            foreach (var argument in invocation.Arguments)
            {
                if (argument.ArgumentKind == ArgumentKind.DefaultValue
                    || (_known.CancellationToken is not null && SymbolEqualityComparer.Default.Equals(argument.Value.Type, _known.CancellationToken)))
                {
                    continue;
                }

                result.Add(argument.Value);
            }

            return result;
        }

        // "SetReplicasAsync" with prefix "Set" -> "Replicas"; null when the name does not have the prefix.
        private static string? AccessorKey(string name, string prefix)
        {
            if (name.Length <= prefix.Length || !name.StartsWith(prefix, StringComparison.Ordinal) || !char.IsUpper(name[prefix.Length]))
            {
                return null;
            }

            var key = name.Substring(prefix.Length);
            if (key.EndsWith("Async", StringComparison.Ordinal) && key.Length > "Async".Length)
            {
                key = key.Substring(0, key.Length - "Async".Length);
            }

            return key;
        }

        private bool IsHttpMethodPostOrPatch(IPropertyReferenceOperation property) =>
            property.Property.IsStatic
            && _known.HttpMethod is not null
            && SymbolEqualityComparer.Default.Equals(property.Property.ContainingType, _known.HttpMethod)
            && property.Property.Name is "Post" or "Patch";

        private static bool DerivesFrom(ITypeSymbol type, INamedTypeSymbol? baseType)
        {
            if (baseType is null)
            {
                return false;
            }

            for (var current = type; current is not null; current = current.BaseType)
            {
                if (SymbolEqualityComparer.Default.Equals(current, baseType))
                {
                    return true;
                }
            }

            return false;
        }

        private static string Describe(IOperation? target)
        {
            target = Unwrap(target);
            switch (target)
            {
                case IFieldReferenceOperation field:
                    return (field.Field.IsStatic ? "static field '" : "field '") + field.Field.Name + "'";
                case IPropertyReferenceOperation property when property.Property.IsIndexer:
                    return "an element of " + Describe(property.Instance);
                case IPropertyReferenceOperation property:
                    return (property.Property.IsStatic ? "static property '" : "property '") + property.Property.Name + "'";
                case IArrayElementReferenceOperation element:
                    return "an element of " + Describe(element.ArrayReference);
                case ILocalReferenceOperation local:
                    return "local '" + local.Local.Name + "'";
                case IParameterReferenceOperation parameter:
                    return "parameter '" + parameter.Parameter.Name + "'";
                case IInstanceReferenceOperation:
                    return "'this'";
                default:
                    return "a shared value";
            }
        }

        private static IOperation? Unwrap(IOperation? operation)
        {
            while (true)
            {
                switch (operation)
                {
                    case IConversionOperation conversion:
                        operation = conversion.Operand;
                        break;
                    case IParenthesizedOperation parenthesized:
                        operation = parenthesized.Operand;
                        break;
                    case IAwaitOperation awaited:
                        operation = awaited.Operation;
                        break;
                    case IInvocationOperation { TargetMethod.Name: "ConfigureAwait", Instance: { } awaitable }:
                        operation = awaitable;
                        break;
                    default:
                        return operation;
                }
            }
        }

        private LocalInfo Local(ILocalSymbol local)
        {
            if (!_locals.TryGetValue(local, out var info))
            {
                info = new LocalInfo();
                _locals.Add(local, info);
            }

            return info;
        }

        private sealed class LocalInfo
        {
            public List<IOperation> Values { get; } = new List<IOperation>();

            /// <summary>The local is passed by ref/out or is a ref local: its value cannot be followed.</summary>
            public bool Unknown { get; set; }

            /// <summary>The local itself is changed with ++, -- or a compound assignment after it is read.</summary>
            public bool RelativelyModified { get; set; }
        }
    }
}
