using Resilience.Analyzers.Tests.Infrastructure;

namespace Resilience.Analyzers.Tests.Hazards;

/// <summary>RES1005: adding to collections that outlive the attempt.</summary>
public class SharedCollectionAddRuleTests
{
    [Fact]
    public async Task RES1005_AddingToSharedCollections()
    {
        await HazardVerifier.VerifyAsync(
            """
            using System.Collections.Concurrent;
            public sealed class Report { public List<string> Lines { get; } = new(); }
            public partial class Investigator
            {
                private readonly List<string> _findings = new();
                private readonly ConcurrentQueue<string> _queue = new();
                private readonly HashSet<string> _seen = new();
                private readonly ISet<string> _tags = new HashSet<string>();
                private readonly IList<string> _lines = new List<string>();
                public List<string> Notes { get; } = new();
                private static readonly System.Diagnostics.Metrics.Meter s_meter = new("Test");
                private readonly System.Diagnostics.Metrics.Counter<int> _attempts = s_meter.CreateCounter<int>("attempts");
                private System.Collections.Immutable.ImmutableList<string> _snapshot = System.Collections.Immutable.ImmutableList<string>.Empty;
                private System.Collections.Immutable.ImmutableHashSet<string> _names = System.Collections.Immutable.ImmutableHashSet<string>.Empty;

                [Retry]
                public partial void Investigate(string finding, Report report);
                private void InvestigateCore(string finding, Report report)
                {
                    {|#0:_findings.Add(finding)|};
                    {|RES1005:_queue.Enqueue(finding)|};
                    {|RES1005:Notes.Insert(0, finding)|};
                    {|RES1005:report.Lines.Add(finding)|};
                    _seen.Add(finding);
                    _tags.Add(finding);
                    _attempts.Add(1);
                    {|RES1005:_snapshot = _snapshot.Add(finding)|};
                    var snapshot = _snapshot.Add(finding);
                    _names = _names.Add(finding);
                    {|RES1005:_lines.Add(finding)|};
                    var local = new List<string>();
                    local.Add(finding);
                    var fresh = new Report();
                    fresh.Lines.Add(finding);
                    var copy = new List<string> { finding };
                }
            }
            """,
            HazardVerifier.Diagnostic("RES1005", 0).WithMessage("'InvestigateCore' adds to the collection in field '_findings' with 'Add', and it runs again on every retry of 'Investigate'"));
    }

    // Found by the corpus (AzureBestPractices_EfStrategy.cs): EF's DbSet<T> is an IQueryable<T>, so its Add looked like a
    // collection add as well as a catalogued change-tracker insert — two diagnostics for one call.
    [Fact]
    public async Task RES1005_CataloguedAddOnAnEnumerableReceiver_IsLeftToRes1007()
    {
        await HazardVerifier.VerifyAsync(
            new[]
            {
                """
                using Microsoft.EntityFrameworkCore;
                public sealed class Blog { }
                public sealed class BlogContext : DbContext { public DbSet<Blog> Blogs { get; } = new(); }
                public partial class BlogWriter
                {
                    private readonly BlogContext _db = new();
                    private readonly List<Blog> _written = new();

                    [Retry]
                    public partial void Write(Blog blog);
                    private void WriteCore(Blog blog)
                    {
                        {|RES1007:_db.Blogs.Add(blog)|};
                        {|RES1005:_written.Add(blog)|};
                    }
                }
                """,
                """
                namespace Microsoft.EntityFrameworkCore
                {
                    public class DbContext { }
                    public class DbSet<T> : System.Collections.Generic.IEnumerable<T> where T : class
                    {
                        public object Add(T entity) => entity;
                        public System.Collections.Generic.IEnumerator<T> GetEnumerator() => throw new System.NotSupportedException();
                        System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => GetEnumerator();
                    }
                }
                """,
            },
            System.Array.Empty<Microsoft.CodeAnalysis.Testing.DiagnosticResult>());
    }
}
