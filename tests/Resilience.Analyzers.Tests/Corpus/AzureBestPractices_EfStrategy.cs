// Source: github.com/jagojar/azure-best-practices-cloud-apps — entity-framework-core.md
// Original: using (var db = new BloggingContext()) { var strategy = db.Database.CreateExecutionStrategy();
//           strategy.Execute(() => { using (var transaction = db.Database.BeginTransaction()) { db.Blogs.Add(...); db.SaveChanges(); db.Blogs.Add(...); db.SaveChanges(); transaction.Commit(); } }); }
// The context is created outside the delegate, so a retry adds the blogs to the same change tracker again.
using Microsoft.EntityFrameworkCore;

public sealed class BestPracticesBlog { public string? Url { get; set; } }
public sealed class BestPracticesContext : DbContext { public DbSet<BestPracticesBlog> Blogs { get; } = new(); }

public partial class BlogWriter
{
    private readonly BestPracticesContext _db = new BestPracticesContext();

    [Retry]
    public partial void AddBlogs();
    private void AddBlogsCore()
    {
        using (var transaction = _db.Database.BeginTransaction())
        {
            {|RES1007:_db.Blogs.Add(new BestPracticesBlog { Url = "https://blogs.msdn.com/dotnet" })|};
            _db.SaveChanges();

            {|RES1007:_db.Blogs.Add(new BestPracticesBlog { Url = "https://blogs.msdn.com/visualstudio" })|};
            _db.SaveChanges();

            transaction.Commit();
        }
    }
}
