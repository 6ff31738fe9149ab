using System;

namespace Resilience
{
    /// <summary>The exception fault injection throws when no other type is configured (see <see cref="ChaosOptions.ExceptionType"/>).</summary>
    public sealed class ChaosFaultException : Exception
    {
        /// <summary>Creates the exception.</summary>
        public ChaosFaultException(string message)
            : base(message)
        {
        }
    }
}
