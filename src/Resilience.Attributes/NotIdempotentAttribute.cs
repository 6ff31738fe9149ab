using System;

namespace Resilience
{
    /// <summary>
    /// Marks a method (or every method of an interface, class or struct) whose effect is not safe to repeat: an SDK
    /// wrapper that sends a message, an internal client that increments a remote counter. The hazard analyzer reports
    /// RES1007 wherever such a method is called from code that runs again (a <c>[Retry]</c> attempt, a
    /// <c>[Checkpoint]</c> step), including through interfaces the marked type implements.
    /// </summary>
    /// <remarks>Only read by the analyzers; it changes nothing at run time.</remarks>
    [AttributeUsage(
        AttributeTargets.Method | AttributeTargets.Interface | AttributeTargets.Class | AttributeTargets.Struct,
        AllowMultiple = false,
        Inherited = true)]
    public sealed class NotIdempotentAttribute : Attribute
    {
        /// <summary>Creates the attribute.</summary>
        public NotIdempotentAttribute()
        {
        }

        /// <summary>Creates the attribute with a short description of the effect, used in the diagnostic ("a remote increment").</summary>
        /// <param name="effect">What repeating the call does, worded to follow "calls 'X'": "a remote increment", "sends an e-mail".</param>
        public NotIdempotentAttribute(string effect)
        {
            Effect = effect;
        }

        /// <summary>What repeating the call does, shown in the diagnostic; null for the generic wording.</summary>
        public string? Effect { get; }
    }
}
