using System;
using System.Collections.Generic;
using System.Threading;

namespace Resilience
{
    /// <summary>The run-time side of one <see cref="FallbackAttribute"/>: decides which failures the fallback takes over from.</summary>
    public sealed class FallbackPolicy : IConfigurablePolicy
    {
        private FallbackOptions _options;

        /// <summary>Creates the policy.</summary>
        /// <param name="name">The policy name of the annotated method.</param>
        /// <param name="fallbackMethod">The fallback method's name, for messages and telemetry.</param>
        /// <param name="options">The attribute's values.</param>
        public FallbackPolicy(string name, string fallbackMethod, FallbackOptions options)
        {
            Name = name ?? throw new ArgumentNullException(nameof(name));
            FallbackMethod = fallbackMethod ?? throw new ArgumentNullException(nameof(fallbackMethod));
            DefaultOptions = options ?? throw new ArgumentNullException(nameof(options));
            options.Validate(name);
            _options = options;
            ResiliencePolicyRegistry.Register(this);
        }

        /// <summary>The policy name of the annotated method.</summary>
        public string Name { get; }

        /// <summary>The fallback method's name.</summary>
        public string FallbackMethod { get; }

        /// <summary>The values given by the attribute.</summary>
        public FallbackOptions DefaultOptions { get; }

        /// <summary>The values in force.</summary>
        public FallbackOptions Options => Volatile.Read(ref _options);

        /// <summary>Replaces the values in force (after validating them); <see langword="null"/> restores the attribute's.</summary>
        public void Override(FallbackOptions? options)
        {
            options?.Validate(Name);
            Volatile.Write(ref _options, options ?? DefaultOptions);
        }

        /// <summary>
        /// Whether the fallback takes over from <paramref name="exception"/>: never from the caller's cancellation, otherwise as
        /// <c>HandleOn</c>/<c>SkipOn</c> say. Changes no state (it records the fallback in telemetry when it returns
        /// <see langword="true"/>); call it from an exception filter. Always <see langword="false"/> while
        /// <see cref="PolicyKind.Fallback"/> is switched off.
        /// </summary>
        public bool Handles(Exception exception, CancellationToken cancellationToken)
        {
            if (!ResilienceRuntime.IsEnabled(PolicyKind.Fallback)
                || CallerCancellation.IsCallerCancellation(exception, cancellationToken)
                || !Options.Exceptions.Matches(exception))
            {
                return false;
            }

            ResilienceTelemetry.OnFallback(Name, FallbackMethod, exception);
            return true;
        }

        /// <summary>
        /// Whether the fallback takes over from a breaker's <paramref name="rejection"/> (see <see cref="CircuitBreaker.TryEnter"/>):
        /// the same answer and the same telemetry as <see cref="Handles"/> gives for the <see cref="CircuitBreakerOpenException"/>
        /// the rejection stands for, without that exception being created. Changes no state. Always <see langword="false"/>
        /// while <see cref="PolicyKind.Fallback"/> is switched off.
        /// </summary>
        public bool HandlesRejection(in CircuitBreakerRejection rejection)
        {
            // A rejection is never the caller's cancellation: only the HandleOn/SkipOn filter decides.
            if (!ResilienceRuntime.IsEnabled(PolicyKind.Fallback) || !Options.Exceptions.Matches(typeof(CircuitBreakerOpenException)))
            {
                return false;
            }

            ResilienceTelemetry.OnFallback(Name, FallbackMethod, rejection);
            return true;
        }

        /// <summary>
        /// Whether the fallback takes over from a result that its <c>HandleOnResult</c> predicate named a failure (call it after
        /// the predicate said yes). Records the fallback in telemetry when it returns <see langword="true"/>. Always
        /// <see langword="false"/> while <see cref="PolicyKind.Fallback"/> is switched off.
        /// </summary>
        public bool HandlesResult()
        {
            if (!ResilienceRuntime.IsEnabled(PolicyKind.Fallback))
            {
                return false;
            }

            ResilienceTelemetry.OnFallbackOnResult(Name, FallbackMethod);
            return true;
        }

        /// <summary>
        /// The failure a result handled by <c>HandleOnResult</c> stands for: passed to a fallback method's trailing
        /// <see cref="Exception"/> parameter and listed in <see cref="FallbackExhaustedException"/>.
        /// </summary>
        public HandledResultException ResultFailure<TResult>(TResult result) => new HandledResultException(Name, result);

        PolicyKind IConfigurablePolicy.Kind => PolicyKind.Fallback;

        void IConfigurablePolicy.ApplyConfiguration(IReadOnlyDictionary<string, string>? values) =>
            Override(values is null ? null : PolicyOptionsBinder.BindFallback(DefaultOptions, values, Name));
    }
}
