using System.Linq;
using System.Reflection;

namespace Resilience.Shared
{
    /// <summary>
    /// Help links of the RES diagnostics, built from the repository URL in Directory.Build.props
    /// (<c>ResilienceRepositoryUrl</c>, stamped into the assembly as metadata). Empty until the project has a public home:
    /// a link to a page that does not exist is worse than none.
    /// </summary>
    internal static class HelpLinks
    {
        private static readonly string s_repository =
            typeof(HelpLinks).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
                .FirstOrDefault(a => a.Key == "ResilienceRepositoryUrl")?.Value?.TrimEnd('/') ?? string.Empty;

        /// <summary>The repository URL the links are built from (empty when none is configured).</summary>
        public static string Repository => s_repository;

        /// <summary><c>{repository}/blob/main/docs/diagnostics/{id}.md</c>, or empty when no repository URL is configured.</summary>
        public static string For(string id) => s_repository.Length == 0 ? string.Empty : s_repository + "/blob/main/docs/diagnostics/" + id + ".md";
    }
}
