namespace Resilience.Runtime.Tests;

// The pool is process-wide; the collection keeps every other test that could use it from running at the same time.
[Collection(CancellationSourcePoolCollection.Name)]
public sealed class CancellationTokenSourcePoolTests
{
    private const int MaxPooled = 1_024;

    [Fact]
    public void A_returned_source_is_rented_again_reset()
    {
        List<CancellationTokenSource> held = Rent(4_096);
        try
        {
            CancellationTokenSource source = CancellationTokenSourcePool.Rent();
            source.CancelAfter(TimeSpan.FromHours(1));
            CancellationTokenSourcePool.Return(source);

            CancellationTokenSource again = CancellationTokenSourcePool.Rent();

            Assert.Same(source, again);
            Assert.False(again.IsCancellationRequested);
            CancellationTokenSourcePool.Return(again);
        }
        finally
        {
            held.ForEach(CancellationTokenSourcePool.Return);
        }
    }

    [Fact]
    public void A_cancelled_source_is_disposed_instead_of_pooled()
    {
        List<CancellationTokenSource> held = Rent(4_096);
        try
        {
            CancellationTokenSource source = CancellationTokenSourcePool.Rent();
            source.Cancel();
            CancellationTokenSourcePool.Return(source);

            CancellationTokenSource next = CancellationTokenSourcePool.Rent();

            Assert.NotSame(source, next);
            Assert.Throws<ObjectDisposedException>(() => source.Token.WaitHandle);
            CancellationTokenSourcePool.Return(next);
        }
        finally
        {
            held.ForEach(CancellationTokenSourcePool.Return);
        }
    }

    [Fact]
    public void The_pool_keeps_pooling_after_it_overflowed()
    {
        // Give back far more sources than the pool holds, then empty it: it must still take sources back.
        List<CancellationTokenSource> many = Rent(3 * MaxPooled);
        many.ForEach(CancellationTokenSourcePool.Return);
        List<CancellationTokenSource> held = Rent(4_096);
        try
        {
            for (int round = 0; round < 3; round++)
            {
                CancellationTokenSource source = CancellationTokenSourcePool.Rent();
                CancellationTokenSourcePool.Return(source);

                Assert.Same(source, CancellationTokenSourcePool.Rent());
                held.Add(source);
            }
        }
        finally
        {
            held.ForEach(CancellationTokenSourcePool.Return);
        }
    }

    [Fact]
    public void The_pool_holds_at_most_its_limit()
    {
        List<CancellationTokenSource> drained = Rent(4_096);
        List<CancellationTokenSource> extra = Rent(MaxPooled + 10);
        extra.ForEach(CancellationTokenSourcePool.Return);

        // Only the first MaxPooled come back; the rest were disposed.
        List<CancellationTokenSource> again = Rent(MaxPooled + 10);
        var returned = new HashSet<CancellationTokenSource>(extra, ReferenceEqualityComparer.Instance);
        int reused = again.Count(returned.Contains);

        Assert.Equal(MaxPooled, reused);
        Assert.All(extra.Skip(MaxPooled), source => Assert.Throws<ObjectDisposedException>(() => source.Token.WaitHandle));

        again.ForEach(CancellationTokenSourcePool.Return);
        drained.ForEach(CancellationTokenSourcePool.Return);
    }

    private static List<CancellationTokenSource> Rent(int count)
    {
        var sources = new List<CancellationTokenSource>(count);
        for (int i = 0; i < count; i++)
        {
            sources.Add(CancellationTokenSourcePool.Rent());
        }

        return sources;
    }
}
