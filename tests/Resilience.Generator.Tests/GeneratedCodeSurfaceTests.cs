using System.ComponentModel;
using System.Reflection;
using Microsoft.CodeAnalysis;
using Resilience.Generator.Tests.Proxies;

namespace Resilience.Generator.Tests;

/// <summary>
/// The runtime types the emitted code uses. Each one is either there for generated code only — then it is public (generated
/// code lives in the user's assembly) and hidden from IntelliSense with <c>[EditorBrowsable(Never)]</c> — or part of the
/// surface users write against too. A runtime type an emitter starts to use must be put in one of the two lists.
/// The attribute is read from the type itself (<c>inherit: false</c>), as IntelliSense reads it: LastKnownGoodPolicy derives
/// from the hidden ConfigurablePolicy&lt;TOptions&gt; and is not hidden.
/// </summary>
public class GeneratedCodeSurfaceTests
{
    /// <summary>Used by generated code only (metadata names).</summary>
    private static readonly string[] s_generatedCodeOnly =
    {
        "Resilience.ConfigurablePolicy`1",
        "Resilience.RetryPolicy",
        "Resilience.RetryState",
        "Resilience.CircuitBreakerPolicy",
        "Resilience.CircuitBreakerPermit",
        "Resilience.CircuitBreakerRejection",
        "Resilience.TimeoutPolicy",
        "Resilience.TimeoutLease",
        "Resilience.BulkheadPolicy",
        "Resilience.BulkheadLease",
        "Resilience.FallbackPolicy",
        "Resilience.IdempotencyPolicy",
        "Resilience.IdempotencyClaim",
        "Resilience.IdempotencyClaim`1",
        "Resilience.ArgumentFingerprint",
        "Resilience.CheckpointPolicy",
        "Resilience.CheckpointStep",
        "Resilience.CheckpointStep`1",
        "Resilience.CallerCancellation",
        "Resilience.ExceptionTypeFilter",
        "Resilience.ResilientProxyFactory`2",
        "Resilience.LastKnownGoodValue`1",
    };

    /// <summary>Used by generated code and written against by users (options, exceptions, callbacks' arguments, helpers).
    /// Some are emitted only for shapes the cases do not cover (RetryAttempt for a void method's callback, the breaker's
    /// exception and event arguments); the attributes' enums (Backoff, Jitter…) are in Resilience.Attributes, not listed.</summary>
    private static readonly string[] s_alsoForUsers =
    {
        "Resilience.RetryOptions",
        "Resilience.CircuitBreakerOptions",
        "Resilience.TimeoutOptions",
        "Resilience.BulkheadOptions",
        "Resilience.FallbackOptions",
        "Resilience.IdempotencyOptions",
        "Resilience.CheckpointOptions",
        "Resilience.RetryAttempt",
        "Resilience.RetryAttempt`1",
        "Resilience.CircuitBreakerStateChangedEventArgs",
        "Resilience.FallbackExhaustedException",
        "Resilience.CircuitBreakerOpenException",
        "Resilience.IResilientProxy`1",
        "Resilience.HandledResultException",
        "Resilience.ResilienceTimeoutException",
        "Resilience.ResilienceException",
        "Resilience.IHasResilienceStore",
        "Resilience.IDurableStore",
        "Resilience.HttpResponseClassifier",
        "Resilience.RetryAfterHeader",
        "Resilience.LastKnownGoodPolicy", // users flush its write-behind queue: LastKnownGoodPolicy.FlushAsync()
        "Resilience.LastKnownGoodOptions",
        "Resilience.DegradationLevel",
        "Resilience.ResilienceChaos", // users enable it from tests: ResilienceChaos.Enable
    };

    private static readonly Assembly s_runtime = typeof(RetryPolicy).Assembly;

