using System.Runtime.CompilerServices;

namespace Resilience.Generator.Tests.TestClasses;

/// <summary>
/// Methods that complete asynchronously (the implementation awaits <see cref="Task.Yield"/>), beside the same retry loop
/// written by hand: the generated wrapper may allocate no more than the hand-written one, and a ValueTask one nothing
/// beyond the implementation.
/// </summary>
public partial class AsyncPath
{
    private const int MaxRetries = 3;

    [Retry(MaxRetries = MaxRetries, BaseDelayMs = 10)]
    public partial Task<int> TaskAsync(int value);

    [MethodImpl(MethodImplOptions.NoInlining)]
    internal async Task<int> TaskAsyncCore(int value)
    {
        await Task.Yield();
        return value + 1;
    }

    public async Task<int> HandTaskAsync(int value)
    {
        for (int retries = 0; ; retries++)
        {
            try
            {
                return await TaskAsyncCore(value).ConfigureAwait(false);
            }
            catch (Exception ex) when (retries < MaxRetries && ex is not OperationCanceledException)
            {
            }

            await Task.Delay(10 << retries).ConfigureAwait(false);
        }
    }

    [Retry(MaxRetries = MaxRetries, BaseDelayMs = 10)]
    public partial ValueTask<int> ValueTaskAsync(int value);

    // The implementation pools its own state machine, so what the wrapper allocates shows alone.
    [MethodImpl(MethodImplOptions.NoInlining)]
    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))]
    internal async ValueTask<int> ValueTaskAsyncCore(int value)
    {
        await Task.Yield();
        return value + 1;
    }

    [Retry(MaxRetries = MaxRetries, BaseDelayMs = 10)]
    [Fallback(nameof(Skip))]
    public partial ValueTask VoidValueTaskAsync(int value);

    [MethodImpl(MethodImplOptions.NoInlining)]
    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder))]
    internal async ValueTask VoidValueTaskAsyncCore(int value) => await Task.Yield();

    private ValueTask Skip(int value) => default;
}
