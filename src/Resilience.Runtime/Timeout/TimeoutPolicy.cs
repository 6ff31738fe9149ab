using System;
using System.Collections.Generic;
using System.ComponentModel;
using System.Threading;
using System.Threading.Tasks;

namespace Resilience
{
    /// <summary>
    /// The run-time side of one <see cref="TimeoutAttribute"/>. Generated code calls <see cref="Start"/> once per attempt
    /// and passes the lease's token to the implementation.
    /// </summary>
    [EditorBrowsable(EditorBrowsableState.Never)]
    public sealed class TimeoutPolicy : ConfigurablePolicy<TimeoutOptions>, IConfigurablePolicy
    {
        /// <summary>Creates the policy and validates <paramref name="options"/>.</summary>
        public TimeoutPolicy(string name, TimeoutOptions options)
            : base(name, options)
        {
            ResiliencePolicyRegistry.Register(this);
        }

        /// <summary>
        /// Starts timing one attempt. Dispose the lease when the attempt ends. While <see cref="PolicyKind.Timeout"/> is switched
        /// off, the lease carries the caller's token and never times out.
        /// </summary>
        /// <param name="cancellationToken">The caller's token; cancelling it cancels the lease's token too.</param>
        public TimeoutLease Start(CancellationToken cancellationToken) =>
            ResilienceRuntime.IsEnabled(PolicyKind.Timeout)
                ? new TimeoutLease(this, Options.Timeout, cancellationToken)
                : new TimeoutLease(this, cancellationToken);

        private protected override void Validate(TimeoutOptions options) => options.Validate(Name);

        PolicyKind IConfigurablePolicy.Kind => PolicyKind.Timeout;

        void IConfigurablePolicy.ApplyConfiguration(IReadOnlyDictionary<string, string>? values) =>
            Override(values is null ? null : PolicyOptionsBinder.BindTimeout(
                DefaultOptions,
                values,
                Name,
                hasAttemptSibling: DefaultOptions.Scope == TimeoutScope.Overall && ResiliencePolicyRegistry.HasAttemptTimeout(Name)));

        /// <summary>
        /// For an implementation that takes no <see cref="CancellationToken"/>: stops waiting for <paramref name="task"/> after the
        /// timeout and throws <see cref="ResilienceTimeoutException"/>; the work itself goes on and its result is abandoned.
        /// </summary>
        public Task AbandonAfterTimeout(Task task)
        {
            return task.IsCompleted || !ResilienceRuntime.IsEnabled(PolicyKind.Timeout) ? task : WaitOrTimeout(task);

            async Task WaitOrTimeout(Task pending)
            {
                TimeSpan timeout = Options.Timeout;
                try
                {
                    await pending.WaitAsync(timeout, ResilienceRuntime.TimeProvider).ConfigureAwait(false);
                }
                catch (TimeoutException ex) when (ex is not ResilienceTimeoutException && !pending.IsCompleted)
                {
                    ResilienceTelemetry.OnTimeout(Name, timeout);
                    throw new ResilienceTimeoutException(Name, timeout, ex);
                }
            }
        }

        /// <inheritdoc cref="AbandonAfterTimeout(Task)"/>
        public Task<T> AbandonAfterTimeout<T>(Task<T> task)
        {
            return task.IsCompleted || !ResilienceRuntime.IsEnabled(PolicyKind.Timeout) ? task : WaitOrTimeout(task);

            async Task<T> WaitOrTimeout(Task<T> pending)
            {
                TimeSpan timeout = Options.Timeout;
                try
                {
                    return await pending.WaitAsync(timeout, ResilienceRuntime.TimeProvider).ConfigureAwait(false);
                }
                catch (TimeoutException ex) when (ex is not ResilienceTimeoutException && !pending.IsCompleted)
                {
                    ResilienceTelemetry.OnTimeout(Name, timeout);
                    throw new ResilienceTimeoutException(Name, timeout, ex);
                }
            }
        }

        /// <inheritdoc cref="AbandonAfterTimeout(Task)"/>
        public ValueTask AbandonAfterTimeout(ValueTask task) =>
            task.IsCompleted || !ResilienceRuntime.IsEnabled(PolicyKind.Timeout) ? task : new ValueTask(AbandonAfterTimeout(task.AsTask()));

        /// <inheritdoc cref="AbandonAfterTimeout(Task)"/>
        public ValueTask<T> AbandonAfterTimeout<T>(ValueTask<T> task) =>
            task.IsCompleted || !ResilienceRuntime.IsEnabled(PolicyKind.Timeout) ? task : new ValueTask<T>(AbandonAfterTimeout(task.AsTask()));
    }
}
