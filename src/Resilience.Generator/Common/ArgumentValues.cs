using System.Collections.Generic;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Resilience.Generators.Model;

namespace Resilience.Generators
{
    /// <summary>
    /// The configuration read from one attribute: the options initializer in source order, and the values a policy's parser
    /// needs beyond it (numbers for cross-checks, exception types for the filter, strings); plus where each argument is
    /// written, so that a usage diagnostic points at it.
    /// </summary>
    internal sealed class ArgumentValues
    {
        private readonly Dictionary<string, int> _ints = new();
        private readonly Dictionary<string, ExceptionTypes> _types = new();
        private readonly Dictionary<string, string> _strings = new();
        private readonly Dictionary<string, object> _read = new();

        public ArgumentValues(AttributeData attribute, string attributeName, IMethodSymbol method, UsageReport report, CancellationToken cancellationToken)
        {
            Attribute = attribute;
            AttributeName = attributeName;
            Method = method;
            Report = report;
            Syntax = attribute.ApplicationSyntaxReference?.GetSyntax(cancellationToken) as AttributeSyntax;
        }

        public AttributeData Attribute { get; }

        /// <summary>The attribute's short name (<c>Retry</c>), used in messages.</summary>
        public string AttributeName { get; }

        public IMethodSymbol Method { get; }

        public UsageReport Report { get; }

        public AttributeSyntax? Syntax { get; }

        public List<OptionSpec> Options { get; } = new();

        /// <summary>The attribute as written, or the method when the attribute has no syntax.</summary>
        public Location Location => Syntax?.GetLocation() ?? Method.Locations.FirstOrDefault() ?? Location.None;

        /// <summary>The named argument <c>Property = value</c> as written, or the attribute.</summary>
        public Location NamedLocation(string property) => NamedArgument(property)?.GetLocation() ?? Location;

        public AttributeArgumentSyntax? NamedArgument(string property) =>
            Syntax?.ArgumentList?.Arguments.FirstOrDefault(a => a.NameEquals?.Name.Identifier.ValueText == property);

        /// <summary>The first positional argument as written, or the attribute.</summary>
        public Location ConstructorLocation => Syntax?.ArgumentList is { Arguments.Count: > 0 } list ? list.Arguments[0].GetLocation() : Location;

        public void AddOption(string property, string value) => Options.Add(new OptionSpec(property, value));

        public void SetInt(string property, int value) => _ints[property] = value;

        public bool HasInt(string property) => _ints.ContainsKey(property);

        public void SetTypes(string property, ExceptionTypes types) => _types[property] = types;

        public void SetString(string property, string value) => _strings[property] = value;

        /// <summary>Keeps what an <see cref="ArgumentRule.Read"/> rule made of its argument.</summary>
        public void SetValue(string property, object value) => _read[property] = value;

        public T? Value<T>(string property)
            where T : class => _read.TryGetValue(property, out object? value) ? value as T : null;

        public int Int(string property, int defaultValue) => _ints.TryGetValue(property, out int value) ? value : defaultValue;

        public ExceptionTypes Types(string property) => _types.TryGetValue(property, out ExceptionTypes types) ? types : default;

        public string? String(string property) => _strings.TryGetValue(property, out string? value) ? value : null;

        /// <summary>The options with an <c>Exceptions</c> filter built from the include/exclude lists, if any was given.</summary>
        public ImmutableEquatableArray<OptionSpec> OptionsWithFilter(string include, string exclude)
        {
            string? filter = ExceptionTypes.Filter(Types(include), Types(exclude));
            if (filter is not null)
            {
                Options.Add(new OptionSpec("Exceptions", filter));
            }

            return Options.ToImmutableEquatableArray();
        }
    }
}
