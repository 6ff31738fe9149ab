using System;
using System.Collections;
using System.Diagnostics.CodeAnalysis;
using System.Reflection;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;

namespace Resilience
{
    /// <summary>
    /// Results and checkpoint state as stored: serialized with <see cref="ResilienceJson.Options"/> and verified to read back
    /// exactly (same JSON, same run-time types, same public values) before they are stored, so that a replay is never
    /// silently different from the original.
    /// </summary>
    internal static class StoredValue
    {
        // A stored payload that starts with 0x00 is not JSON: it records that the action ran but its result could not be
        // stored (the text after the marker says why).
        private static readonly byte[] s_unavailableMarker = Encoding.UTF8.GetBytes("\0resilience:result-unavailable\n");

        /// <summary>
        /// Throws <see cref="NotSupportedException"/> when values of <typeparamref name="T"/> can never be read back as
        /// themselves (an interface or abstract type without polymorphism metadata, or <see cref="object"/>), before anything runs.
        /// </summary>
        public static void EnsureStorable<T>(string what)
        {
            if (TypeCheck<T>.Error is { } error)
            {
                throw new NotSupportedException($"{what}: {error}");
            }
        }

        /// <summary>Serializes <paramref name="value"/> and verifies that it reads back exactly; throws <see cref="NotSupportedException"/> otherwise.</summary>
        public static byte[] Serialize<T>(T value)
        {
            if (TypeCheck<T>.Error is { } error)
            {
                throw new NotSupportedException(error);
            }

            JsonTypeInfo<T> typeInfo = ResilienceJson.GetTypeInfo<T>();
            byte[] json;
            T copy;
            try
            {
                json = JsonSerializer.SerializeToUtf8Bytes(value, typeInfo);
                copy = JsonSerializer.Deserialize(json, typeInfo)!;
            }
            catch (JsonException ex) when (ex.Message.Contains("cycle", StringComparison.OrdinalIgnoreCase))
            {
                throw new NotSupportedException(
                    $"A {Describe(value)} contains a reference cycle (or nests deeper than {ResilienceJson.Options.EffectiveMaxDepth()} levels); it cannot be stored as JSON.", ex);
            }
            catch (Exception ex) when (ex is JsonException or NotSupportedException or InvalidOperationException or ArgumentException)
            {
                throw new NotSupportedException($"A {Describe(value)} cannot be stored and read back: {ex.Message}", ex);
            }

            byte[] again = JsonSerializer.SerializeToUtf8Bytes(copy, typeInfo);
            if (!json.AsSpan().SequenceEqual(again))
            {
                throw new NotSupportedException(
                    $"A {Describe(value)} does not read back as it was stored (stored {Excerpt(json)}, read back {Excerpt(again)}): a member cannot be set back. Give it a setter, a matching constructor parameter or [JsonInclude].");
            }

            string original;
            string readBack;
            try
            {
                original = Fingerprint(value);
                readBack = Fingerprint(copy);
            }
            catch (ArgumentException ex)
            {
                throw new NotSupportedException($"A {Describe(value)} cannot be compared after reading it back: {ex.Message}", ex);
            }

            if (!string.Equals(original, readBack, StringComparison.Ordinal))
            {
                throw new NotSupportedException(
                    $"A {Describe(value)} reads back as a different value (a member's run-time type or a public value is lost, e.g. an 'object' member that comes back as JsonElement).");
            }

            return json;
        }

        public static T Deserialize<T>(ReadOnlySpan<byte> json) => JsonSerializer.Deserialize(json, ResilienceJson.GetTypeInfo<T>())!;

        public static byte[] Unavailable(string reason)
        {
            byte[] text = Encoding.UTF8.GetBytes(reason);
            byte[] payload = new byte[s_unavailableMarker.Length + text.Length];
            s_unavailableMarker.CopyTo(payload, 0);
            text.CopyTo(payload, s_unavailableMarker.Length);
            return payload;
        }

