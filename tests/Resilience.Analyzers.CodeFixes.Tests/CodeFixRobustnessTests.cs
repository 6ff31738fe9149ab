using System.Runtime.CompilerServices;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Resilience.Analyzers.Tests.Infrastructure;

namespace Resilience.Analyzers.CodeFixes.Tests;

/// <summary>Code fixes must not throw on half-typed code: every fix offered for every RES diagnostic of cut sources is computed.</summary>
public class CodeFixRobustnessTests
{
    private static readonly CodeFixProvider[] Providers =
    {
        new MakePartialCodeFixProvider(),
        new GenerateCoreCodeFixProvider(),
        new AddCancellationTokenCodeFixProvider(),
        new HazardCodeFixProvider(),
        new AttributeCodeFixProvider(),
    };

    [Fact]
    public async Task NoCodeFixThrows_OnTruncatedTestSources()
    {
        var sources = Sources();
        Assert.True(sources.Count >= 15, $"found {sources.Count} sources");
        var fixesComputed = 0;
        foreach (var source in sources)
        {
            const int Cuts = 6;
            for (var i = 1; i <= Cuts + 1; i++)
            {
                var text = i == Cuts + 1 ? source : source[..(source.Length * i / (Cuts + 1))];
                fixesComputed += await ApplyAllFixesAsync(text);
            }
        }

        // The untruncated sources alone offer dozens of fixes; make sure the loop did real work.
        Assert.True(fixesComputed > 30, $"only {fixesComputed} fixes were computed");
    }

    private static async Task<int> ApplyAllFixesAsync(string text)
    {
        using var workspace = new AdhocWorkspace();
        var document = workspace.CurrentSolution
            .AddProject("TestProject", "TestProject", LanguageNames.CSharp)
            .WithCompilationOptions(AnalyzerHarness.CompilationOptions)
            .WithParseOptions(AnalyzerHarness.ParseOptions)
            .WithMetadataReferences(AnalyzerHarness.References)
            .AddDocument("Test.cs", text, filePath: "Test.cs");
        var diagnostics = await Infrastructure.CodeFixHarness.DiagnosticsAsync((await document.Project.GetCompilationAsync())!);

        var computed = 0;
        foreach (var diagnostic in diagnostics.Where(d => d.Id.StartsWith("RES", StringComparison.Ordinal)))
        {
            foreach (var provider in Providers.Where(p => p.FixableDiagnosticIds.Contains(diagnostic.Id)))
            {
                var actions = new List<CodeAction>();
                await provider.RegisterCodeFixesAsync(new CodeFixContext(document, diagnostic, (a, _) => actions.Add(a), CancellationToken.None));
                foreach (var action in actions)
                {
                    var operations = await action.GetOperationsAsync(CancellationToken.None);
                    Assert.NotEmpty(operations);
                    computed++;
                }
            }
        }

        return computed;
    }

    private static List<string> Sources([CallerFilePath] string thisFile = "")
    {
        var result = new List<string>();
        var root = CSharpSyntaxTree.ParseText(File.ReadAllText(Path.Combine(Path.GetDirectoryName(thisFile)!, "CodeFixTests.cs"))).GetRoot();
        foreach (var token in root.DescendantTokens())
        {
            if (token.IsKind(SyntaxKind.MultiLineRawStringLiteralToken) && token.ValueText.Contains("partial", StringComparison.Ordinal))
            {
                result.Add(AnalyzerHarness.Prelude + token.ValueText);
            }
        }

        return result;
    }
}
