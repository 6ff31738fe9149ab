using System;
using System.Collections.Generic;
using System.ComponentModel;
using System.Threading;

namespace Resilience
{
    /// <summary>The run-time side of one <see cref="FallbackAttribute"/>: decides which failures the fallback takes over from.</summary>
    [EditorBrowsable(EditorBrowsableState.Never)]
    public sealed class FallbackPolicy : ConfigurablePolicy<FallbackOptions>, IConfigurablePolicy
    {
        /// <summary>Creates the policy.</summary>
        /// <param name="name">The policy name of the annotated method.</param>
        /// <param name="fallbackMethod">The fallback method's name, for messages and telemetry.</param>
        /// <param name="options">The attribute's values.</param>
        public FallbackPolicy(string name, string fallbackMethod, FallbackOptions options)
            : base(name, options)
        {
            FallbackMethod = fallbackMethod ?? throw new ArgumentNullException(nameof(fallbackMethod));
            ResiliencePolicyRegistry.Register(this);
        }

        /// <summary>The fallback method's name.</summary>
        public string FallbackMethod { get; }

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

        private protected override void Validate(FallbackOptions options) => options.Validate(Name);

        PolicyKind IConfigurablePolicy.Kind => PolicyKind.Fallback;

        void IConfigurablePolicy.ApplyConfiguration(IReadOnlyDictionary<string, string>? values) =>
            Override(values is null ? null : PolicyOptionsBinder.BindFallback(DefaultOptions, values, Name));
    }
}
