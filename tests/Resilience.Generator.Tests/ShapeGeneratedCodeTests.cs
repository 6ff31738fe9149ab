using Resilience.Generator.Tests.TestClasses;

namespace Resilience.Generator.Tests;

public class ShapeGeneratedCodeTests : FakeClockTest
{
    [Fact]
    public void Static_methods()
    {
        StaticShapes.Calls = 0;
        Assert.Equal(42, StaticShapes.Twice(21));
        Assert.Equal(2, StaticShapes.Calls);
    }

    [Fact]
    public void Struct_methods_mutate_the_instance_they_are_called_on()
    {
        var counter = new Counter();
        Assert.Equal(1, counter.Next());
        Assert.Equal(2, counter.Next());
        Assert.Equal(2, counter.Value);
    }

    [Fact]
    public async Task Record_ValueTask_methods()
    {
        var account = new Account("a");
        await account.LoadAsync();
        Assert.Equal("a", account.Id);
    }

    [Fact]
    public async Task Nested_generic_types_and_generic_methods()
    {
        var store = new Outer.Store<int>();
        store.Put("a", 7);

        Assert.Equal(7, store.Get("a"));
        Assert.Equal(0, store.Get("missing"));
        Assert.Equal("7!", await store.MapAsync("a", i => i + "!"));
    }
}

public class AdversarialShapeTests
{
    [Fact]
    public void Scoped_span_parameter_is_retried_and_passed_through()
    {
        var shapes = new AdversarialShapes();
        Assert.Equal(3, shapes.Sum(stackalloc int[3]));
        Assert.Equal(2, shapes.Attempts);
    }

    [Fact]
    public void Keyword_identifiers_and_every_constraint_kind()
    {
        var shapes = new AdversarialShapes();
        Assert.Equal(5, shapes.@class(2, "abc"));
        Assert.NotNull(shapes.Make<string, int, long, List<int>>(new Dictionary<string, List<int?>>(), 1L));
    }
}
