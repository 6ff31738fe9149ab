using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;

namespace Resilience
{
    /// <summary>
    /// One named bulkhead: at most <c>MaxConcurrency</c> calls run at once and at most <c>MaxQueue</c> wait, first come first
    /// served; further calls are rejected with <see cref="BulkheadRejectedException"/>. Methods whose
    /// <see cref="BulkheadAttribute.Name"/> is equal share one bulkhead (see <see cref="BulkheadRegistry"/>).
    /// </summary>
    /// <remarks>
    /// Taking a free slot is a lock-free compare-and-swap that allocates nothing. Queueing, releasing and cancelling take a short
    /// lock; a released slot goes straight to the first waiter, so a newcomer cannot overtake the queue.
    /// </remarks>
    public sealed class Bulkhead : IConfigurablePolicy
    {
        private static readonly Action<object?> s_cancelWaiter = static state => ((Waiter)state!).Cancel();

        private readonly object _gate = new();
        private readonly LinkedList<Waiter> _queue = new();
        private BulkheadOptions _options;
        private int _running;
        private int _queued;
        private long _rejected;
        private long _admitted;
        private long _lastRejectionTicks;

        /// <summary>Creates a stand-alone bulkhead that belongs to no registry.</summary>
        public Bulkhead(string name, BulkheadOptions options)
        {
            Name = name ?? throw new ArgumentNullException(nameof(name));
            options = options ?? throw new ArgumentNullException(nameof(options));
            options.Validate(name);
            DefaultOptions = options;
            _options = options;
        }

        /// <summary>The bulkhead's name.</summary>
        public string Name { get; }

        /// <summary>The options of the first registration (attribute values).</summary>
        public BulkheadOptions DefaultOptions { get; }

        /// <summary>The options in force.</summary>
        public BulkheadOptions Options => Volatile.Read(ref _options);

        /// <summary>A snapshot of the counters.</summary>
        public BulkheadStatistics Statistics
        {
            get
            {
                BulkheadOptions options = Options;
                long lastRejection = Interlocked.Read(ref _lastRejectionTicks);
                return new BulkheadStatistics(
                    Name,
                    Volatile.Read(ref _running),
                    Volatile.Read(ref _queued),
                    Interlocked.Read(ref _rejected),
                    options.MaxConcurrency,
                    options.MaxQueue,
                    Interlocked.Read(ref _admitted),
                    lastRejection == 0 ? null : new DateTimeOffset(lastRejection, TimeSpan.Zero));
            }
        }

        PolicyKind IConfigurablePolicy.Kind => PolicyKind.Bulkhead;

        /// <summary>
        /// Takes a slot, blocking the thread while queued. Throws <see cref="BulkheadRejectedException"/> when every slot is busy and
        /// the queue is full, and <see cref="OperationCanceledException"/> when <paramref name="cancellationToken"/> is cancelled
        /// before a slot is taken. Returns an empty lease while <see cref="PolicyKind.Bulkhead"/> is switched off.
        /// </summary>
        public BulkheadLease Enter(CancellationToken cancellationToken)
        {
            if (!ResilienceRuntime.IsEnabled(PolicyKind.Bulkhead))
            {
                return default;
            }

            cancellationToken.ThrowIfCancellationRequested();
            if (TryTakeFreeSlot())
            {
                return new BulkheadLease(this);
            }

            Waiter waiter = EnqueueOrReject(cancellationToken);
            if (waiter.Admitted)
            {
                return new BulkheadLease(this);
            }

            try
            {
                waiter.Task.GetAwaiter().GetResult();
            }
            finally
            {
                waiter.Registration.Dispose();
            }

            return new BulkheadLease(this);
        }

        /// <summary>
        /// Takes a slot, waiting asynchronously while queued; completes synchronously without allocating when a slot is free.
        /// Rejection and cancellation as for <see cref="Enter"/>.
        /// </summary>
        public ValueTask<BulkheadLease> EnterAsync(CancellationToken cancellationToken)
        {
            if (!ResilienceRuntime.IsEnabled(PolicyKind.Bulkhead))
            {
                return default;
            }

            if (cancellationToken.IsCancellationRequested)
            {
                return ValueTask.FromCanceled<BulkheadLease>(cancellationToken);
            }

            if (TryTakeFreeSlot())
            {
                return new ValueTask<BulkheadLease>(new BulkheadLease(this));
            }

            Waiter waiter;
            try
            {
                waiter = EnqueueOrReject(cancellationToken);
            }
            catch (BulkheadRejectedException ex)
            {
                return ValueTask.FromException<BulkheadLease>(ex);
            }

            return waiter.Admitted ? new ValueTask<BulkheadLease>(new BulkheadLease(this)) : WaitAsync(waiter);
        }

