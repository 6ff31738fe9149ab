namespace Resilience.Runtime.Tests;

// The include/exclude lists behind RetryOn/AbortOn and HandleOn/SkipOn.
public sealed class ExceptionTypeFilterTests
{
    [Fact]
    public void All_matches_every_exception()
    {
        Assert.True(ExceptionTypeFilter.All.Matches(new Exception()));
        Assert.True(ExceptionTypeFilter.All.Matches(new OperationCanceledException()));
        Assert.True(ExceptionTypeFilter.All.Matches(new AggregateException()));
        Assert.True(ExceptionTypeFilter.All.Include.IsEmpty);
        Assert.True(ExceptionTypeFilter.All.Exclude.IsEmpty);
    }

    [Fact]
    public void Null_lists_mean_empty_lists()
    {
        var filter = new ExceptionTypeFilter(null, null);

        Assert.True(filter.Include.IsEmpty);
        Assert.True(filter.Exclude.IsEmpty);
        Assert.True(filter.Matches(new InvalidOperationException()));
    }

    [Fact]
    public void Include_matches_subclasses_but_not_base_classes()
    {
        var filter = new ExceptionTypeFilter(new[] { typeof(IOException) }, null);

        Assert.True(filter.Matches(new IOException()));
        Assert.True(filter.Matches(new FileNotFoundException()));
        Assert.False(filter.Matches(new SystemException()));
        Assert.False(filter.Matches(new Exception()));
    }

    [Fact]
    public void An_AggregateException_is_matched_by_its_own_type_not_by_its_inner_exceptions()
    {
        var filter = new ExceptionTypeFilter(new[] { typeof(IOException) }, null);

        Assert.False(filter.Matches(new AggregateException(new IOException())));
    }

    [Fact]
    public void Exclude_wins_over_include()
    {
        var filter = new ExceptionTypeFilter(new[] { typeof(Exception) }, new[] { typeof(ArgumentException) });

        Assert.False(filter.Matches(new ArgumentNullException("x")));
        Assert.True(filter.Matches(new InvalidOperationException()));
    }

    [Fact]
    public void Types_that_are_not_exceptions_are_rejected()
    {
        ArgumentException include = Assert.Throws<ArgumentException>(() => new ExceptionTypeFilter(new[] { typeof(string) }, null));
        ArgumentException exclude = Assert.Throws<ArgumentException>(() => new ExceptionTypeFilter(null, new[] { typeof(IOException), typeof(int) }));
        ArgumentException nullEntry = Assert.Throws<ArgumentException>(() => new ExceptionTypeFilter(new Type[] { null! }, null));

        Assert.Equal("include", include.ParamName);
        Assert.Contains("System.String", include.Message, StringComparison.Ordinal);
        Assert.Equal("exclude", exclude.ParamName);
        Assert.Contains("System.Int32", exclude.Message, StringComparison.Ordinal);
        Assert.Equal("include", nullEntry.ParamName);
    }

    [Fact]
    public void The_lists_are_copied()
    {
        var include = new[] { typeof(IOException) };
        var exclude = new[] { typeof(FileNotFoundException) };
        var filter = new ExceptionTypeFilter(include, exclude);

        include[0] = typeof(InvalidOperationException);
        exclude[0] = typeof(IOException);

        Assert.Equal(typeof(IOException), filter.Include[0]);
        Assert.Equal(typeof(FileNotFoundException), filter.Exclude[0]);
        Assert.True(filter.Matches(new IOException()));
        Assert.False(filter.Matches(new InvalidOperationException()));
        Assert.False(filter.Matches(new FileNotFoundException()));
    }

    [Fact]
    public void CallerCancellation_is_an_OperationCanceledException_while_the_caller_token_is_cancelled()
    {
        using var caller = new CancellationTokenSource();

        Assert.False(CallerCancellation.IsCallerCancellation(new OperationCanceledException(), caller.Token));
        Assert.False(CallerCancellation.IsCallerCancellation(new OperationCanceledException(), CancellationToken.None));

        caller.Cancel();

        Assert.True(CallerCancellation.IsCallerCancellation(new OperationCanceledException(caller.Token), caller.Token));
        Assert.True(CallerCancellation.IsCallerCancellation(new TaskCanceledException(), caller.Token));
        Assert.False(CallerCancellation.IsCallerCancellation(new InvalidOperationException(), caller.Token));
        Assert.False(CallerCancellation.IsCallerCancellation(new TimeoutException(), caller.Token));
    }
}
