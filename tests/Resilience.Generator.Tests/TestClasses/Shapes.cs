namespace Resilience.Generator.Tests.TestClasses;

public static partial class StaticShapes
{
    public static int Calls;

    [Retry(MaxRetries = 1, BaseDelayMs = 0)]
    public static partial int Twice(int value);
    private static int TwiceCore(int value) => ++Calls == 1 ? throw new TransientException("first") : value * 2;
}

public partial struct Counter
{
    public int Value;

    [Retry(MaxRetries = 1, BaseDelayMs = 0)]
    public partial int Next();
    private int NextCore() => ++Value;
}

public partial record Account(string Id)
{
    [Retry(MaxRetries = 1, BaseDelayMs = 0)]
    public partial ValueTask LoadAsync();
    private ValueTask LoadAsyncCore() => default;
}

public partial class Outer
{
    public partial class Store<TItem> where TItem : notnull
    {
        private readonly Dictionary<string, TItem> _items = new();

        public void Put(string key, TItem item) => _items[key] = item;

        [Retry(MaxRetries = 1, BaseDelayMs = 0)]
        [Fallback(nameof(Missing))]
        public partial TItem? Get(string key);
        private TItem? GetCore(string key) => _items.TryGetValue(key, out TItem? item) ? item : throw new KeyNotFoundException(key);
        private TItem? Missing(string key) => default;

        [Retry(MaxRetries = 1, BaseDelayMs = 0)]
        public partial Task<TOut> MapAsync<TOut>(string key, Func<TItem, TOut> map) where TOut : notnull;
        private Task<TOut> MapAsyncCore<TOut>(string key, Func<TItem, TOut> map) where TOut : notnull => Task.FromResult(map(_items[key]));
    }
}
