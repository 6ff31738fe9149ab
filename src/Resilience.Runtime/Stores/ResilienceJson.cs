using System;
using System.Diagnostics.CodeAnalysis;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using System.Threading;

namespace Resilience
{
    /// <summary>
    /// The System.Text.Json settings used to store results of <see cref="IdempotentAttribute"/> methods and
    /// <see cref="CheckpointAttribute"/> steps, and to fingerprint arguments (<see cref="ArgumentFingerprint"/>).
    /// </summary>
    /// <remarks>
    /// By default reflection-based serialization is used where the application allows it. Native AOT and trimmed
    /// applications plug in a source-generated context at start-up:
    /// <code>ResilienceJson.Options = new JsonSerializerOptions { TypeInfoResolver = MyJsonContext.Default };</code>
    /// or combine resolvers with <see cref="JsonTypeInfoResolver.Combine(IJsonTypeInfoResolver?[])"/>.
    /// The options are made read-only when first used.
    /// </remarks>
    public static class ResilienceJson
    {
        private static JsonSerializerOptions s_options = CreateDefaultOptions();

        /// <summary>The serializer options in force (set them at start-up, before the first protected call).</summary>
        public static JsonSerializerOptions Options
        {
            get => Volatile.Read(ref s_options);
            set
            {
                ArgumentNullException.ThrowIfNull(value);
                if (value.TypeInfoResolver is null)
                {
                    throw new ArgumentException("The options need a TypeInfoResolver (e.g. a source-generated JsonSerializerContext).", nameof(value));
                }

                Volatile.Write(ref s_options, value);
            }
        }

        /// <summary>Creates options like the default ones, for callers that want to change one setting.</summary>
        /// <remarks>
        /// The defaults store values exactly or not at all (docs/idempotent.md, "What round-trips"): public fields are
        /// included, <c>NaN</c> and infinities are written as the strings <c>"NaN"</c>, <c>"Infinity"</c> and
        /// <c>"-Infinity"</c>, and with reflection the resolver also sets properties with a non-public setter and get-only
        /// auto-properties (through their backing field), and fills get-only collections in place. Every stored value is
        /// read back and compared before it is stored; a value that would come back different is rejected.
        /// </remarks>
        public static JsonSerializerOptions CreateDefaultOptions()
        {
            return new JsonSerializerOptions(JsonSerializerDefaults.General)
            {
                TypeInfoResolver = CreateDefaultResolver(),
                IncludeFields = true,
                NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
            };
        }

        internal static byte[] Serialize<T>(T value) => JsonSerializer.SerializeToUtf8Bytes(value, GetTypeInfo<T>());

        internal static T Deserialize<T>(ReadOnlySpan<byte> utf8Json) => JsonSerializer.Deserialize(utf8Json, GetTypeInfo<T>())!;

        internal static JsonTypeInfo<T> GetTypeInfo<T>()
        {
            JsonSerializerOptions options = Options;
            try
            {
                return (JsonTypeInfo<T>)options.GetTypeInfo(typeof(T));
            }
            catch (NotSupportedException ex)
            {
                throw new InvalidOperationException(
                    $"ResilienceJson.Options cannot serialize '{typeof(T)}'. Add it to the JsonSerializerContext set in ResilienceJson.Options.", ex);
            }
        }

        [UnconditionalSuppressMessage("Trimming", "IL2026", Justification = "Only used when reflection-based serialization is enabled; AOT apps set a source-generated resolver.")]
        [UnconditionalSuppressMessage("AOT", "IL3050", Justification = "Only used when reflection-based serialization is enabled; AOT apps set a source-generated resolver.")]
        private static IJsonTypeInfoResolver CreateDefaultResolver()
        {
            if (!JsonSerializer.IsReflectionEnabledByDefault)
            {
                return JsonTypeInfoResolver.Combine();
            }

            var resolver = new DefaultJsonTypeInfoResolver();
            resolver.Modifiers.Add(ExactMembers.Apply);
            return resolver;
        }
    }
}
