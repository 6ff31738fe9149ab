using System.Runtime.CompilerServices;
using Microsoft.CodeAnalysis.CodeFixes;

namespace Resilience.Analyzers.CodeFixes.Tests;

/// <summary>The docs say "Code fix: yes" exactly for the IDs a provider fixes, and every provider is exported.</summary>
public class CodeFixCatalogTests
{
    private static readonly CodeFixProvider[] Providers =
    {
        new MakePartialCodeFixProvider(),
        new GenerateCoreCodeFixProvider(),
        new AddCancellationTokenCodeFixProvider(),
        new HazardCodeFixProvider(),
        new AttributeCodeFixProvider(),
        new InsertOnConflictCodeFixProvider(),
        new HoistIdempotencyKeyCodeFixProvider(),
        new OutcomeCodeFixProvider(),
    };

    [Fact]
    public void EveryProviderInTheAssembly_IsExported_AndListedHere()
    {
        var types = typeof(MakePartialCodeFixProvider).Assembly.GetTypes()
            .Where(t => typeof(CodeFixProvider).IsAssignableFrom(t) && !t.IsAbstract)
            .ToList();
        Assert.Equal(types.OrderBy(t => t.Name), Providers.Select(p => p.GetType()).OrderBy(t => t.Name));
        Assert.All(types, t => Assert.NotNull(t.GetCustomAttributes(typeof(ExportCodeFixProviderAttribute), false).SingleOrDefault()));
    }

    [Fact]
    public void DocsMarkExactlyTheFixableIds()
    {
        var fixable = Providers.SelectMany(p => p.FixableDiagnosticIds).ToHashSet();
        var docs = Path.Combine(Root(), "docs", "diagnostics");
        foreach (var page in Directory.EnumerateFiles(docs, "RES*.md"))
        {
            var id = Path.GetFileNameWithoutExtension(page);
            var text = File.ReadAllText(page);
            Assert.True(
                text.Contains("| Code fix | yes |", StringComparison.Ordinal) == fixable.Contains(id),
                $"{id}: docs and code fix providers disagree");
        }

        Assert.Equal(
            new[] { "RES0001", "RES0002", "RES0003", "RES0005", "RES0010", "RES0014", "RES0016", "RES0034", "RES0035", "RES0036", "RES1001", "RES1002", "RES1003", "RES1004", "RES1005", "RES1006", "RES1007", "RES1008", "RES1009", "RES1010", "RES1011", "RES1012" },
            fixable.OrderBy(id => id, StringComparer.Ordinal));
    }

    private static string Root([CallerFilePath] string thisFile = "")
    {
        var directory = Path.GetDirectoryName(thisFile);
        while (directory is not null && !File.Exists(Path.Combine(directory, "Resilience.Generators.sln")))
        {
            directory = Path.GetDirectoryName(directory);
        }

        return directory!;
    }
}
