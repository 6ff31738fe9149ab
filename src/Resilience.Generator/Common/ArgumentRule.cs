using System;
using Microsoft.CodeAnalysis;

namespace Resilience.Generators
{
    /// <summary>How one named argument of an attribute is read: its kind, the range it must lie in, and whether it becomes a
    /// property of the policy's options initializer. Each policy lists its rules once (in its <c>{Policy}Usage.cs</c>); <see cref="AttributeArguments"/> applies them.</summary>
    internal sealed class ArgumentRule
    {
        private ArgumentRule(string property, ArgumentKind kind, Func<double, bool>? isValid, string? requirement, Action<TypedConstant, ArgumentValues>? custom)
        {
            Property = property;
            Kind = kind;
            IsValid = isValid;
            Requirement = requirement;
            Custom = custom;
        }

        public string Property { get; }

        public ArgumentKind Kind { get; }

        /// <summary>The range check of a numeric option; <see langword="null"/> when every value is valid.</summary>
        public Func<double, bool>? IsValid { get; }

        /// <summary>What RES0007 says when <see cref="IsValid"/> fails: "it must be 0 or more".</summary>
        public string? Requirement { get; }

        /// <summary>Reads an argument that is neither a plain option nor an exception-type list.</summary>
        public Action<TypedConstant, ArgumentValues>? Custom { get; }

        /// <summary>An <see langword="int"/> option (missing or mistyped values read as 0, as the compiler already reports them).</summary>
        public static ArgumentRule Int(string property, Func<double, bool> isValid, string requirement) =>
            new(property, ArgumentKind.Int, isValid, requirement, null);

        /// <summary>A <see langword="double"/> option (mistyped values read as NaN, which no range accepts).</summary>
        public static ArgumentRule Double(string property, Func<double, bool> isValid, string requirement) =>
            new(property, ArgumentKind.Double, isValid, requirement, null);

        /// <summary>An enum option, rendered as the fully qualified member.</summary>
        public static ArgumentRule Enum(string property) => new(property, ArgumentKind.Enum, null, null, null);

        /// <summary>A <c>Type[]</c> of exception types, kept for the policy's exception filter.</summary>
        public static ArgumentRule ExceptionTypes(string property) => new(property, ArgumentKind.ExceptionTypes, null, null, null);

        /// <summary>A non-empty string kept for the parser (a policy name override, for instance).</summary>
        public static ArgumentRule String(string property) => new(property, ArgumentKind.String, null, null, null);

        /// <summary>An argument the policy reads itself, in source order with the others.</summary>
        public static ArgumentRule Read(string property, Action<TypedConstant, ArgumentValues> read) =>
            new(property, ArgumentKind.Custom, null, null, read);
    }

    internal enum ArgumentKind
    {
        Int,
        Double,
        Enum,
        ExceptionTypes,
        String,
        Custom,
    }
}
