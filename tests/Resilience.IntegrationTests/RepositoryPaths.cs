namespace Resilience.IntegrationTests;

internal static class RepositoryPaths
{
    /// <summary>The repository root: the directory that holds Resilience.Generators.sln.</summary>
    public static string Root { get; } = FindRoot();

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Resilience.Generators.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("Cannot find Resilience.Generators.sln above " + AppContext.BaseDirectory);
    }
}
