using System.Runtime.CompilerServices;
using Microsoft.CodeAnalysis;
using Resilience.Analyzers.Tests.Infrastructure;

namespace Resilience.Analyzers.Tests;

/// <summary>Every descriptor: stable metadata, a docs page, a release-tracking line, and at least one positive test.</summary>
public class DescriptorTests
{
    private static readonly string RepositoryRoot = FindRoot();

    public static TheoryData<string> Ids()
    {
        var data = new TheoryData<string>();
        foreach (var id in AllDescriptors().Select(d => d.Id).Distinct())
        {
            data.Add(id);
        }

        return data;
    }

    [Fact]
    public void Ids_AreUnique_AndFollowTheNumbering()
    {
        // A hazard rule has two descriptors (in a root's own Core: live; elsewhere: compilation end) that differ only in that tag.
        foreach (var group in AllDescriptors().GroupBy(d => d.Id))
        {
            var first = group.First();
            Assert.All(group, d =>
            {
                Assert.Equal(first.Title, d.Title);
                Assert.Equal(first.MessageFormat, d.MessageFormat);
                Assert.Equal(first.Category, d.Category);
                Assert.Equal(first.DefaultSeverity, d.DefaultSeverity);
                Assert.Equal(first.HelpLinkUri, d.HelpLinkUri);
            });
            Assert.True(group.Count() == 1 || group.Key.StartsWith("RES1", StringComparison.Ordinal));
        }

        Assert.Equal(58, AllDescriptors().Select(d => d.Id).Distinct().Count());
        Assert.All(AllDescriptors(), d =>
        {
            var expected = d.Id.StartsWith("RES0", StringComparison.Ordinal) ? "Resilience.Usage" : "Resilience.Idempotency";
            Assert.Equal(expected, d.Category);
        });
        // RES1012 is a name-and-signature guess: Info, so users opt in to more in .editorconfig.
        Assert.All(AllDescriptors().Where(d => d.Id.StartsWith("RES1", StringComparison.Ordinal)), d => Assert.Equal(d.Id == "RES1012" ? DiagnosticSeverity.Info : DiagnosticSeverity.Warning, d.DefaultSeverity));
    }

    [Theory]
    [MemberData(nameof(Ids))]
    public void EachId_HasHelpLinkDocsPageAndReleaseEntry(string id)
    {
        var descriptor = AllDescriptors().First(d => d.Id == id);
        // Built from ResilienceRepositoryUrl in Directory.Build.props: empty until the project has a public home.
        Assert.True(descriptor.HelpLinkUri.Length == 0 || descriptor.HelpLinkUri.EndsWith($"/blob/main/docs/diagnostics/{id}.md", StringComparison.Ordinal), descriptor.HelpLinkUri);

        var page = Path.Combine(RepositoryRoot, "docs", "diagnostics", id + ".md");
        Assert.True(File.Exists(page), $"missing {page}");
        var text = File.ReadAllText(page);
        Assert.StartsWith($"# {id}: {descriptor.Title}\n", text.Replace("\r\n", "\n"));
        foreach (var section in new[] { "## What", "## Why", "## How to fix", "## Example" })
        {
            Assert.Contains(section, text);
        }

        Assert.Contains($"[{id}]({id}.md)", File.ReadAllText(Path.Combine(RepositoryRoot, "docs", "diagnostics", "README.md")));

        // Usage rules are the generator's, hazards the analyzers'.
        var project = id.StartsWith("RES0", StringComparison.Ordinal) ? "Resilience.Generator" : "Resilience.Analyzers";
        var release = File.ReadAllLines(Path.Combine(RepositoryRoot, "src", project, "AnalyzerReleases.Unshipped.md"));
        Assert.Contains(release, line => line.StartsWith($"{id} | {descriptor.Category} | {descriptor.DefaultSeverity} |", StringComparison.Ordinal));
    }

    [Theory]
    [MemberData(nameof(Ids))]
    public void EachId_HasAPositiveTestWithAnExactSpan(string id)
    {
        var tests = Directory.EnumerateFiles(Path.Combine(RepositoryRoot, "tests", "Resilience.Analyzers.Tests"), "*Tests.cs", SearchOption.AllDirectories)
            .Select(File.ReadAllText);
        Assert.Contains(tests, t => t.Contains("{|" + id + ":", StringComparison.Ordinal));
    }

    [Fact]
    public void Messages_NameTheOffendingSymbol()
    {
        Assert.All(AllDescriptors(), d => Assert.Contains("'{0}'", d.MessageFormat.ToString()));
    }

    private static IEnumerable<DiagnosticDescriptor> AllDescriptors() =>
        AnalyzerHarness.Analyzers().SelectMany(a => a.SupportedDiagnostics)
            .Concat(Resilience.Generators.UsageDescriptors.All)
            .OrderBy(d => d.Id, StringComparer.Ordinal);

    private static string FindRoot([CallerFilePath] string thisFile = "")
    {
        var directory = Path.GetDirectoryName(thisFile);
        while (directory is not null && !File.Exists(Path.Combine(directory, "Resilience.Generators.sln")))
        {
            directory = Path.GetDirectoryName(directory);
        }

        return directory ?? throw new InvalidOperationException("repository root not found");
    }
}