        /// <summary>Whether <paramref name="payload"/> records a result that could not be stored, and why.</summary>
        public static bool IsUnavailable(ReadOnlySpan<byte> payload, [NotNullWhen(true)] out string? reason)
        {
            if (payload.StartsWith(s_unavailableMarker))
            {
                reason = Encoding.UTF8.GetString(payload.Slice(s_unavailableMarker.Length));
                return true;
            }

            reason = null;
            return false;
        }

        private static string Fingerprint<T>(T value)
        {
            var fingerprint = new ArgumentFingerprint();
            fingerprint.Add(value);
            return fingerprint.ToHexString();
        }

        private static string Describe<T>(T value) =>
            value is null || value.GetType() == typeof(T) ? $"value of type {typeof(T)}" : $"value of type {value.GetType()} (declared {typeof(T)})";

        private static string Excerpt(byte[] json) =>
            json.Length <= 200 ? Encoding.UTF8.GetString(json) : Encoding.UTF8.GetString(json, 0, 200) + "…";

        private static int EffectiveMaxDepth(this JsonSerializerOptions options) => options.MaxDepth == 0 ? 64 : options.MaxDepth;

        private static class TypeCheck<T>
        {
            public static readonly string? Error = Check(typeof(T));

            private static string? Check(Type type)
            {
                if (type == typeof(object))
                {
                    return "results typed 'object' cannot be stored exactly (they would replay as JsonElement); declare the concrete result type.";
                }

                if ((type.IsInterface || type.IsAbstract) && !typeof(IEnumerable).IsAssignableFrom(type) &&
                    type.GetCustomAttribute<JsonDerivedTypeAttribute>() is null && type.GetCustomAttribute<JsonPolymorphicAttribute>() is null)
                {
                    return $"values of the {(type.IsInterface ? "interface" : "abstract")} type {type} cannot be read back (no [JsonDerivedType] metadata); declare a concrete type.";
                }

                return null;
            }
        }
    }

    /// <summary>
    /// The reflection resolver's modifier that makes members round-trip: properties with a non-public setter are set
    /// through it, get-only auto-properties through their backing field, and other get-only collections are filled in place.
    /// </summary>
    [UnconditionalSuppressMessage("Trimming", "IL2070", Justification = "Only used by the reflection-based resolver, which is itself not trim-safe.")]
    [UnconditionalSuppressMessage("Trimming", "IL2075", Justification = "Only used by the reflection-based resolver, which is itself not trim-safe.")]
    internal static class ExactMembers
    {
        public static void Apply(JsonTypeInfo typeInfo)
        {
            if (typeInfo.Kind != JsonTypeInfoKind.Object)
            {
                return;
            }

            bool populatable = typeInfo.Type.IsValueType || typeInfo.Type.GetConstructor(Type.EmptyTypes) is not null;
            foreach (JsonPropertyInfo property in typeInfo.Properties)
            {
                if (property.Set is not null || property.AttributeProvider is not PropertyInfo member)
                {
                    continue;
                }

                if (member.GetSetMethod(nonPublic: true) is { } setter)
                {
                    property.Set = (target, value) => setter.Invoke(target, new[] { value });
                }
                else if (member.DeclaringType?.GetField($"<{member.Name}>k__BackingField", BindingFlags.Instance | BindingFlags.NonPublic) is { } backingField)
                {
                    property.Set = (target, value) => backingField.SetValue(target, value);
                }
                else if (populatable && !member.PropertyType.IsValueType && member.PropertyType != typeof(string) && !member.PropertyType.IsArray &&
                    typeof(IEnumerable).IsAssignableFrom(member.PropertyType) && member.PropertyType.Namespace != "System.Collections.Immutable")
                {
                    property.ObjectCreationHandling = JsonObjectCreationHandling.Populate;
                }
            }
        }
    }
}
