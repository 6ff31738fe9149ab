// Source: github.com/dotnet/EntityFramework.Docs — samples/core/Miscellaneous/ConnectionResiliency/Program.cs
// Original: strategy.Execute(() => { using var context = new BloggingContext(); using var transaction = context.Database.BeginTransaction();
//           context.Blogs.Add(...); context.SaveChanges(); ...; transaction.Commit(); }) and the ambient-transaction / ExecuteInTransaction variants.
// The contexts the attempts add to are created inside the attempt; the verified variants only save.
using Microsoft.EntityFrameworkCore;

public sealed class Blog { public int BlogId { get; set; } public string? Url { get; set; } }
public sealed class BloggingContext : DbContext { public DbSet<Blog> Blogs { get; } = new(); }

public partial class ConnectionResiliency
{
    private readonly BloggingContext _context1 = new BloggingContext();
    private readonly BloggingContext _db = new BloggingContext();

    [Retry]
    public partial void ExecuteWithManualTransaction();
    private void ExecuteWithManualTransactionCore()
    {
        using var context = new BloggingContext();
        using var transaction = context.Database.BeginTransaction();

        context.Blogs.Add(new Blog { Url = "http://blogs.msdn.com/dotnet" });
        context.SaveChanges();

        context.Blogs.Add(new Blog { Url = "http://blogs.msdn.com/visualstudio" });
        context.SaveChanges();

        transaction.Commit();
    }

    [Retry]
    public partial void ExecuteWithManualAmbientTransaction();
    private void ExecuteWithManualAmbientTransactionCore()
    {
        using var context2 = new BloggingContext();
        using var transaction = new System.Transactions.TransactionScope();

        context2.Blogs.Add(new Blog { Url = "http://blogs.msdn.com/dotnet" });
        context2.SaveChanges();

        _context1.SaveChanges();

        transaction.Complete();
    }

    [Retry]
    public partial int ExecuteInTransactionWithVerification();
    private int ExecuteInTransactionWithVerificationCore() => _db.SaveChanges(acceptAllChangesOnSuccess: false);
}
