// Source: github.com/itssimple/journal-limpet — Journal-Limpet.Shared/RedisWithPollyExtensions.cs
// Original: retryPolicy.ExecuteAsync(() => _rdb.StringGetAsync(key)); retryPolicy.ExecuteAsync(() => _rdb.StringSetAsync(key, value, expiry, flags: flags));
using StackExchange.Redis;

public partial class RedisWithPolly
{
    private readonly IDatabase _rdb;
    public RedisWithPolly(IDatabase rdb) => _rdb = rdb;

    [Retry(MaxRetries = 10)]
    public partial Task<RedisValue> StringGetAsyncWithRetries(RedisKey key);
    private Task<RedisValue> StringGetAsyncWithRetriesCore(RedisKey key) => _rdb.StringGetAsync(key);

    [Retry(MaxRetries = 10)]
    public partial Task<bool> StringSetAsyncWithRetries(RedisKey key, RedisValue value, TimeSpan? expiry, CommandFlags flags);
    private Task<bool> StringSetAsyncWithRetriesCore(RedisKey key, RedisValue value, TimeSpan? expiry, CommandFlags flags) =>
        _rdb.StringSetAsync(key, value, expiry, flags: flags);
}