    [Fact]
    public void Every_runtime_type_the_emitted_code_uses_is_classified()
    {
        SortedSet<string> used = RuntimeTypesUsedByGeneratedCode();

        string[] unclassified = used.Where(t => !s_generatedCodeOnly.Contains(t) && !s_alsoForUsers.Contains(t)).ToArray();
        Assert.True(unclassified.Length == 0, "Runtime types the emitted code uses, in neither list of " + nameof(GeneratedCodeSurfaceTests) + ": " + string.Join(", ", unclassified));
        string[] unused = s_generatedCodeOnly.Where(t => !used.Contains(t)).ToArray();
        Assert.True(unused.Length == 0, "Listed as used by generated code only, but no case emits them: " + string.Join(", ", unused));
    }

    [Fact]
    public void Types_only_generated_code_uses_are_public_and_hidden_from_IntelliSense()
    {
        var problems = new List<string>();
        foreach (string name in s_generatedCodeOnly)
        {
            Type? type = s_runtime.GetType(name);
            if (type is null)
            {
                problems.Add(name + ": not in " + s_runtime.GetName().Name);
                continue;
            }

            if (!type.IsPublic)
            {
                problems.Add(name + ": not public (generated code is compiled into the user's assembly)");
            }

            if (type.GetCustomAttribute<EditorBrowsableAttribute>(inherit: false)?.State != EditorBrowsableState.Never)
            {
                problems.Add(name + ": missing [EditorBrowsable(EditorBrowsableState.Never)]");
            }
        }

        Assert.True(problems.Count == 0, string.Join(Environment.NewLine, problems));
    }

    [Fact]
    public void Types_users_write_against_are_not_hidden()
    {
        foreach (string name in s_alsoForUsers)
        {
            Type? type = s_runtime.GetType(name);
            Assert.True(type is not null, name);
            Assert.True(type!.IsPublic, name);
            Assert.NotEqual(EditorBrowsableState.Never, type.GetCustomAttribute<EditorBrowsableAttribute>(inherit: false)?.State ?? EditorBrowsableState.Always);
        }
    }

    /// <summary>Every type of Resilience.Runtime named, called, constructed or returned in the code emitted for the valid cases.</summary>
    private static SortedSet<string> RuntimeTypesUsedByGeneratedCode()
    {
        var used = new SortedSet<string>(StringComparer.Ordinal);
        foreach (string source in ShapeCases.Valid.Values.Concat(ProxyCases.Valid.Values))
        {
            GeneratorHarness.Result result = GeneratorHarness.Run(source);
            var generated = result.Output.SyntaxTrees.Where(t => !t.FilePath.StartsWith("Source", StringComparison.Ordinal)).ToList();
            Assert.NotEmpty(generated);
            foreach (SyntaxTree tree in generated)
            {
                SemanticModel model = result.Output.GetSemanticModel(tree);
                foreach (SyntaxNode node in tree.GetRoot().DescendantNodes())
                {
                    Add(used, model.GetSymbolInfo(node).Symbol);
                    Add(used, model.GetTypeInfo(node).Type);
                }
            }
        }

        return used;
    }

    private static void Add(SortedSet<string> used, ISymbol? symbol)
    {
        switch (symbol)
        {
            case null:
                return;
            case INamedTypeSymbol type:
                if (type.ContainingAssembly?.Name == s_runtime.GetName().Name)
                {
                    used.Add(MetadataName(type.OriginalDefinition));
                }

                foreach (ITypeSymbol argument in type.TypeArguments)
                {
                    Add(used, argument);
                }

                return;
            case IMethodSymbol method:
                Add(used, method.ContainingType);
                Add(used, method.ReturnType);
                return;
            case IPropertySymbol or IFieldSymbol or IEventSymbol:
                Add(used, symbol.ContainingType);
                return;
        }
    }

    private static string MetadataName(INamedTypeSymbol type) =>
        type.ContainingType is { } outer
            ? MetadataName(outer) + "+" + type.MetadataName
            : type.ContainingNamespace.ToDisplayString() + "." + type.MetadataName;
}
