using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Resilience
{
    /// <summary>
    /// The self-healing loop (the seed documents' section 6): probes every component at an interval and, for an unhealthy one,
    /// runs its recovery action at most once per cooldown, verifies it with a probe, fails over to a backup while the primary
    /// stays unhealthy and fails back once its probe passes, and after N failed recoveries in a row stops recovering and
    /// escalates to humans once (restart-loop protection). A trigger breaker opening starts a check at once.
    /// </summary>
    /// <remarks>
    /// Every probe and action is bounded by its own timeout on the configured <see cref="TimeProvider"/> (an action that
    /// ignores its token is abandoned, not awaited forever); every exception is logged; nothing it runs can stop the host.
    /// Rounds never overlap. Register it with <c>services.AddSelfHealing(...)</c>; tests call <see cref="CheckAsync"/> directly.
    /// </remarks>
    public sealed class SelfHealingService : BackgroundService
    {
        private readonly SelfHealingOptions _options;
        private readonly ILogger _logger;
        private readonly TimeProvider _time;
        private readonly ComponentState[] _states;
        private readonly SemaphoreSlim _round = new(1, 1);
        private TaskCompletionSource _wake = NewSignal();

        /// <summary>Creates the service over <paramref name="options"/> (validated).</summary>
        public SelfHealingService(SelfHealingOptions options, ILogger<SelfHealingService>? logger = null)
        {
            _options = options ?? throw new ArgumentNullException(nameof(options));
            options.Validate();
            _logger = (ILogger?)logger ?? NullLogger.Instance;
            _time = options.TimeProvider ?? ResilienceRuntime.TimeProvider;
            _states = new ComponentState[options.Components.Count];
            for (int i = 0; i < _states.Length; i++)
            {
                _states[i] = new ComponentState(options.Components[i]);
            }

            options.Breakers.StateChanged += OnBreakerStateChanged;
        }

        /// <summary>A snapshot of every component, in the order they were added.</summary>
        public IReadOnlyList<SelfHealingComponentStatus> GetStatus()
        {
            var list = new SelfHealingComponentStatus[_states.Length];
            for (int i = 0; i < list.Length; i++)
            {
                list[i] = _states[i].Snapshot();
            }

            return list;
        }

        /// <summary>Runs one round: probes every component and recovers, fails over, fails back or escalates as needed.</summary>
        public async Task CheckAsync(CancellationToken cancellationToken = default)
        {
            await _round.WaitAsync(cancellationToken).ConfigureAwait(false);
            try
            {
                foreach (ComponentState state in _states)
                {
                    cancellationToken.ThrowIfCancellationRequested();
                    await CheckComponentAsync(state, cancellationToken).ConfigureAwait(false);
                }
            }
            finally
            {
                _round.Release();
            }
        }

        /// <inheritdoc/>
        public override void Dispose()
        {
            _options.Breakers.StateChanged -= OnBreakerStateChanged;
            base.Dispose();
        }

        /// <inheritdoc/>
        protected override async Task ExecuteAsync(CancellationToken stoppingToken)
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                TaskCompletionSource wake = NewSignal();
                Volatile.Write(ref _wake, wake);
                try
                {
                    await CheckAsync(stoppingToken).ConfigureAwait(false);
                }
                catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
                {
                    return;
                }
                catch (Exception ex)
                {
                    SelfHealingLog.RoundFailed(_logger, ex);
                }

                using var interval = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
                Task delay = Task.Delay(_options.ProbeInterval, _time, interval.Token);
                await Task.WhenAny(delay, wake.Task).ConfigureAwait(false);
                interval.Cancel();
            }
        }

        private async Task CheckComponentAsync(ComponentState state, CancellationToken cancellationToken)
        {
            SelfHealingComponentOptions component = state.Options;
            (bool healthy, string? reason, Exception? probeError) = await ProbeAsync(component, cancellationToken).ConfigureAwait(false);
            string? openBreaker = OpenTrigger(component);
            if (healthy && openBreaker is null)
            {
                if (state.Healthy == false)
                {
                    SelfHealingLog.HealthyAgain(_logger, component.Name);
                }

                state.MarkHealthy();
                await FailBackIfOnBackupAsync(state, cancellationToken).ConfigureAwait(false);
                return;
            }

            reason = healthy ? $"breaker '{openBreaker}' is {_options.Breakers[openBreaker!].State}" : reason;
            state.Healthy = false;
            state.LastError = reason;
            SelfHealingLog.Unhealthy(_logger, component.Name, reason!);

            bool recovered = await TryRecoverAsync(state, probeError, cancellationToken).ConfigureAwait(false);
            if (recovered)
            {
                await FailBackIfOnBackupAsync(state, cancellationToken).ConfigureAwait(false);
            }
            else if (component.Failover is { } failover && !state.UsingBackup
                && await RunActionAsync("failover", component, failover, cancellationToken).ConfigureAwait(false) is null)
            {
                state.UsingBackup = true;
                SelfHealingLog.FailedOver(_logger, component.Name);
                SelfHealingTelemetry.Failover(component.Name);
            }
        }

        private async Task<bool> TryRecoverAsync(ComponentState state, Exception? probeError, CancellationToken cancellationToken)
        {
            SelfHealingComponentOptions component = state.Options;
            if (state.Escalated || component.Recover is not { } recover)
            {
                return false;
            }

            DateTimeOffset now = _time.GetUtcNow();
            if (state.LastRecoveryTime is { } last && now - last < component.RecoveryCooldown)
            {
                SelfHealingLog.OnCooldown(_logger, component.Name, Math.Ceiling((component.RecoveryCooldown - (now - last)).TotalSeconds));
                SelfHealingTelemetry.Recovery(component.Name, "skipped_cooldown");
                return false;
            }

            state.LastRecoveryTime = now;
            state.Recoveries++;
            SelfHealingLog.RecoveryStarted(_logger, component.Name, state.ConsecutiveFailedRecoveries + 1);
            string? error = await RunActionAsync("recovery", component, recover, cancellationToken).ConfigureAwait(false);
            Exception? verifyError = null;
            if (error is null)
            {
                (bool healthy, string? reason, Exception? ex) = await ProbeAsync(component, cancellationToken).ConfigureAwait(false);
                error = healthy ? null : "the probe still fails after the recovery: " + reason;
                verifyError = ex;
            }

            if (error is null)
            {
                state.MarkHealthy();
                SelfHealingLog.RecoverySucceeded(_logger, component.Name);
                SelfHealingTelemetry.Recovery(component.Name, "succeeded");
                return true;
            }

            state.ConsecutiveFailedRecoveries++;
            state.LastError = error;
            SelfHealingLog.RecoveryFailed(_logger, component.Name, state.ConsecutiveFailedRecoveries, error, verifyError ?? probeError);
            SelfHealingTelemetry.Recovery(component.Name, "failed");
            if (state.ConsecutiveFailedRecoveries >= component.MaxConsecutiveFailedRecoveries)
            {
                state.Escalated = true;
                await EscalateAsync(state, cancellationToken).ConfigureAwait(false);
            }

            return false;
        }

        private async Task FailBackIfOnBackupAsync(ComponentState state, CancellationToken cancellationToken)
        {
            if (state.UsingBackup && state.Options.Failback is { } failback
                && await RunActionAsync("failback", state.Options, failback, cancellationToken).ConfigureAwait(false) is null)
            {
                state.UsingBackup = false;
                SelfHealingLog.FailedBack(_logger, state.Options.Name);
                SelfHealingTelemetry.Failback(state.Options.Name);
            }
        }

        private async Task EscalateAsync(ComponentState state, CancellationToken cancellationToken)
        {
            SelfHealingComponentOptions component = state.Options;
            SelfHealingLog.Escalated(_logger, component.Name, state.ConsecutiveFailedRecoveries);
            SelfHealingTelemetry.Escalation(component.Name);
            if (_options.OnEscalation is not { } escalate)
            {
                return;
            }

            var escalation = new SelfHealingEscalation(component.Name, state.ConsecutiveFailedRecoveries, _time.GetUtcNow(), state.LastError, state.UsingBackup);
            try
            {
                await BoundedAsync(ct => escalate(escalation, ct), component.ActionTimeout, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
            {
                SelfHealingLog.EscalationFailed(_logger, component.Name, ex);
            }
        }

        private async Task<(bool Healthy, string? Reason, Exception? Error)> ProbeAsync(SelfHealingComponentOptions component, CancellationToken cancellationToken)
        {
            bool healthy;
            string? reason = null;
            Exception? error = null;
            try
            {
                healthy = await BoundedAsync(component.Probe!, component.ProbeTimeout, cancellationToken).ConfigureAwait(false);
                reason = healthy ? null : "the probe failed";
            }
            catch (TimeoutException ex)
            {
                healthy = false;
                reason = $"the probe did not answer within {component.ProbeTimeout.TotalSeconds:0.###} s";
                error = ex;
            }
            catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
            {
                healthy = false;
                reason = $"the probe threw {ex.GetType().Name}: {ex.Message}";
                error = ex;
            }

            SelfHealingTelemetry.Probe(component.Name, healthy);
            return (healthy, reason, error);
        }

        /// <summary>Runs an action bounded by the component's timeout; returns <see langword="null"/> on success, otherwise why it failed (logged).</summary>
        private async Task<string?> RunActionAsync(string action, SelfHealingComponentOptions component, Func<CancellationToken, Task> run, CancellationToken cancellationToken)
        {
            try
            {
                await BoundedAsync(
                    async ct =>
                    {
                        await run(ct).ConfigureAwait(false);
                        return true;
                    },
                    component.ActionTimeout,
                    cancellationToken).ConfigureAwait(false);
                return null;
            }
            catch (TimeoutException ex)
            {
                string reason = $"did not finish within {component.ActionTimeout.TotalSeconds:0.###} s";
                SelfHealingLog.ActionFailed(_logger, action, component.Name, reason, ex);
                return $"{action} {reason}";
            }
            catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
            {
                string reason = $"{ex.GetType().Name}: {ex.Message}";
                SelfHealingLog.ActionFailed(_logger, action, component.Name, reason, ex);
                return $"{action} threw {reason}";
            }
        }

        /// <summary>
        /// Runs <paramref name="run"/> with a token cancelled after <paramref name="timeout"/>, and stops waiting for it then even
        /// if it ignores the token (throws <see cref="TimeoutException"/>).
        /// </summary>
        private async Task<T> BoundedAsync<T>(Func<CancellationToken, Task<T>> run, TimeSpan timeout, CancellationToken cancellationToken)
        {
            using var bound = new CancellationTokenSource(timeout, _time);
            using var linked = CancellationTokenSource.CreateLinkedTokenSource(bound.Token, cancellationToken);
            Task<T> task;
            try
            {
                task = run(linked.Token);
            }
            catch (OperationCanceledException) when (bound.IsCancellationRequested)
            {
                throw new TimeoutException();
            }

            try
            {
                return await task.WaitAsync(timeout, _time, cancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (bound.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
            {
                throw new TimeoutException();
            }
        }

        private Task BoundedAsync(Func<CancellationToken, Task> run, TimeSpan timeout, CancellationToken cancellationToken) =>
            BoundedAsync(
                async ct =>
                {
                    await run(ct).ConfigureAwait(false);
                    return true;
                },
                timeout,
                cancellationToken);

        private string? OpenTrigger(SelfHealingComponentOptions component)
        {
            foreach (string name in component.TriggerBreakers)
            {
                if (_options.Breakers.TryGet(name, out CircuitBreaker? breaker) && breaker.State is CircuitBreakerState.Open or CircuitBreakerState.Isolated)
                {
                    return name;
                }
            }

            return null;
        }

        private void OnBreakerStateChanged(object? sender, CircuitBreakerStateChangedEventArgs change)
        {
            if (change.NewState is not (CircuitBreakerState.Open or CircuitBreakerState.Isolated))
            {
                return;
            }

            foreach (ComponentState state in _states)
            {
                if (state.Options.TriggerBreakers.Contains(change.BreakerName))
                {
                    SelfHealingLog.BreakerTriggered(_logger, change.BreakerName, state.Options.Name);
                    Volatile.Read(ref _wake).TrySetResult();
                }
            }
        }

        private static TaskCompletionSource NewSignal() => new(TaskCreationOptions.RunContinuationsAsynchronously);

        /// <summary>The mutable state of one component; changed only inside a round (under <see cref="_round"/>).</summary>
        private sealed class ComponentState
        {
            public ComponentState(SelfHealingComponentOptions options)
            {
                Options = options;
            }

            public SelfHealingComponentOptions Options { get; }

            public bool? Healthy { get; set; }

            public bool UsingBackup { get; set; }

            public bool Escalated { get; set; }

            public int ConsecutiveFailedRecoveries { get; set; }

            public long Recoveries { get; set; }

            public DateTimeOffset? LastRecoveryTime { get; set; }

            public string? LastError { get; set; }

            public void MarkHealthy()
            {
                Healthy = true;
                Escalated = false;
                ConsecutiveFailedRecoveries = 0;
                LastError = null;
            }

            public SelfHealingComponentStatus Snapshot() =>
                new(Options.Name, Healthy, UsingBackup, Escalated, ConsecutiveFailedRecoveries, Recoveries, LastRecoveryTime, LastError);
        }
    }
}
