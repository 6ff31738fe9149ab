// Source: github.com/NotIlya4/ExecutionStrategy.Extensions — README.md ("Why Clear the Change Tracker" example)
// Original: strategy.ExecuteAsync(async (context) => { var user = new User(0, "asd"); context.Add(user);
//           var products = await context.Products.ToListAsync(); await context.SaveChangesAsync(); });
using Microsoft.EntityFrameworkCore;

public sealed record User(int Id, string Name);
public sealed class Product { }
public sealed class AppDbContext : DbContext { public DbSet<Product> Products { get; } = new(); }

public partial class UserWriter
{
    private readonly AppDbContext _context;
    public UserWriter(AppDbContext context) => _context = context;

    [Retry]
    public partial Task AddUserAsync();
    private async Task AddUserAsyncCore()
    {
        var user = new User(0, "asd");
        {|RES1007:_context.Add(user)|};
        var products = await _context.Products.ToListAsync();
        await _context.SaveChangesAsync();
    }
}
