using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.IO;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace Resilience.Analyzers.Hazards.Catalog
{
    /// <summary>What the catalog says about one symbol.</summary>
    internal sealed class CatalogEntry
    {
        public CatalogEntry(string effect, bool safeToRepeat, bool requiresSharedReceiver, bool unlessIdempotencyKey)
        {
            Effect = effect;
            SafeToRepeat = safeToRepeat;
            RequiresSharedReceiver = requiresSharedReceiver;
            UnlessIdempotencyKey = unlessIdempotencyKey;
        }

        /// <summary>"a remote increment": what repeating the call does.</summary>
        public string Effect { get; }

        public bool SafeToRepeat { get; }

        public bool RequiresSharedReceiver { get; }

        public bool UnlessIdempotencyKey { get; }
    }

    /// <summary>
    /// The catalog of non-idempotent (and fine-to-repeat) APIs: the embedded <c>KnownHazards.txt</c> plus any
    /// <c>AdditionalFiles</c> named <see cref="UserFileName"/>, resolved against one compilation. Lines use the
    /// documentation-comment IDs of BannedApiAnalyzers' <c>BannedSymbols.txt</c>; symbols the compilation does not
    /// have are skipped.
    /// </summary>
    internal sealed class HazardCatalog
    {
        public const string UserFileName = "ResilienceHazards.txt";

        private static readonly Lazy<string> Embedded = new Lazy<string>(() =>
        {
            using var stream = typeof(HazardCatalog).Assembly.GetManifestResourceStream("Resilience.Analyzers.KnownHazards.txt");
            if (stream is null)
            {
                return string.Empty;
            }

            using var reader = new StreamReader(stream);
            return reader.ReadToEnd();
        });

        private readonly Dictionary<ISymbol, CatalogEntry> _members = new Dictionary<ISymbol, CatalogEntry>(SymbolEqualityComparer.Default);
        private readonly Dictionary<INamedTypeSymbol, CatalogEntry> _types = new Dictionary<INamedTypeSymbol, CatalogEntry>(SymbolEqualityComparer.Default);

        /// <summary>Every type that has a catalogued member or is catalogued itself: the cheap first test.</summary>
        private readonly HashSet<INamedTypeSymbol> _touchedTypes = new HashSet<INamedTypeSymbol>(SymbolEqualityComparer.Default);

        private HazardCatalog()
        {
        }

        public bool IsEmpty => _touchedTypes.Count == 0;

        public static HazardCatalog Create(Compilation compilation, AnalyzerOptions options, CancellationToken cancellationToken)
        {
            var catalog = new HazardCatalog();
            catalog.AddLines(compilation, Embedded.Value);
            foreach (var file in options.AdditionalFiles)
            {
                if (string.Equals(Path.GetFileName(file.Path), UserFileName, StringComparison.OrdinalIgnoreCase)
                    && file.GetText(cancellationToken) is { } text)
                {
                    catalog.AddLines(compilation, text.ToString());
                }
            }

            return catalog;
        }

        /// <summary>The entry for a symbol, for its original definition, for the member it overrides or the interface member it implements, or for its type.</summary>
        public CatalogEntry? Find(ISymbol symbol)
        {
            var type = symbol.ContainingType;
            if (type is null || IsEmpty || !Touches(type))
            {
                return null;
            }

            if (Lookup(symbol) is { } direct)
            {
                return direct;
            }

            if (symbol is IMethodSymbol { ReducedFrom: { } reduced } && Lookup(reduced) is { } extension)
            {
                return extension;
            }

            for (var overridden = (symbol as IMethodSymbol)?.OverriddenMethod; overridden is not null; overridden = overridden.OverriddenMethod)
            {
                if (Lookup(overridden) is { } viaBase)
                {
                    return viaBase;
                }
            }

            foreach (var @interface in type.AllInterfaces)
            {
                if (!_touchedTypes.Contains(@interface.OriginalDefinition))
                {
                    continue;
                }

                foreach (var member in @interface.GetMembers(symbol.Name))
                {
                    if (SymbolEqualityComparer.Default.Equals(type.FindImplementationForInterfaceMember(member), symbol)
                        && Lookup(member) is { } viaInterface)
                    {
                        return viaInterface;
                    }
                }
            }

            return null;
        }

        /// <summary>The entry for a type (or one of its bases/interfaces), e.g. the fine-to-repeat metrics instruments.</summary>
        public CatalogEntry? FindType(ITypeSymbol? type)
        {
            for (var current = type as INamedTypeSymbol; current is not null && !IsEmpty; current = current.BaseType)
            {
                if (_types.TryGetValue(current.OriginalDefinition, out var entry))
                {
                    return entry;
                }
            }

            return null;
        }

        private bool Touches(INamedTypeSymbol type)
        {
            for (var current = type; current is not null; current = current.BaseType)
            {
                if (_touchedTypes.Contains(current.OriginalDefinition))
                {
                    return true;
                }
            }

            foreach (var @interface in type.AllInterfaces)
            {
                if (_touchedTypes.Contains(@interface.OriginalDefinition))
                {
                    return true;
                }
            }

            return false;
        }

        private CatalogEntry? Lookup(ISymbol symbol)
        {
            if (_members.TryGetValue(symbol.OriginalDefinition, out var entry))
            {
                return entry;
            }

            return symbol.ContainingType is { } type ? FindType(type) : null;
        }

        private void AddLines(Compilation compilation, string text)
        {
            foreach (var raw in text.Split('\n'))
            {
                var line = raw.Trim();
                if (line.Length == 0 || line[0] == '#')
                {
                    continue;
                }

                var safe = line[0] == '!';
                var fields = (safe ? line.Substring(1) : line).Split(';');
                var id = fields[0].Trim();
                var effect = fields.Length > 1 && fields[1].Trim().Length > 0 ? fields[1].Trim() : "a non-idempotent operation";
                var condition = fields.Length > 2 ? fields[2].Trim() : string.Empty;
                var entry = new CatalogEntry(effect, safe, condition == "shared-receiver", condition == "unless-idempotency-key");
                foreach (var symbol in Resolve(compilation, id))
                {
                    if (symbol is INamedTypeSymbol type)
                    {
                        _types[type.OriginalDefinition] = entry;
                        _touchedTypes.Add(type.OriginalDefinition);
                    }
                    else if (symbol.ContainingType is { } containing)
                    {
                        _members[symbol.OriginalDefinition] = entry;
                        _touchedTypes.Add(containing.OriginalDefinition);
                    }
                }
            }
        }

        // "M:N.T.M(System.Int32)" exactly; "M:N.T.M" every overload; "M:N.T.Send*" every member starting with Send.
        private static ImmutableArray<ISymbol> Resolve(Compilation compilation, string id)
        {
            if (id.Length < 3 || id[1] != ':')
            {
                return ImmutableArray<ISymbol>.Empty;
            }

            if (id[0] == 'T' || id.IndexOf('(') >= 0)
            {
                return DocumentationCommentId.GetSymbolsForDeclarationId(id, compilation);
            }

            var dot = id.LastIndexOf('.');
            if (dot <= 2 || DocumentationCommentId.GetFirstSymbolForDeclarationId("T:" + id.Substring(2, dot - 2), compilation) is not INamedTypeSymbol type)
            {
                return ImmutableArray<ISymbol>.Empty;
            }

            var name = id.Substring(dot + 1);
            var prefix = name.EndsWith("*", StringComparison.Ordinal);
            if (prefix)
            {
                name = name.Substring(0, name.Length - 1);
            }

            var builder = ImmutableArray.CreateBuilder<ISymbol>();
            foreach (var member in type.GetMembers())
            {
                if (prefix ? member.Name.StartsWith(name, StringComparison.Ordinal) : member.Name == name)
                {
                    builder.Add(member);
                }
            }

            return builder.ToImmutable();
        }
    }
}
