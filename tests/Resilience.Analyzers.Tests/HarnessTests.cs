using Microsoft.CodeAnalysis.Text;
using Resilience.Analyzers.Tests.Infrastructure;

namespace Resilience.Analyzers.Tests;

/// <summary>The harness itself: markup parsing, and a failing verification when spans are wrong.</summary>
public class HarnessTests
{
    [Fact]
    public void Markup_ParsesNamedDefaultAndNestedSpans()
    {
        var (source, expected) = Markup.Parse("a{|RES0001:b[|c|]|}d", "RES1001");
        Assert.Equal("abcd", source);
        Assert.Contains(new ExpectedDiagnostic("RES1001", new TextSpan(2, 1)), expected);
        Assert.Contains(new ExpectedDiagnostic("RES0001", new TextSpan(1, 2)), expected);
    }

    [Fact]
    public async Task Verify_FailsWhenAnExpectedDiagnosticIsMissing()
    {
        await Assert.ThrowsAnyAsync<Exception>(() => AnalyzerHarness.VerifyAsync("""
            public partial class Agent
            {
                [Retry]
                public partial int {|RES0003:Run|}();
                private int RunCore() => 1;
            }
            """));
    }

    [Fact]
    public async Task Verify_FailsWhenADiagnosticIsNotMarked()
    {
        await Assert.ThrowsAnyAsync<Exception>(() => AnalyzerHarness.VerifyAsync("""
            public partial class Agent
            {
                private int _n;
                [Retry]
                public partial int Run();
                private int RunCore() => _n++;
            }
            """));
    }
}
