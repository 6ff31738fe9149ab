using Resilience.Analyzers.Tests.Infrastructure;

namespace Resilience.Analyzers.Tests.Hazards;

/// <summary>RES1003: values read and written back as a relative change.</summary>
public class ReadModifyWriteRuleTests
{
    [Fact]
    public async Task RES1003_PropertyReadAndWrittenBack_DirectlyAndThroughLocals()
    {
        await HazardVerifier.VerifyAsync(
            """
            public sealed class Account { public decimal Balance { get; set; } }
            public partial class Bank
            {
                private int _total;

                [Retry]
                public partial void Deposit(Account account, decimal amount);
                private void DepositCore(Account account, decimal amount)
                {
                    {|#0:account.Balance = account.Balance + amount|};
                    var before = account.Balance;
                    {|RES1003:account.Balance = before - amount|};
                    {|RES1003:_total = _total * 2|};
                    account.Balance = amount;
                    account.Balance = Math.Max(account.Balance, amount);
                    var other = new Account();
                    other.Balance = other.Balance + 1;
                }
            }
            """,
            HazardVerifier.Diagnostic("RES1003", 0).WithMessage("'DepositCore' writes property 'Balance' back as a relative change of the value it read, and it runs again on every retry of 'Deposit'"));
    }

    [Fact]
    public async Task RES1003_GetterAndSetterCallsOnTheSameObject()
    {
        await HazardVerifier.VerifyAsync(
            """
            public interface IStore
            {
                Task<int> GetQuotaAsync(string tenant, CancellationToken ct);
                Task SetQuotaAsync(string tenant, int quota, CancellationToken ct);
                int GetLimit(string tenant);
                void UpdateLimit(string tenant, int limit);
            }
            public partial class Quotas
            {
                private readonly IStore _store;
                public Quotas(IStore store) => _store = store;

                [Retry]
                public partial Task RaiseAsync(string tenant, string other, int by, CancellationToken ct);
                private async Task RaiseAsyncCore(string tenant, string other, int by, CancellationToken ct)
                {
                    var current = await _store.GetQuotaAsync(tenant, ct);
                    await {|#0:_store.SetQuotaAsync(tenant, current + by, ct)|};
                    {|RES1003:_store.UpdateLimit(tenant, _store.GetLimit(tenant) - 1)|};
                    var next = current;
                    next++;
                    await {|RES1003:_store.SetQuotaAsync(tenant, next, ct)|};

                    // Not the same object, and absolute values: not flagged.
                    await _store.SetQuotaAsync(other, current + by, ct);
                    await _store.SetQuotaAsync(tenant, by, ct);
                    if (current < by)
                    {
                        await _store.SetQuotaAsync(tenant, by, ct);
                    }
                }
            }
            """,
            HazardVerifier.Diagnostic("RES1003", 0).WithMessage("'RaiseAsyncCore' reads a value with 'GetQuotaAsync' and writes a relative change of it back with 'SetQuotaAsync', and it runs again on every retry of 'RaiseAsync'"));
    }

    [Fact]
    public async Task RES1003_DictionaryCountersAndConditionalIncrements()
    {
        await HazardVerifier.VerifyAsync(
            """
            public partial class Stats
            {
                private readonly Dictionary<string, int> _hits = new();
                private int _total;

                [Retry]
                public partial void Record(string key, bool counted);
                private void RecordCore(string key, bool counted)
                {
                    {|RES1003:_hits[key] = _hits.GetValueOrDefault(key) + 1|};
                    if (_hits.TryGetValue(key, out var current))
                    {
                        {|RES1003:_hits[key] = current + 1|};
                    }

                    {|RES1003:_total = counted ? _total + 1 : _total|};

                    // Absolute values and other keys are fine.
                    _hits[key] = 1;
                    _hits["other"] = _hits.GetValueOrDefault(key) + 1;
                    _total = counted ? 1 : 0;
                }
            }
            """);
    }

