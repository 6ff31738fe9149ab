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
    internal sealed partial class StoredTypes
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

        private static string Display(ITypeSymbol type) => type.WithNullableAnnotation(NullableAnnotation.None).ToDisplayString(SymbolDisplayFormat.MinimallyQualifiedFormat);

        private static string CamelCase(string name) => name.Length == 0 ? name : char.ToLowerInvariant(name[0]) + name.Substring(1);
    }
}
