using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Resilience.Analyzers.Tests.Infrastructure;

namespace Resilience.Analyzers.CodeFixes.Tests.Infrastructure;

/// <summary>
/// Applies a code fix in an <see cref="AdhocWorkspace"/> and checks the result: it compiles (apart from the partial
/// method implementation parts the generator would write), the fixed diagnostic is gone, and no new RES diagnostic appears.
/// </summary>
public static class CodeFixHarness
{
    /// <summary>Returns the text of every document after the fix (document 0 first).</summary>
    public static async Task<string[]> ApplyAsync(CodeFixProvider provider, string diagnosticId, string? titleContains, params string[] sources)
    {
        using var workspace = new AdhocWorkspace();
        var projectId = ProjectId.CreateNewId();
        var solution = workspace.CurrentSolution.AddProject(ProjectInfo.Create(
            projectId,
            VersionStamp.Create(),
            "TestProject",
            "TestProject",
            LanguageNames.CSharp,
            compilationOptions: AnalyzerHarness.CompilationOptions,
            parseOptions: AnalyzerHarness.ParseOptions,
            metadataReferences: AnalyzerHarness.References));
        var documentIds = new List<DocumentId>();
        for (var i = 0; i < sources.Length; i++)
        {
            var id = DocumentId.CreateNewId(projectId);
            documentIds.Add(id);
            solution = solution.AddDocument(id, $"Test{i}.cs", AnalyzerHarness.Prelude + sources[i], filePath: $"Test{i}.cs");
        }

        var before = await AnalyzeAsync(solution.GetProject(projectId)!);
        var diagnostic = before.Where(d => d.Id == diagnosticId).OrderBy(d => d.Location.SourceSpan.Start).FirstOrDefault();
        Assert.True(diagnostic is not null, $"{diagnosticId} is not reported before the fix");
        Assert.Contains(diagnosticId, provider.FixableDiagnosticIds);

        var document = solution.GetDocument(diagnostic!.Location.SourceTree)!;
        var actions = new List<CodeAction>();
        var context = new CodeFixContext(document, diagnostic, (action, _) => actions.Add(action), CancellationToken.None);
        await provider.RegisterCodeFixesAsync(context);
        var chosen = actions.Where(a => titleContains is null || a.Title.Contains(titleContains, StringComparison.Ordinal)).ToList();
        Assert.True(chosen.Count == 1, $"expected one code fix matching '{titleContains}', found: {string.Join(", ", actions.Select(a => a.Title))}");

        var operations = await chosen[0].GetOperationsAsync(CancellationToken.None);
        var fixedSolution = operations.OfType<ApplyChangesOperation>().Single().ChangedSolution;
        var fixedProject = fixedSolution.GetProject(projectId)!;

        var texts = new List<string>();
        foreach (var id in documentIds)
        {
            texts.Add((await fixedSolution.GetDocument(id)!.GetTextAsync()).ToString());
        }

        var compilation = (await fixedProject.GetCompilationAsync())!;
        var errors = compilation.GetDiagnostics()
            .Where(d => d.Severity == DiagnosticSeverity.Error && !AnalyzerHarness.GeneratorSuppliedErrors.Contains(d.Id))
            .ToList();
        Assert.True(errors.Count == 0, "The fixed code does not compile:\n" + string.Join("\n", errors) + "\n---\n" + string.Join("\n---\n", texts));

        var after = await AnalyzeAsync(fixedProject);
        Assert.True(
            after.Count(d => d.Id == diagnosticId) < before.Count(d => d.Id == diagnosticId),
            $"{diagnosticId} is still reported after the fix:\n" + string.Join("\n", after) + "\n---\n" + string.Join("\n---\n", texts));
        var newIds = after.Select(d => d.Id).Except(before.Select(d => d.Id)).ToList();
        Assert.True(newIds.Count == 0, "The fix introduced new diagnostics: " + string.Join(", ", newIds) + "\n---\n" + string.Join("\n---\n", texts));

        return texts.ToArray();
    }

    /// <summary>The titles of the fixes the provider offers for the first <paramref name="diagnosticId"/> in the sources.</summary>
    public static async Task<List<string>> GetTitlesAsync(CodeFixProvider provider, string diagnosticId, params string[] sources)
    {
        using var workspace = new AdhocWorkspace();
        var project = workspace.CurrentSolution
            .AddProject("TestProject", "TestProject", LanguageNames.CSharp)
            .WithCompilationOptions(AnalyzerHarness.CompilationOptions)
            .WithParseOptions(AnalyzerHarness.ParseOptions)
            .WithMetadataReferences(AnalyzerHarness.References);
        for (var i = 0; i < sources.Length; i++)
        {
            project = project.AddDocument($"Test{i}.cs", AnalyzerHarness.Prelude + sources[i], filePath: $"Test{i}.cs").Project;
        }

        var diagnostic = (await AnalyzeAsync(project)).Where(d => d.Id == diagnosticId).OrderBy(d => d.Location.SourceSpan.Start).First();
        var titles = new List<string>();
        var context = new CodeFixContext(
            project.Solution.GetDocument(diagnostic.Location.SourceTree)!, diagnostic, (action, _) => titles.Add(action.Title), CancellationToken.None);
        await provider.RegisterCodeFixesAsync(context);
        return titles;
    }

    private static async Task<ImmutableArray<Diagnostic>> AnalyzeAsync(Project project) =>
        await DiagnosticsAsync((await project.GetCompilationAsync())!);

    /// <summary>Every RES diagnostic of the compilation: the generator's usage rules and the analyzers' hazards.</summary>
    public static async Task<ImmutableArray<Diagnostic>> DiagnosticsAsync(Compilation compilation)
    {
        var (diagnostics, exceptions) = await AnalyzerHarness.RunAsync(compilation);
        Assert.Empty(exceptions);
        GeneratorDriver driver = Microsoft.CodeAnalysis.CSharp.CSharpGeneratorDriver.Create(
            new[] { new Resilience.Generators.ResilienceGenerator().AsSourceGenerator() }, parseOptions: AnalyzerHarness.ParseOptions);
        driver = driver.RunGeneratorsAndUpdateCompilation(compilation, out _, out var usage);
        Assert.All(driver.GetRunResult().Results, r => Assert.Null(r.Exception));
        return diagnostics.Concat(usage).Where(d => d.Id.StartsWith("RES", StringComparison.Ordinal)).ToImmutableArray();
    }

    /// <summary>Collapses runs of whitespace so assertions do not depend on the formatter's choices of indentation.</summary>
    public static string Squash(string text) => System.Text.RegularExpressions.Regex.Replace(text, @"\s+", " ");
}