    [Fact]
    public async Task RES1003_MembershipTogglesThroughACollectionACacheOrADatabase()
    {
        await HazardVerifier.VerifyAsync(
            new[]
            {
                """
                using Microsoft.EntityFrameworkCore;
                public sealed class Like { public int PostId { get; set; } public string User { get; set; } = ""; }
                public sealed class LikesContext : DbContext { public DbSet<Like> Likes { get; } = new(); }
                public interface ISetStore { Task<bool> SetContainsAsync(string key, string value); Task<bool> SetRemoveAsync(string key, string value); Task<bool> SetAddAsync(string key, string value); }
                public partial class Favorites
                {
                    private readonly HashSet<int> _favorites = new();
                    private readonly List<int> _pinned = new();
                    private readonly ISetStore _redis;
                    private readonly LikesContext _db;
                    public Favorites(ISetStore redis, LikesContext db) { _redis = redis; _db = db; }

                    [Retry]
                    public partial Task ToggleAsync(int postId, string user);
                    private async Task ToggleAsyncCore(int postId, string user)
                    {
                        {|#0:if (_favorites.Contains(postId)) _favorites.Remove(postId); else _favorites.Add(postId);|}
                        {|RES1003:if (!_pinned.Contains(postId))
                        {
                            _pinned.Add(postId);
                        }
                        else
                        {
                            _pinned.Remove(postId);
                        }|}
                        {|RES1003:if (!_favorites.Add(postId)) _favorites.Remove(postId);|}
                        {|RES1003:if (_pinned.Contains(postId)) _pinned.Remove(postId); else _pinned.Add(postId);|}
                        {|RES1003:if (await _redis.SetContainsAsync("likes:" + postId, user))
                        {
                            await _redis.SetRemoveAsync("likes:" + postId, user);
                        }
                        else
                        {
                            await _redis.SetAddAsync("likes:" + postId, user);
                        }|}
                        var existing = _db.Likes.Find(postId);
                        {|RES1003:if (existing != null) _db.Likes.Remove(existing); else {|RES1007:_db.Likes.Add(new Like { PostId = postId, User = user })|};|}
                    }
                }
                """,
                """
                namespace Microsoft.EntityFrameworkCore
                {
                    public class DbContext { }
                    public class DbSet<T> where T : class
                    {
                        public object Add(T entity) => entity;
                        public object Remove(T entity) => entity;
                        public T? Find(object key) => null;
                    }
                }
                """,
            },
            new[]
            {
                HazardVerifier.Diagnostic("RES1003", 0).WithMessage(
                    "'ToggleAsyncCore' toggles membership in field '_favorites' ('Remove' when present, 'Add' otherwise), so a retry flips it back, and it runs again on every retry of 'ToggleAsync'"),
            });
    }

    [Fact]
    public async Task RES1003_MembershipChangesThatConverge_AreNotToggles()
    {
        await HazardVerifier.VerifyAsync(
            """
            public sealed class Item { public bool Deleted { get; set; } }
            public partial class CacheSync
            {
                private readonly Dictionary<string, Item> _cache = new();
                private readonly HashSet<int> _seen = new();

                [Retry]
                public partial void Sync(string key, Item item, int id);
                private void SyncCore(string key, Item item, int id)
                {
                    // The condition reads the caller's data, not the cache: a retry makes the same decision.
                    if (item.Deleted) _cache.Remove(key); else _cache[key] = item;
                    if (item.Deleted) _seen.Remove(id); else _seen.Add(id);

                    // A collection the attempt owns.
                    var local = new HashSet<int>();
                    if (local.Contains(id)) local.Remove(id); else local.Add(id);

                    // Remove only when present; add only when absent (no flip back).
                    if (_seen.Contains(id)) _seen.Remove(id);
                    if (!_seen.Contains(id)) _seen.Add(id);
                }
            }
            """);
    }
}
