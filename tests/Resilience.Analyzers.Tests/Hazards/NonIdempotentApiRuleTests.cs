using Resilience.Analyzers.Tests.Infrastructure;

namespace Resilience.Analyzers.Tests.Hazards;

/// <summary>RES1007: catalogued non-idempotent APIs (stub versions of the library types) and [NotIdempotent].</summary>
public class NonIdempotentApiRuleTests
{
    private const string Redis = """
        namespace StackExchange.Redis
        {
            public struct RedisKey { public static implicit operator RedisKey(string s) => default; }
            public interface IDatabaseAsync
            {
                System.Threading.Tasks.Task<long> StringIncrementAsync(RedisKey key, long value = 1);
                System.Threading.Tasks.Task<long> ListRightPushAsync(RedisKey key, string value);
                System.Threading.Tasks.Task<bool> StringSetAsync(RedisKey key, string value);
            }
            public interface IDatabase : IDatabaseAsync { long StringIncrement(RedisKey key, long value = 1); }
        }
        """;

    [Fact]
    public async Task RES1007_RedisIncrementAndPush_NameOperationMemberAndRoot()
    {
        await HazardVerifier.VerifyAsync(
            new[]
            {
                """
                using StackExchange.Redis;
                public partial class Orders
                {
                    private readonly IDatabase _redis;
                    public Orders(IDatabase redis) => _redis = redis;

                    [Retry]
                    public partial Task PlaceOrderAsync(string sku);
                    private Task PlaceOrderAsyncCore(string sku) => ReserveAsync(sku);

                    private async Task ReserveAsync(string sku)
                    {
                        await {|#0:_redis.StringIncrementAsync("reserved:" + sku)|};
                        await {|RES1007:_redis.ListRightPushAsync("log", sku)|};
                        {|RES1007:_redis.StringIncrement("total")|};
                        await _redis.StringSetAsync("last", sku);
                    }
                }
                """,
                Redis,
            },
            new[]
            {
                HazardVerifier.Diagnostic("RES1007", 0).WithMessage(
                    "'ReserveAsync' calls 'IDatabase.StringIncrementAsync' (a remote increment), and it runs again on every retry of 'PlaceOrderAsync'"),
            });
    }

    [Fact]
    public async Task RES1007_EfAddOnALongLivedContext_NotOnOneCreatedInTheAttempt()
    {
        await HazardVerifier.VerifyAsync(
            new[]
            {
                """
                using Microsoft.EntityFrameworkCore;
                public sealed class Order { }
                public sealed class ShopContext : DbContext { public DbSet<Order> Orders { get; } = new(); }
                public interface IShopContextFactory { ShopContext CreateDbContext(); }
                public partial class Checkout
                {
                    private readonly ShopContext _db;
                    private readonly IShopContextFactory _factory;
                    public Checkout(ShopContext db, IShopContextFactory factory) { _db = db; _factory = factory; }

                    [Retry]
                    public partial Task SaveAsync(Order order);
                    private async Task SaveAsyncCore(Order order)
                    {
                        {|RES1007:_db.Orders.Add(order)|};
                        await {|RES1007:_db.AddAsync(order)|};
                        await _db.SaveChangesAsync();

                        using var fresh = _factory.CreateDbContext();
                        fresh.Orders.Add(order);
                        fresh.Add(order);
                        await fresh.SaveChangesAsync();
                    }
                }
                """,
                """
                namespace Microsoft.EntityFrameworkCore
                {
                    public class DbContext : System.IDisposable
                    {
                        public object Add(object entity) => entity;
                        public System.Threading.Tasks.ValueTask<object> AddAsync(object entity) => default;
                        public System.Threading.Tasks.Task<int> SaveChangesAsync() => System.Threading.Tasks.Task.FromResult(0);
                        public void Dispose() { }
                    }
                    public class DbSet<T> where T : class { public object Add(T entity) => entity; }
                }
                """,
            },
            System.Array.Empty<Microsoft.CodeAnalysis.Testing.DiagnosticResult>());
    }

    [Fact]
    public async Task RES1007_NotIdempotentAttributeOnInterface_UserCatalogFile_SafeToRepeatAndMetrics()
    {
        await HazardVerifier.VerifyAsync(
            new[]
            {
                """
                using System.Diagnostics.Metrics;
                [NotIdempotent("sends an SMS")]
                public interface ISmsGateway { Task SendAsync(string to, string text); }
                public interface ILedgerClient { Task CreditAsync(string account, decimal amount); Task<decimal> BalanceAsync(string account); }
                public static class Audit { public static void Write(string text) { } }
                public partial class Notifier
                {
                    private static readonly Meter s_meter = new("Shop");
                    private readonly Counter<int> _attempts = s_meter.CreateCounter<int>("attempts");
                    [SafeToRepeat] private int _tries;
                    private readonly ISmsGateway _sms;
                    private readonly ILedgerClient _ledger;
                    public Notifier(ISmsGateway sms, ILedgerClient ledger) { _sms = sms; _ledger = ledger; }

                    [Retry]
                    public partial Task NotifyAsync(string to);
                    private async Task NotifyAsyncCore(string to)
                    {
                        _attempts.Add(1);
                        _tries++;
                        await {|RES1007:_sms.SendAsync(to, "hi")|};
                        await {|RES1007:_ledger.CreditAsync(to, 5m)|};
                        await _ledger.BalanceAsync(to);
                        Audit.Write(to);
                    }
                }
                """,
            },
            System.Array.Empty<Microsoft.CodeAnalysis.Testing.DiagnosticResult>(),
            new[] { ("/0/ResilienceHazards.txt", "# ours\nM:ILedgerClient.CreditAsync;a ledger credit\n!M:Audit.Write\n") });
    }

    [Fact]
    public async Task RES1007_StripeCreateWithoutIdempotencyKey_NotWithOne()
    {
        await HazardVerifier.VerifyAsync(
            new[]
            {
                """
                using Stripe;
                public partial class Billing
                {
                    private readonly ChargeService _charges = new();

                    [Retry]
                    public partial Task ChargeAsync(long amount);
                    private Task ChargeAsyncCore(long amount) => {|RES1007:_charges.CreateAsync(new ChargeCreateOptions { Amount = amount })|};

                    [Retry]
                    public partial Task ChargeOnceAsync(long amount, string orderId);
                    private Task ChargeOnceAsyncCore(long amount, string orderId) =>
                        _charges.CreateAsync(new ChargeCreateOptions { Amount = amount }, new RequestOptions { IdempotencyKey = "charge-" + orderId });
                }
                """,
                """
                namespace Stripe
                {
                    public sealed class ChargeCreateOptions { public long Amount { get; set; } }
                    public sealed class RequestOptions { public string? IdempotencyKey { get; set; } }
                    public sealed class ChargeService
                    {
                        public System.Threading.Tasks.Task<object> CreateAsync(ChargeCreateOptions options, RequestOptions? requestOptions = null) =>
                            System.Threading.Tasks.Task.FromResult<object>(options);
                    }
                }
                """,
            },
            System.Array.Empty<Microsoft.CodeAnalysis.Testing.DiagnosticResult>());
    }
}
