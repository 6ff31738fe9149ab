using System.Collections.Generic;
using Microsoft.CodeAnalysis;
using Resilience.Generators.Model;

namespace Resilience.Generators
{
    /// <summary>
    /// The configuration read from one attribute: the options initializer in source order, and the values a policy's parser
    /// needs beyond it (numbers for cross-checks, exception types for the filter, strings).
    /// </summary>
    internal sealed class ArgumentValues
    {
        private readonly Dictionary<string, int> _ints = new();
        private readonly Dictionary<string, ExceptionTypes> _types = new();
        private readonly Dictionary<string, string> _strings = new();
        private readonly Dictionary<string, object> _read = new();

        public ArgumentValues(string attributeName, IMethodSymbol method, StubReasons stub)
        {
            AttributeName = attributeName;
            Method = method;
            Stub = stub;
        }

        /// <summary>The attribute's short name (<c>Retry</c>), used in stub reasons.</summary>
        public string AttributeName { get; }

        public IMethodSymbol Method { get; }

        public StubReasons Stub { get; }

        public List<OptionSpec> Options { get; } = new();

        public void AddOption(string property, string value) => Options.Add(new OptionSpec(property, value));

        public void SetInt(string property, int value) => _ints[property] = value;

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