        /// <summary>
        /// Replaces the options in force (after validating them); <see langword="null"/> restores <see cref="DefaultOptions"/>.
        /// A higher limit admits queued calls at once; a lower one lets running calls finish and admits no one until they drop below it.
        /// </summary>
        public void Override(BulkheadOptions? options)
        {
            options?.Validate(Name);
            BulkheadOptions next = options ?? DefaultOptions;
            List<Waiter>? admitted = null;
            lock (_gate)
            {
                Volatile.Write(ref _options, next);
                while (_queue.First is { } node && TryTakeSlotUnderLock(next.MaxConcurrency))
                {
                    RemoveUnderLock(node);
                    (admitted ??= new List<Waiter>()).Add(node.Value);
                }
            }

            if (admitted is not null)
            {
                foreach (Waiter waiter in admitted)
                {
                    waiter.TrySetResult(true);
                }
            }
        }

        void IConfigurablePolicy.ApplyConfiguration(IReadOnlyDictionary<string, string>? values) =>
            Override(values is null ? null : PolicyOptionsBinder.BindBulkhead(DefaultOptions, values, Name));

        internal void OnAdmitted() => Interlocked.Increment(ref _admitted);

        internal void Release()
        {
            Waiter? next = null;
            lock (_gate)
            {
                if (_queue.First is { } node && Volatile.Read(ref _running) <= Options.MaxConcurrency)
                {
                    // Hand the slot over: the running count stays as it is.
                    RemoveUnderLock(node);
                    next = node.Value;
                }
                else
                {
                    int current = Volatile.Read(ref _running);
                    while (current > 0)
                    {
                        int seen = Interlocked.CompareExchange(ref _running, current - 1, current);
                        if (seen == current)
                        {
                            break;
                        }

                        current = seen;
                    }
                }
            }

            next?.TrySetResult(true);
        }

        private async ValueTask<BulkheadLease> WaitAsync(Waiter waiter)
        {
            try
            {
                await waiter.Task.ConfigureAwait(false);
            }
            finally
            {
                waiter.Registration.Dispose();
            }

            return new BulkheadLease(this);
        }

        private bool TryTakeFreeSlot()
        {
            // Only when nobody queues: a newcomer must not overtake a waiter.
            return Volatile.Read(ref _queued) == 0 && TryTakeSlotUnderLock(Options.MaxConcurrency);
        }

        private bool TryTakeSlotUnderLock(int limit)
        {
            int current = Volatile.Read(ref _running);
            while (current < limit)
            {
                int seen = Interlocked.CompareExchange(ref _running, current + 1, current);
                if (seen == current)
                {
                    return true;
                }

                current = seen;
            }

            return false;
        }

        private Waiter EnqueueOrReject(CancellationToken cancellationToken)
        {
            var waiter = new Waiter(this);
            int running;
            int queued;
            lock (_gate)
            {
                BulkheadOptions options = Options;
                if (_queue.Count == 0 && TryTakeSlotUnderLock(options.MaxConcurrency))
                {
                    waiter.Admitted = true;
                    return waiter;
                }

                if (_queue.Count < options.MaxQueue)
                {
                    waiter.Node = _queue.AddLast(waiter);
                    Volatile.Write(ref _queued, _queue.Count);
                    if (cancellationToken.CanBeCanceled)
                    {
                        waiter.CancellationToken = cancellationToken;
                    }
                }
                else
                {
                    waiter = null!;
                }

                running = Volatile.Read(ref _running);
                queued = _queue.Count;
                if (waiter is null)
                {
                    Interlocked.Increment(ref _rejected);
                    Interlocked.Exchange(ref _lastRejectionTicks, ResilienceRuntime.TimeProvider.GetUtcNow().UtcTicks);
                }
            }

            if (waiter is null)
            {
                BulkheadOptions options = Options;
                ResilienceTelemetry.OnBulkheadRejection(Name, running, queued);
                throw new BulkheadRejectedException(Name, options.MaxConcurrency, options.MaxQueue);
            }

            // Registered outside the lock: a token cancelled already runs the callback at once, and the callback takes the lock.
            if (waiter.CancellationToken.CanBeCanceled)
            {
                waiter.Registration = waiter.CancellationToken.UnsafeRegister(s_cancelWaiter, waiter);
            }

            return waiter;
        }

        private void RemoveUnderLock(LinkedListNode<Waiter> node)
        {
            _queue.Remove(node);
            Volatile.Write(ref _queued, _queue.Count);
        }

        private void CancelWaiter(Waiter waiter)
        {
            lock (_gate)
            {
                LinkedListNode<Waiter>? node = waiter.Node;
                if (node is null || node.List is null)
                {
                    return; // Already admitted.
                }

                RemoveUnderLock(node);
            }

            waiter.TrySetCanceled(waiter.CancellationToken);
        }

        private sealed class Waiter : TaskCompletionSource<bool>
        {
            private readonly Bulkhead _owner;

            public Waiter(Bulkhead owner)
                : base(TaskCreationOptions.RunContinuationsAsynchronously)
            {
                _owner = owner;
            }

            public bool Admitted { get; set; }

            public LinkedListNode<Waiter>? Node { get; set; }

            public CancellationToken CancellationToken { get; set; }

            public CancellationTokenRegistration Registration { get; set; }

            public void Cancel() => _owner.CancelWaiter(this);
        }
    }
}
