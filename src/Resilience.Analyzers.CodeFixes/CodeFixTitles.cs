namespace Resilience.Analyzers.CodeFixes
{
    /// <summary>Titles shown for the code fixes (the fixes arrive with the analyzers).</summary>
    internal static class CodeFixTitles
    {
        public const string MakePartial = "Make partial";
    }
}
