// Source: github.com/Niusys/Niusys.Framework — Niusys.Extensions.Caching.Redis/RedisClient.cs
// Original: each member is `return _redisOperationPolicy.ExecuteAsync(() => _database.<Member>(...));` (Polly WaitAndRetryAsync(2) on RedisTimeoutException).
using StackExchange.Redis;

public partial class RedisClient
{
    private readonly IDatabase _database;
    public RedisClient(IDatabase database) => _database = database;

    [Retry(MaxRetries = 2)]
    public partial Task<bool> KeyDeleteAsync(RedisKey key, CommandFlags flags);
    private Task<bool> KeyDeleteAsyncCore(RedisKey key, CommandFlags flags) => _database.KeyDeleteAsync(key, flags);

    [Retry(MaxRetries = 2)]
    public partial Task<bool> KeyExistsAsync(RedisKey key, CommandFlags flags);
    private Task<bool> KeyExistsAsyncCore(RedisKey key, CommandFlags flags) => _database.KeyExistsAsync(key, flags);

    [Retry(MaxRetries = 2)]
    public partial Task<bool> KeyExpireAsync(RedisKey key, DateTime? expiry, CommandFlags flags);
    private Task<bool> KeyExpireAsyncCore(RedisKey key, DateTime? expiry, CommandFlags flags) => _database.KeyExpireAsync(key, expiry, flags);

    [Retry(MaxRetries = 2)]
    public partial Task<long> StringDecrementAsync(RedisKey key, long value, CommandFlags flags);
    private Task<long> StringDecrementAsyncCore(RedisKey key, long value, CommandFlags flags) =>
        {|RES1007:_database.StringDecrementAsync(key, value, flags)|};

    [Retry(MaxRetries = 2)]
    public partial Task<double> StringDecrementByAsync(RedisKey key, double value, CommandFlags flags);
    private Task<double> StringDecrementByAsyncCore(RedisKey key, double value, CommandFlags flags) =>
        {|RES1007:_database.StringDecrementAsync(key, value, flags)|};

    [Retry(MaxRetries = 2)]
    public partial Task<RedisValue> StringGetAsync(RedisKey key, CommandFlags flags);
    private Task<RedisValue> StringGetAsyncCore(RedisKey key, CommandFlags flags) => _database.StringGetAsync(key, flags);

    [Retry(MaxRetries = 2)]
    public partial Task<long> StringIncrementAsync(RedisKey key, long value, CommandFlags flags);
    private Task<long> StringIncrementAsyncCore(RedisKey key, long value, CommandFlags flags) =>
        {|RES1007:_database.StringIncrementAsync(key, value, flags)|};

    [Retry(MaxRetries = 2)]
    public partial Task<double> StringIncrementByAsync(RedisKey key, double value, CommandFlags flags);
    private Task<double> StringIncrementByAsyncCore(RedisKey key, double value, CommandFlags flags) =>
        {|RES1007:_database.StringIncrementAsync(key, value, flags)|};

    [Retry(MaxRetries = 2)]
    public partial Task<bool> StringSetAsync(RedisKey key, RedisValue value, TimeSpan? expiry, When when, CommandFlags flags);
    private Task<bool> StringSetAsyncCore(RedisKey key, RedisValue value, TimeSpan? expiry, When when, CommandFlags flags) =>
        _database.StringSetAsync(key, value, expiry, when, flags);

    [Retry(MaxRetries = 2)]
    public partial Task<bool> LockTakeAsync(RedisKey key, RedisValue value, TimeSpan expiry, CommandFlags flags);
    private Task<bool> LockTakeAsyncCore(RedisKey key, RedisValue value, TimeSpan expiry, CommandFlags flags) =>
        _database.LockTakeAsync(key, value, expiry, flags);

    [Retry(MaxRetries = 2)]
    public partial Task<bool> LockReleaseAsync(RedisKey key, RedisValue value, CommandFlags flags);
    private Task<bool> LockReleaseAsyncCore(RedisKey key, RedisValue value, CommandFlags flags) => _database.LockReleaseAsync(key, value, flags);
}
