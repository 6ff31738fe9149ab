using System;

namespace Resilience
{
    /// <summary>
    /// Says that changing this field or property, or calling this method, again on every attempt is intended: a
    /// counter that exists to count attempts (telemetry), a log of attempts. The hazard analyzer reports nothing for it
    /// (RES1001–RES1013). <c>System.Diagnostics.Metrics</c> instruments need no attribute: they are never hazards.
    /// </summary>
    /// <remarks>Only read by the analyzers; it changes nothing at run time.</remarks>
    [AttributeUsage(
        AttributeTargets.Field | AttributeTargets.Property | AttributeTargets.Method | AttributeTargets.Class | AttributeTargets.Struct | AttributeTargets.Interface,
        AllowMultiple = false,
        Inherited = true)]
    public sealed class SafeToRepeatAttribute : Attribute
    {
    }
}
