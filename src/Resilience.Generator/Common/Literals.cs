using System.Globalization;
using Microsoft.CodeAnalysis.CSharp;

namespace Resilience.Generators
{
    /// <summary>Culture-invariant C# literals for emitted code.</summary>
    internal static class Literals
    {
        public static string Int(int value) => value.ToString(CultureInfo.InvariantCulture);

        public static string Double(double value)
        {
            string text = value.ToString("R", CultureInfo.InvariantCulture);
            return text.IndexOfAny(new[] { '.', 'E', 'e' }) >= 0 ? text : text + ".0";
        }

        public static string String(string text) => SymbolDisplay.FormatLiteral(text, quote: true);
    }
}
