using System.Collections.Generic;

namespace Resilience.Generators
{
    /// <summary>
    /// Why a method cannot be generated. A method with reasons gets a body that throws <see cref="System.NotSupportedException"/>
    /// naming them, instead of a confusing compiler error; a RES diagnostic tells the user the fix.
    /// </summary>
    internal sealed class StubReasons
    {
        private List<string>? _reasons;

        public string? Text => _reasons is null ? null : string.Join("; ", _reasons);

        public void Add(string reason) => (_reasons ??= new List<string>()).Add(reason);

        public void Require(bool condition, string message)
        {
            if (!condition)
            {
                Add(message);
            }
        }
    }
}
