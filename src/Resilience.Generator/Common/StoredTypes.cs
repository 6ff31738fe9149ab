using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Resilience.Generators
{
    /// <summary>
    /// RES0046–RES0049 and RES0054: whether a stored value — the result of an <c>[Idempotent]</c> method or a
    /// <c>[Checkpoint]</c> step, a <c>[CheckpointState]</c> member — can round-trip through the store's serializer,
    /// System.Text.Json with the runtime's default <c>ResilienceJson</c> options (public fields included; non-public
    /// setters, get-only auto-properties and get-only collections set back by the runtime's resolver). The rules agree
    /// with the run-time check (<c>StoredValue</c>): what is flagged here would be rejected there, and every shape the
    /// runtime stores exactly is accepted. Only what is certain from the declarations is reported; the run-time check
    /// (serialize, read back, compare) remains for the rest — computed properties, custom converters, custom options.
    /// </summary>
    internal sealed class StoredTypes
    {
        private const string JsonSerialization = "System.Text.Json.Serialization.";

        private readonly string _owner;
        private readonly ITypeSymbol _root;
        private readonly Location _location;
        private readonly UsageReport _report;
        private readonly CancellationToken _cancellationToken;
        private readonly HashSet<ITypeSymbol> _visited = new(SymbolEqualityComparer.Default);
        private readonly HashSet<string> _reported = new(StringComparer.Ordinal);
        private readonly HashSet<ITypeSymbol> _cycleChecked = new(SymbolEqualityComparer.Default);
        private readonly HashSet<ITypeSymbol> _inReportedCycle = new(SymbolEqualityComparer.Default);

        private StoredTypes(string owner, ITypeSymbol root, Location location, UsageReport report, CancellationToken cancellationToken)
        {
            _owner = owner;
            _root = root;
            _location = location;
            _report = report;
            _cancellationToken = cancellationToken;
        }

        /// <summary>Reports every way <paramref name="type"/>, stored for <paramref name="owner"/>, cannot round-trip.</summary>
        public static void Check(ITypeSymbol type, string owner, Location location, UsageReport report, CancellationToken cancellationToken) =>
            new StoredTypes(owner, type, location, report, cancellationToken).Visit(type, null);

        /// <summary>The result type of <paramref name="method"/> written in its declaration (for the location), else the attribute.</summary>
        public static Location ResultLocation(IMethodSymbol method, Location fallback, CancellationToken cancellationToken)
        {
            TypeSyntax? type = method.DeclaringSyntaxReferences.Select(r => r.GetSyntax(cancellationToken)).OfType<MethodDeclarationSyntax>().FirstOrDefault()?.ReturnType;
            GenericNameSyntax? task = MethodShape.GetTaskKind(method.ReturnType) is null ? null : type switch
            {
                GenericNameSyntax name => name,
                QualifiedNameSyntax { Right: GenericNameSyntax name } => name,
                AliasQualifiedNameSyntax { Name: GenericNameSyntax name } => name,
                _ => null,
            };
            return task is { TypeArgumentList.Arguments.Count: 1 } ? task.TypeArgumentList.Arguments[0].GetLocation() : type?.GetLocation() ?? fallback;
        }

        private string RootName => Display(_root);

        private void Visit(ITypeSymbol type, string? member)
        {
            _cancellationToken.ThrowIfCancellationRequested();
            if (type is INamedTypeSymbol { OriginalDefinition.SpecialType: SpecialType.System_Nullable_T } nullable)
            {
                type = nullable.TypeArguments[0];
            }

            if (type.TypeKind == TypeKind.Error || type.TypeKind == TypeKind.TypeParameter || HasAttribute(type, "JsonConverterAttribute"))
            {
                return;
            }

            if (Unsupported(type) is { } why)
            {
                Report(UsageDescriptors.StoredTypeUnsupported, Subject(member, type), Display(type), why);
                return;
            }

            if (type.SpecialType == SpecialType.System_Object || type.TypeKind == TypeKind.Dynamic)
            {
                Report(UsageDescriptors.StoredTypeNotReadable, Subject(member, type) + (member is null ? " reads back as a JsonElement" : " is typed 'object', which reads back as a JsonElement"));
                return;
            }

            if (!_visited.Add(type) || IsScalar(type))
            {
                return;
            }

            if (type is IArrayTypeSymbol array)
            {
                Visit(array.ElementType, member is null ? "its elements" : member + "[]");
                return;
            }

            if (type is not INamedTypeSymbol named)
            {
                return;
            }

            if (IsTuple(named))
            {
                foreach (ITypeSymbol argument in named.TypeArguments)
                {
                    Visit(argument, member);
                }

                return;
            }

            if (Enumerable(named) is { } enumerable)
            {
                bool standard = IsStandardCollection(named);
                if (!standard && (named.TypeKind == TypeKind.Interface || named.IsAbstract) && !IsPolymorphic(named))
                {
                    Report(UsageDescriptors.StoredTypeNotReadable, $"{Subject(member, named)} is {Kind(named)} collection type, which the serializer cannot create");
                    return;
                }

                if (Dictionary(named) is { } dictionary)
                {
                    Visit(dictionary.TypeArguments[1], member is null ? "its values" : member + "[]");
                }
                else if (enumerable.TypeArguments.Length == 1)
                {
                    Visit(enumerable.TypeArguments[0], member is null ? "its elements" : member + "[]");
                }

                return;
            }

            if (named.TypeKind == TypeKind.Interface || named.IsAbstract)
            {
                if (!IsPolymorphic(named))
                {
                    Report(UsageDescriptors.StoredTypeNotReadable, $"{Subject(member, named)} is {Kind(named)} without [JsonPolymorphic] or [JsonDerivedType] metadata");
                }

                return;
            }

            if (!named.Locations.Any(l => l.IsInSource) || named.TypeKind is not (TypeKind.Class or TypeKind.Struct))
            {
                // A type from a library: its private members are not visible here; the run-time check covers it.
                return;
            }

            CheckObject(named);
        }

        private void CheckObject(INamedTypeSymbol type)
        {
            CheckCycles(type);
            IMethodSymbol? constructor = DeserializationConstructor(type, out string? constructorProblem);
            if (constructorProblem is not null)
            {
                Report(UsageDescriptors.StoredTypeWithoutConstructor, Display(type), constructorProblem);
            }

            var parameters = new HashSet<string>(
                constructor?.Parameters.Select(p => p.Name) ?? System.Linq.Enumerable.Empty<string>(), StringComparer.OrdinalIgnoreCase);
            bool populatable = type.IsValueType || type.InstanceConstructors.Any(c => c.Parameters.Length == 0 && c.DeclaredAccessibility == Accessibility.Public);
            var serialized = new List<(ISymbol Member, ITypeSymbol Type)>();
            foreach (ISymbol member in Members(type))
            {
                ITypeSymbol memberType = member is IPropertySymbol property ? property.Type : ((IFieldSymbol)member).Type;
                serialized.Add((member, memberType));
                if (HasAttribute(member, "JsonConverterAttribute"))
                {
                    continue;
                }

                string name = type.Name + "." + member.Name;
                if (!parameters.Contains(member.Name) && SetBackProblem(member, memberType, populatable) is { } problem)
                {
                    Report(UsageDescriptors.StoredMemberNotSettable, $"member '{name}' {problem}", CamelCase(member.Name));
                }

                Visit(memberType, "member '" + name + "'");
            }

            if (constructor is not null)
            {
                foreach (IParameterSymbol parameter in constructor.Parameters)
                {
                    if (!serialized.Any(s => string.Equals(s.Member.Name, parameter.Name, StringComparison.OrdinalIgnoreCase)))
                    {
                        Report(UsageDescriptors.StoredTypeWithoutConstructor, Display(type), $"has a constructor parameter '{parameter.Name}' that matches no stored member");
                    }
                }
            }
        }

        /// <summary>The constructor System.Text.Json uses (null for a struct without [JsonConstructor]), or why there is none.</summary>
        private static IMethodSymbol? DeserializationConstructor(INamedTypeSymbol type, out string? problem)
        {
            problem = null;
            IMethodSymbol[] constructors = type.InstanceConstructors.Where(c => !c.IsImplicitlyDeclared || c.Parameters.Length == 0).ToArray();
            IMethodSymbol? marked = constructors.FirstOrDefault(c => HasAttribute(c, "JsonConstructorAttribute"));
            if (marked is not null || type.IsValueType)
            {
                return marked;
            }

            IMethodSymbol[] visible = constructors.Where(c => c.DeclaredAccessibility == Accessibility.Public && !IsCopyConstructor(type, c)).ToArray();
            if (visible.Any(c => c.Parameters.Length == 0))
            {
                return null;
            }

            if (visible.Length == 1)
            {
                return visible[0];
            }

            problem = visible.Length == 0
                ? "has no public constructor"
                : "has several public constructors, none parameterless and none marked [JsonConstructor]";
            return null;
        }

        private static bool IsCopyConstructor(INamedTypeSymbol type, IMethodSymbol constructor) =>
            type.IsRecord && constructor.Parameters.Length == 1 && SymbolEqualityComparer.Default.Equals(constructor.Parameters[0].Type, type);

        /// <summary>Why a serialized member cannot be set back when read, or null when it can (runtime resolver included).</summary>
        private static string? SetBackProblem(ISymbol member, ITypeSymbol type, bool populatable)
        {
            if (member is IFieldSymbol field)
            {
                return field.IsReadOnly ? "is a readonly field" : null;
            }

            var property = (IPropertySymbol)member;
            if (property.SetMethod is not null || IsAutoProperty(property) || (populatable && IsPopulatable(type)))
            {
                // A setter of any accessibility and an auto-property's backing field are set by the runtime's resolver;
                // a get-only collection is filled in place.
                return null;
            }

            // A computed property reads back as it is recomputed: only a getter that returns an unstored field loses data.
            if (ReturnedField(property) is { } backing && !IsStoredField(backing))
            {
                return $"is a get-only property returning the field '{backing.Name}', which is not stored";
            }

            return null;
        }

        private static bool IsAutoProperty(IPropertySymbol property) =>
            property.ContainingType.GetMembers().OfType<IFieldSymbol>().Any(f => SymbolEqualityComparer.Default.Equals(f.AssociatedSymbol, property));

        private static bool IsPopulatable(ITypeSymbol type) =>
            !type.IsValueType && type.SpecialType != SpecialType.System_String && type is not IArrayTypeSymbol && type is INamedTypeSymbol named
            && Enumerable(named) is not null && named.ContainingNamespace?.ToDisplayString() != "System.Collections.Immutable"
            && !(named.TypeKind == TypeKind.Interface && (named.Name.StartsWith("IReadOnly", StringComparison.Ordinal) || named.Name == "IEnumerable"));

        private static IFieldSymbol? ReturnedField(IPropertySymbol property)
        {
            foreach (SyntaxReference reference in property.DeclaringSyntaxReferences)
            {
                ExpressionSyntax? returned = reference.GetSyntax() switch
                {
                    PropertyDeclarationSyntax { ExpressionBody: { } body } => body.Expression,
                    PropertyDeclarationSyntax { AccessorList: { } accessors } => accessors.Accessors.FirstOrDefault(a => a.Keyword.ValueText == "get") switch
                    {
                        { ExpressionBody: { } body } => body.Expression,
                        { Body.Statements: { Count: 1 } statements } when statements[0] is ReturnStatementSyntax { Expression: { } value } => value,
                        _ => null,
                    },
                    _ => null,
                };
                string? name = returned switch
                {
                    IdentifierNameSyntax identifier => identifier.Identifier.ValueText,
                    MemberAccessExpressionSyntax { Expression: ThisExpressionSyntax, Name: IdentifierNameSyntax identifier } => identifier.Identifier.ValueText,
                    _ => null,
                };
                if (name is not null)
                {
                    return property.ContainingType.GetMembers(name).OfType<IFieldSymbol>().FirstOrDefault(f => !f.IsStatic && !f.IsConst);
                }
            }

            return null;
        }

        private static bool IsStoredField(IFieldSymbol field) =>
            (field.DeclaredAccessibility == Accessibility.Public || HasAttribute(field, "JsonIncludeAttribute")) && !HasAttribute(field, "JsonIgnoreAttribute");

        /// <summary>The members System.Text.Json writes: public instance properties and fields (IncludeFields), [JsonInclude] ones, base types' too.</summary>
        private static IEnumerable<ISymbol> Members(INamedTypeSymbol type)
        {
            var seen = new HashSet<string>(StringComparer.Ordinal);
            for (INamedTypeSymbol? current = type; current is not null && current.SpecialType != SpecialType.System_Object && current.SpecialType != SpecialType.System_ValueType; current = current.BaseType)
            {
                foreach (ISymbol member in current.GetMembers())
                {
                    if (member.IsStatic || HasAttribute(member, "JsonIgnoreAttribute") || !seen.Add(member.Name))
                    {
                        continue;
                    }

                    bool included = member.DeclaredAccessibility == Accessibility.Public || HasAttribute(member, "JsonIncludeAttribute");
                    if (member is IPropertySymbol { IsIndexer: false, GetMethod: not null } property && included
                        && (property.GetMethod.DeclaredAccessibility == Accessibility.Public || HasAttribute(member, "JsonIncludeAttribute")))
                    {
                        yield return member;
                    }
                    else if (member is IFieldSymbol { IsConst: false, AssociatedSymbol: null } && included)
                    {
                        yield return member;
                    }
                }
            }
        }

        /// <summary>
        /// RES0049: a cycle of non-nullable, non-collection members (nullable annotations enabled) means every value of the
        /// type holds another value of the same type — a reference cycle or an infinite chain — which JSON cannot hold.
        /// A nullable member or a collection can end the chain, so a tree or a linked list is accepted.
        /// </summary>
        private void CheckCycles(INamedTypeSymbol start)
        {
            if (!_cycleChecked.Add(start))
            {
                return;
            }

            var path = new List<string>();
            var onPath = new List<INamedTypeSymbol>();
            var explored = new HashSet<INamedTypeSymbol>(SymbolEqualityComparer.Default);
            Walk(start);

            void Walk(INamedTypeSymbol type)
            {
                if (explored.Contains(type))
                {
                    // Everything reachable from it was walked already: no new way back to start (keeps a DAG linear).
                    return;
                }

                int index = onPath.FindIndex(t => SymbolEqualityComparer.Default.Equals(t, type));
                if (index >= 0)
                {
                    if (index == 0 && !onPath.Any(t => _inReportedCycle.Contains(t)))
                    {
                        _inReportedCycle.UnionWith(onPath);
                        Report(UsageDescriptors.StoredTypeCycle, Display(start), string.Join(" → ", path.Select(p => "'" + p + "'")));
                    }

                    return;
                }

                if (onPath.Count > 32)
                {
                    return;
                }

                onPath.Add(type);
                foreach (ISymbol member in Members(type))
                {
                    (ITypeSymbol memberType, NullableAnnotation annotation) = member is IPropertySymbol p ? (p.Type, p.NullableAnnotation) : (((IFieldSymbol)member).Type, ((IFieldSymbol)member).NullableAnnotation);
                    if (memberType is INamedTypeSymbol next && next.TypeKind is TypeKind.Class or TypeKind.Struct && next.Locations.Any(l => l.IsInSource)
                        && (next.IsValueType || annotation == NullableAnnotation.NotAnnotated) && Enumerable(next) is null)
                    {
                        path.Add(type.Name + "." + member.Name);
                        Walk(next);
                        path.RemoveAt(path.Count - 1);
                    }
                }

                onPath.RemoveAt(onPath.Count - 1);
                explored.Add(type);
            }
        }

        private void Report(DiagnosticDescriptor descriptor, params string[] arguments)
        {
            string[] all = new[] { _owner, RootName }.Concat(arguments).ToArray();
            if (_reported.Add(descriptor.Id + "|" + string.Join("|", all)))
            {
                _report.Report(descriptor, _location, all);
            }
        }

        private string Subject(string? member, ITypeSymbol type) => member is null ? "'" + Display(type) + "'" : member;

        private static string Kind(INamedTypeSymbol type) => type.TypeKind == TypeKind.Interface ? "an interface" : "an abstract class";

        private static string? Unsupported(ITypeSymbol type)
        {
            if (type is IPointerTypeSymbol || type is IFunctionPointerTypeSymbol)
            {
                return "a pointer";
            }

            if (type.TypeKind == TypeKind.Delegate)
            {
                return "a delegate";
            }

            if (type is IArrayTypeSymbol { Rank: > 1 })
            {
                return "a multi-dimensional array";
            }

            if (type.IsRefLikeType)
            {
                return "a ref struct";
            }

            if (type.SpecialType is SpecialType.System_IntPtr or SpecialType.System_UIntPtr)
            {
                return "a native-sized pointer";
            }

            for (ITypeSymbol? current = type; current is not null; current = current.BaseType)
            {
                string name = current.ToDisplayString();
                if (name is "System.Type" or "System.Reflection.MemberInfo" or "System.Runtime.Serialization.SerializationInfo")
                {
                    return "reflection metadata";
                }

                if (name == "System.IO.Stream")
                {
                    return "a stream";
                }

                if (current.ContainingNamespace?.ToDisplayString() == "System.Threading.Tasks" && current.Name is "Task" or "ValueTask")
                {
                    return "a task";
                }
            }

            return null;
        }

        private static bool IsScalar(ITypeSymbol type)
        {
            if (type.TypeKind == TypeKind.Enum || type.SpecialType is >= SpecialType.System_Boolean and <= SpecialType.System_String or SpecialType.System_DateTime)
            {
                return true;
            }

            string ns = type.ContainingNamespace?.ToDisplayString() ?? string.Empty;
            if (ns.StartsWith("System.Text.Json", StringComparison.Ordinal))
            {
                return true; // JsonElement, JsonDocument, JsonNode and its kinds
            }

            return ns == "System" && type.MetadataName is "DateTimeOffset" or "TimeSpan" or "Guid" or "Uri" or "Version" or "DateOnly" or "TimeOnly" or "Half" or "Int128" or "UInt128";
        }

        private static bool IsTuple(INamedTypeSymbol type) =>
            type.IsTupleType
            || (type.ContainingNamespace?.ToDisplayString() == "System" && type.Name is "Tuple" or "ValueTuple")
            || (type.ContainingNamespace?.ToDisplayString() == "System.Collections.Generic" && type.Name == "KeyValuePair");

        private static INamedTypeSymbol? Enumerable(INamedTypeSymbol type)
        {
            if (type.SpecialType == SpecialType.System_String)
            {
                return null;
            }

            INamedTypeSymbol? generic = type.OriginalDefinition.SpecialType == SpecialType.System_Collections_Generic_IEnumerable_T
                ? type
                : type.AllInterfaces.FirstOrDefault(i => i.OriginalDefinition.SpecialType == SpecialType.System_Collections_Generic_IEnumerable_T);
            if (generic is not null)
            {
                return generic;
            }

            return type.SpecialType == SpecialType.System_Collections_IEnumerable || type.AllInterfaces.Any(i => i.SpecialType == SpecialType.System_Collections_IEnumerable) ? type : null;
        }

        private static INamedTypeSymbol? Dictionary(INamedTypeSymbol type) =>
            new[] { type }.Concat(type.AllInterfaces).FirstOrDefault(i =>
                i.Arity == 2 && i.ContainingNamespace?.ToDisplayString() == "System.Collections.Generic" && i.Name is "IDictionary" or "IReadOnlyDictionary");

        private static bool IsStandardCollection(INamedTypeSymbol type)
        {
            string ns = type.ContainingNamespace?.ToDisplayString() ?? string.Empty;
            return ns is "System.Collections" or "System.Collections.Generic" or "System.Collections.ObjectModel" or "System.Collections.Immutable" or "System.Collections.Concurrent";
        }

        private static bool IsPolymorphic(ITypeSymbol type) => HasAttribute(type, "JsonPolymorphicAttribute") || HasAttribute(type, "JsonDerivedTypeAttribute");

        private static bool HasAttribute(ISymbol symbol, string name) =>
            symbol.GetAttributes().Any(a => a.AttributeClass?.ToDisplayString() == JsonSerialization + name);

        private static string Display(ITypeSymbol type) => type.WithNullableAnnotation(NullableAnnotation.None).ToDisplayString(SymbolDisplayFormat.MinimallyQualifiedFormat);

        private static string CamelCase(string name) => name.Length == 0 ? name : char.ToLowerInvariant(name[0]) + name.Substring(1);
    }
}
