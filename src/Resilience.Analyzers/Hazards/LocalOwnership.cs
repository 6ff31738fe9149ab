using System;
using System.Collections.Generic;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;
using static Resilience.Analyzers.Hazards.OperationShapes;

namespace Resilience.Analyzers.Hazards
{
    /// <summary>
    /// Who owns the storage an operation writes, within one method body: locals are followed to the values assigned
    /// to them; an object created in this body is owned by this run and not shared; fields, statics, parameters and
    /// anything reached through them are shared (visible to the next attempt).
    /// </summary>
    internal sealed class LocalOwnership
    {
        /// <summary>How far value chains (locals, instance chains, arithmetic) are followed.</summary>
        public const int MaxDepth = 4;

        private readonly IMethodSymbol _owner;
        private readonly Dictionary<ILocalSymbol, LocalInfo> _locals = new Dictionary<ILocalSymbol, LocalInfo>(SymbolEqualityComparer.Default);

        public LocalOwnership(IMethodSymbol owner)
        {
            _owner = owner;
        }

        /// <summary>First pass over the body: what each local is assigned, and whether it can be followed at all.</summary>
        public void Record(IOperation operation)
        {
            switch (operation)
            {
                case IVariableDeclaratorOperation declarator when declarator.Symbol is not null:
                    var info = Local(declarator.Symbol);
                    if (IsUsingDeclaration(declarator))
                    {
                        // using var command = connection.CreateCommand(): disposed at the end of this run, so owned by it.
                        info.Disposed = true;
                    }

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
            }
        }

        /// <summary>The values assigned to a local in this body (empty when it cannot be followed).</summary>
        public IReadOnlyList<IOperation> ValuesOf(ILocalSymbol local) =>
            _locals.TryGetValue(local, out var info) ? info.Values : Array.Empty<IOperation>();

        /// <summary>Is the storage written by this operation visible outside this call?</summary>
        public bool IsShared(IOperation? target)
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

        /// <summary>Does this instance expression reach an object that outlives this call?</summary>
        public bool IsSharedRoot(IOperation? instance, int depth)
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

        /// <summary>A local that only ever holds objects created in this method.</summary>
        public bool IsFresh(ILocalSymbol local)
        {
            if (!_locals.TryGetValue(local, out var info) || info.Unknown || info.Values.Count == 0)
            {
                return false;
            }

            if (info.Disposed)
            {
                return true;
            }

            foreach (var value in info.Values)
            {
                if (Unwrap(value) is not (IObjectCreationOperation or IAnonymousObjectCreationOperation or IArrayCreationOperation
                    or ITypeParameterObjectCreationOperation or IWithOperation) && !IsFactoryCall(value))
                {
                    return false;
                }
            }

            return true;
        }

        /// <summary>Is <paramref name="value"/> arithmetic on something <paramref name="isSource"/> recognises (directly or through locals)?</summary>
        public bool IsRelative(IOperation? value, Func<IOperation, bool> isSource, int depth = 0)
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

        /// <summary>Is <paramref name="value"/> the source itself, or computed from it by arithmetic (through locals)?</summary>
        public bool DerivesFrom(IOperation? value, Func<IOperation, bool> isSource, int depth = 0)
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

        // connection.CreateCommand(), factory.CreateDbContextAsync(), NewBatch(), builder.Build(): a new object per call.
        private static bool IsFactoryCall(IOperation value) =>
            Unwrap(value) is IInvocationOperation { TargetMethod.Name: { } name }
            && (StartsWithWord(name, "Create") || StartsWithWord(name, "New") || StartsWithWord(name, "Build") || StartsWithWord(name, "Open"));

        private static bool StartsWithWord(string name, string word) =>
            name.StartsWith(word, StringComparison.Ordinal) && (name.Length == word.Length || char.IsUpper(name[word.Length]));

        private static bool IsUsingDeclaration(IVariableDeclaratorOperation declarator)
        {
            for (var parent = declarator.Parent; parent is not null; parent = parent.Parent)
            {
                switch (parent)
                {
                    case IUsingDeclarationOperation or IUsingOperation:
                        return true;
                    case IVariableDeclarationOperation or IVariableDeclarationGroupOperation:
                        continue;
                    default:
                        return false;
                }
            }

            return false;
        }

        private static ILocalSymbol? OutLocal(IOperation value) => value switch
        {
            ILocalReferenceOperation local => local.Local,
            IDeclarationExpressionOperation { Expression: ILocalReferenceOperation declared } => declared.Local,
            _ => null,
        };

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

            /// <summary>Declared with <c>using</c>: whatever it holds is disposed when this run ends.</summary>
            public bool Disposed { get; set; }

            /// <summary>The local is passed by ref/out or is a ref local: its value cannot be followed.</summary>
            public bool Unknown { get; set; }

            /// <summary>The local itself is changed with ++, -- or a compound assignment after it is read.</summary>
            public bool RelativelyModified { get; set; }
        }
    }
}
