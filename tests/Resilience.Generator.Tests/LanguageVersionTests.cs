using Microsoft.CodeAnalysis.CSharp;

namespace Resilience.Generator.Tests;

/// <summary>The contract promises emitted code that compiles warning-free under C# 9 and newer.</summary>
public class LanguageVersionTests
{
    public static TheoryData<string> CSharp9Cases => new(ShapeCases.Valid.Keys.Where(k => k is not ("Struct_Record_RecordStruct" or "Adversarial_ScopedKeywordsConstraintsNullableKey"))); // record structs are C# 10, scoped C# 11

    [Theory]
    [MemberData(nameof(CSharp9Cases))]
    public void Emitted_code_compiles_warning_free_under_CSharp9(string name)
    {
        string source = ShapeCases.Valid[name];
        if (source.Contains("namespace Demo;"))
        {
            source = source.Replace("namespace Demo;", "namespace Demo {") + "\n}\n";
        }

        GeneratorHarness.Result result = GeneratorHarness.Run(source, LanguageVersion.CSharp9);

        Assert.NotEmpty(result.Sources);
        Assert.True(!result.Problems.Any(), GeneratorHarness.Format(result.Problems));
    }
}
