namespace Resilience.Runtime.Tests.Idempotency;

public sealed class ArgumentFingerprintTests
{
    private static string Of<T>(T value)
    {
        var fingerprint = new ArgumentFingerprint();
        fingerprint.Add(value);
        return fingerprint.ToHexString();
    }

    public sealed class Holder
    {
        public Action? Callback { get; set; }

        public string Name { get; set; } = "";
    }

    public sealed class Chain
    {
        public Chain? Next { get; set; }
    }

    [Fact]
    public void Null_empty_and_default_values_differ()
    {
        string[] fingerprints =
        {
            Of<string?>(null), Of(""), Of(Array.Empty<int>()), Of(new Dictionary<int, int>()), Of(new object()), Of(0), Of(0L), Of(0.0), Of(-0.0), Of(0m), Of(0.00m),
        };
        Assert.Equal(fingerprints.Length, fingerprints.Distinct().Count());
    }

    [Fact]
    public void The_fast_paths_write_what_the_general_path_writes()
    {
        Assert.Equal(Of(42), Of<object>(42));
        Assert.Equal(Of(42L), Of<object>(42L));
        Assert.Equal(Of("x"), Of<object>("x"));
        Assert.Equal(Of(true), Of<object>(true));
        Guid id = Guid.NewGuid();
        Assert.Equal(Of(id), Of<object>(id));
        Assert.Equal(Of<int?>(5), Of(5));
    }

    [Fact]
    public void Sets_and_dictionaries_match_whatever_their_insertion_order_and_lists_do_not()
    {
        var a = new Dictionary<string, int> { ["x"] = 1, ["y"] = 2 };
        var b = new Dictionary<string, int> { ["y"] = 2, ["x"] = 1 };
        Assert.Equal(Of(a), Of(b));
        Assert.NotEqual(Of(a), Of(new Dictionary<string, int> { ["x"] = 1, ["y"] = 3 }));
        Assert.Equal(Of(new HashSet<string> { "p", "q" }), Of(new HashSet<string> { "q", "p" }));
        Assert.NotEqual(Of(new List<int> { 1, 2 }), Of(new List<int> { 2, 1 }));
        Assert.Equal(Of(new[] { 1, 2 }), Of(new List<int> { 1, 2 }));
        Assert.Equal(Of<IReadOnlyList<string>>(new[] { "a" }), Of<IReadOnlyList<string>>(new List<string> { "a" }));
        Assert.NotEqual(Of(new int[,] { { 1, 2 } }), Of(new int[,] { { 1 }, { 2 } }));
        Assert.NotEqual(Of(new[] { new[] { 1 }, new[] { 2 } }), Of(new[] { new[] { 1, 2 } }));
    }

    [Fact]
    public void Cycles_are_encoded_and_depth_and_non_values_are_rejected_clearly()
    {
        var loop = new Chain();
        loop.Next = loop;
        var longer = new Chain { Next = new Chain() };
        longer.Next.Next = longer;
        Assert.NotEqual(Of(loop), Of(longer));

        var deep = new Chain();
        for (int i = 0; i < 200; i++)
        {
            deep = new Chain { Next = deep };
        }

        Assert.Contains("128", Assert.Throws<ArgumentException>(() => Of(deep)).Message);
        Assert.Contains("Action", Assert.Throws<ArgumentException>(() => Of<Action>(() => { })).Message);
        Assert.Contains("Stream", Assert.Throws<ArgumentException>(() => Of(new MemoryStream())).Message);

        // Inside an argument, a callback is compared by its type only.
        Assert.Equal(Of(new Holder { Name = "a", Callback = () => { } }), Of(new Holder { Name = "a", Callback = () => { } }));
        Assert.NotEqual(Of(new Holder { Name = "a", Callback = () => { } }), Of(new Holder { Name = "a" }));
        Assert.Equal(Of(new InvalidOperationException("x")), Of(new InvalidOperationException("x")));
    }

    [Fact]
    public void Exact_values_are_kept_for_doubles_decimals_times_and_enums()
    {
        Assert.NotEqual(Of(double.NaN), Of(BitConverter.Int64BitsToDouble(BitConverter.DoubleToInt64Bits(double.NaN) ^ 1)));
        Assert.NotEqual(Of(1.0m), Of(1.00m));
        var at = new DateTime(2026, 1, 1, 0, 0, 0);
        Assert.NotEqual(Of(DateTime.SpecifyKind(at, DateTimeKind.Utc)), Of(DateTime.SpecifyKind(at, DateTimeKind.Local)));
        Assert.NotEqual(Of(new DateTimeOffset(at, TimeSpan.Zero)), Of(new DateTimeOffset(at.AddHours(1), TimeSpan.FromHours(1))));
        Assert.NotEqual(Of(DayOfWeek.Monday), Of(1));
        Assert.NotEqual(Of(DayOfWeek.Monday), Of(ConsoleKey.Backspace - 7));
        Assert.NotEqual(Of((1, "a")), Of(Tuple.Create(1, "a")));
        Assert.Equal(Of((1, "a")), Of((1, "a")));
    }
}
