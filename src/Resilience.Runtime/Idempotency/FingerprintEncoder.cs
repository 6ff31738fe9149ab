using System;
using System.Collections;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.IO;
using System.Numerics;
using System.Reflection;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace Resilience
{
    internal static class FingerprintTags
    {
        public const byte Null = 0;
        public const byte String = 1;
        public const byte Int32 = 2;
        public const byte Int64 = 3;
        public const byte Boolean = 4;
        public const byte Guid = 5;
        public const byte Scalar = 6;      // type name + fixed bytes of a primitive-like value
        public const byte Enum = 7;        // type name + underlying value
        public const byte Object = 8;      // type name + member count + (name, value)*
        public const byte Sequence = 9;    // value* + End + count (any collection type)
        public const byte Unordered = 10;  // count + sorted (length, encoded value)* (sets, dictionaries)
        public const byte Array = 11;      // rank + lengths + value* (row-major; multi-dimensional arrays)
        public const byte BackReference = 12; // a cycle: how many levels up the path the object is
        public const byte Text = 13;       // type name + a canonical text form (Uri, Version, JSON values, Type)
        public const byte End = 14;        // closes a sequence (never the first byte of a value)
    }

    /// <summary>The general path of <see cref="ArgumentFingerprint"/>: the canonical encoding of any value, by its run-time type.</summary>
    [UnconditionalSuppressMessage("Trimming", "IL2026", Justification = "Fingerprints read the public members of run-time argument types; docs/idempotent.md tells trimmed apps to keep them.")]
    [UnconditionalSuppressMessage("Trimming", "IL2070", Justification = "See above.")]
    [UnconditionalSuppressMessage("Trimming", "IL2072", Justification = "See above.")]
    [UnconditionalSuppressMessage("Trimming", "IL2075", Justification = "See above.")]
    [UnconditionalSuppressMessage("AOT", "IL3050", Justification = "See above.")]
    internal static class FingerprintEncoder
    {
        public const int MaxDepth = 128;

        private static readonly ConcurrentDictionary<Type, TypePlan> s_plans = new();

        public static void WriteValue(ref ArgumentFingerprint target, object? value, int depth)
        {
            if (value is null)
            {
                target.WriteByte(FingerprintTags.Null);
                return;
            }

            if (depth > MaxDepth)
            {
                throw new ArgumentException($"The argument cannot be fingerprinted: it nests deeper than {MaxDepth} levels (at a {value.GetType()}).");
            }

            TypePlan plan = s_plans.GetOrAdd(value.GetType(), static type => TypePlan.Create(type));
            switch (plan.Kind)
            {
                case PlanKind.String:
                    target.WriteString((string)value);
                    return;
                case PlanKind.Int32:
                    target.WriteByte(FingerprintTags.Int32);
                    target.WriteInt64((int)value);
                    return;
                case PlanKind.Int64:
                    target.WriteByte(FingerprintTags.Int64);
                    target.WriteInt64((long)value);
                    return;
                case PlanKind.Boolean:
                    target.WriteByte(FingerprintTags.Boolean);
                    target.WriteByte((bool)value ? (byte)1 : (byte)0);
                    return;
                case PlanKind.Guid:
                    target.WriteByte(FingerprintTags.Guid);
                    Span<byte> guid = stackalloc byte[16];
                    ((Guid)value).TryWriteBytes(guid);
                    target.WriteBytes(guid);
                    return;
                case PlanKind.Scalar:
                    target.WriteByte(FingerprintTags.Scalar);
                    target.WriteUtf16(plan.Name);
                    WriteScalar(ref target, value);
                    return;
                case PlanKind.Enum:
                    target.WriteByte(FingerprintTags.Enum);
                    target.WriteUtf16(plan.Name);
                    target.WriteInt64(IsSigned(value) ? Convert.ToInt64(value, CultureInfo.InvariantCulture) : unchecked((long)Convert.ToUInt64(value, CultureInfo.InvariantCulture)));
                    return;
                case PlanKind.Text:
                    target.WriteByte(FingerprintTags.Text);
                    target.WriteUtf16(plan.Name);
                    target.WriteUtf16(ToCanonicalText(value));
                    return;
                case PlanKind.Rejected when depth == 0:
                    throw new ArgumentException($"An argument of type {value.GetType()} cannot be fingerprinted ({plan.Reason}); pass the data it stands for instead.");
                case PlanKind.Rejected:
                    // A member such as Exception.TargetSite or a callback: compared by its run-time type only.
                    target.WriteByte(FingerprintTags.Text);
                    target.WriteUtf16(plan.Name);
                    target.WriteUtf16(string.Empty);
                    return;
            }

            // Reference types that may recur: a cycle becomes a back-reference to the object up the path.
            List<object> path = target.Path;
            if (!value.GetType().IsValueType)
            {
                for (int i = path.Count - 1; i >= 0; i--)
                {
                    if (ReferenceEquals(path[i], value))
                    {
                        target.WriteByte(FingerprintTags.BackReference);
                        target.WriteInt64(path.Count - i);
                        return;
                    }
                }
            }

            path.Add(value);
            try
            {
                switch (plan.Kind)
                {
                    // A collection is its elements: an IReadOnlyList<string> holding a string[] equals one holding a
                    // List<string> with the same strings (and reads back as one), so the collection type is not encoded.
                    case PlanKind.Array when ((System.Array)value).Rank > 1:
                        WriteArray(ref target, (System.Array)value, depth);
                        break;
                    case PlanKind.Array:
                    case PlanKind.Sequence:
                        target.WriteByte(FingerprintTags.Sequence);
                        WriteSequence(ref target, (IEnumerable)value, depth);
                        break;
                    case PlanKind.Unordered:
                        target.WriteByte(FingerprintTags.Unordered);
                        WriteUnordered(ref target, (IEnumerable)value, depth);
                        break;
                    default:
                        WriteObject(ref target, value, plan, depth);
                        break;
                }
            }
            finally
            {
                path.RemoveAt(path.Count - 1);
            }
        }

        private static bool IsSigned(object value) =>
            Type.GetTypeCode(Enum.GetUnderlyingType(value.GetType())) is TypeCode.SByte or TypeCode.Int16 or TypeCode.Int32 or TypeCode.Int64;

        private static void WriteObject(ref ArgumentFingerprint target, object value, TypePlan plan, int depth)
        {
            target.WriteByte(FingerprintTags.Object);
            target.WriteUtf16(plan.Name);
            target.WriteInt64(plan.Members.Length);
            foreach (MemberPlan member in plan.Members)
            {
                object? memberValue;
                try
                {
                    memberValue = member.GetValue(value);
                }
                catch (TargetInvocationException ex)
                {
                    throw new ArgumentException(
                        $"The argument cannot be fingerprinted: reading {plan.Type}.{member.Name} threw {ex.InnerException?.GetType().Name}: {ex.InnerException?.Message}", ex.InnerException ?? ex);
                }

                target.WriteUtf16(member.Name);
                WriteValue(ref target, memberValue, depth + 1);
            }
        }

        private static void WriteSequence(ref ArgumentFingerprint target, IEnumerable items, int depth)
        {
            // The count goes after the elements (a lazy sequence's count is known only once enumerated).
            long count = 0;
            foreach (object? item in items)
            {
                WriteValue(ref target, item, depth + 1);
                count++;
            }

            target.WriteByte(FingerprintTags.End);
            target.WriteInt64(count);
        }

        // Sets and dictionaries: each element (a KeyValuePair for dictionaries) is encoded on its own, then the encodings
        // are sorted, so two collections with the same content match whatever order they enumerate in.
        private static void WriteUnordered(ref ArgumentFingerprint target, IEnumerable items, int depth)
        {
            var encoded = new List<byte[]>();
            foreach (object? item in items)
            {
                var element = new ArgumentFingerprint();
                element.Path.AddRange(target.Path);
                try
                {
                    WriteValue(ref element, item, depth + 1);
                    encoded.Add(element.ToArrayAndReset());
                }
                finally
                {
                    element.Reset();
                }
            }

            encoded.Sort(static (a, b) => a.AsSpan().SequenceCompareTo(b));
            target.WriteInt64(encoded.Count);
            foreach (byte[] element in encoded)
            {
                target.WriteInt64(element.Length);
                target.WriteBytes(element);
            }
        }

        private static void WriteArray(ref ArgumentFingerprint target, System.Array array, int depth)
        {
            target.WriteByte(FingerprintTags.Array);
            target.WriteInt64(array.Rank);
            for (int i = 0; i < array.Rank; i++)
            {
                target.WriteInt64(array.GetLength(i));
            }

            foreach (object? item in array)
            {
                WriteValue(ref target, item, depth + 1);
            }
        }

        private static void WriteScalar(ref ArgumentFingerprint target, object value)
        {
            Span<byte> bytes = stackalloc byte[16];
            switch (value)
            {
                case double d:
                    target.WriteInt64(BitConverter.DoubleToInt64Bits(d));
                    break;
                case float f:
                    target.WriteInt64(BitConverter.SingleToInt32Bits(f));
                    break;
                case Half h:
                    target.WriteInt64(BitConverter.HalfToInt16Bits(h));
                    break;
                case decimal m:
                    Span<int> bits = stackalloc int[4];
                    decimal.GetBits(m, bits);
                    foreach (int part in bits)
                    {
                        target.WriteInt64(part);
                    }

                    break;
                case char c:
                    target.WriteInt64(c);
                    break;
                case byte b:
                    target.WriteInt64(b);
                    break;
                case sbyte sb:
                    target.WriteInt64(sb);
                    break;
                case short s:
                    target.WriteInt64(s);
                    break;
                case ushort us:
                    target.WriteInt64(us);
                    break;
                case uint ui:
                    target.WriteInt64(ui);
                    break;
                case ulong ul:
                    target.WriteInt64(unchecked((long)ul));
                    break;
                case nint n:
                    target.WriteInt64(n);
                    break;
                case nuint nu:
                    target.WriteInt64(unchecked((long)(ulong)nu));
                    break;
                case Int128 i128:
                    target.WriteInt64(unchecked((long)(i128 >> 64)));
                    target.WriteInt64(unchecked((long)i128));
                    break;
                case UInt128 u128:
                    target.WriteInt64(unchecked((long)(ulong)(u128 >> 64)));
                    target.WriteInt64(unchecked((long)(ulong)u128));
                    break;
                case BigInteger big:
                    byte[] magnitude = big.ToByteArray();
                    target.WriteInt64(magnitude.Length);
                    target.WriteBytes(magnitude);
                    break;
                case DateTime dt:
                    target.WriteInt64(dt.Ticks);
                    target.WriteInt64((long)dt.Kind);
                    break;
                case DateTimeOffset dto:
                    target.WriteInt64(dto.Ticks);
                    target.WriteInt64(dto.Offset.Ticks);
                    break;
                case TimeSpan ts:
                    target.WriteInt64(ts.Ticks);
                    break;
                case DateOnly date:
                    target.WriteInt64(date.DayNumber);
                    break;
                case TimeOnly time:
                    target.WriteInt64(time.Ticks);
                    break;
                default:
                    throw new InvalidOperationException("Unhandled scalar " + value.GetType());
            }
        }

        private static string ToCanonicalText(object value) => value switch
        {
            Uri uri => uri.OriginalString,
            Version version => version.ToString(),
            Type type => TypePlan.StableName(type),
            JsonElement element => element.GetRawText(),
            JsonDocument document => document.RootElement.GetRawText(),
            JsonNode node => node.ToJsonString(),
            StringBuilder builder => builder.ToString(),
            _ => throw new InvalidOperationException("Unhandled text value " + value.GetType()),
        };

        private enum PlanKind
        {
            String,
            Int32,
            Int64,
            Boolean,
            Guid,
            Scalar,
            Enum,
            Text,
            Rejected,
            Array,
            Sequence,
            Unordered,
            Object,
        }

        private sealed class MemberPlan
        {
            private readonly FieldInfo? _field;
            private readonly PropertyInfo? _property;

            public MemberPlan(string name, FieldInfo? field, PropertyInfo? property)
            {
                Name = name;
                _field = field;
                _property = property;
            }

            public string Name { get; }

            public object? GetValue(object instance) => _field is not null ? _field.GetValue(instance) : _property!.GetValue(instance);
        }

        private sealed class TypePlan
        {
            private static readonly HashSet<Type> s_scalars = new()
            {
                typeof(double), typeof(float), typeof(Half), typeof(decimal), typeof(char), typeof(byte), typeof(sbyte), typeof(short),
                typeof(ushort), typeof(uint), typeof(ulong), typeof(nint), typeof(nuint), typeof(Int128), typeof(UInt128),
                typeof(BigInteger), typeof(DateTime), typeof(DateTimeOffset), typeof(TimeSpan), typeof(DateOnly), typeof(TimeOnly),
            };

            private TypePlan(Type type, PlanKind kind, string name, MemberPlan[]? members = null, string? reason = null)
            {
                Reason = reason ?? string.Empty;
                Type = type;
                Kind = kind;
                Name = name;
                Members = members ?? System.Array.Empty<MemberPlan>();
            }

            public Type Type { get; }

            public PlanKind Kind { get; }

            // The stable type name.
            public string Name { get; }

            // Why values of a rejected type have no value to compare.
            public string Reason { get; }

            public MemberPlan[] Members { get; }

            public static TypePlan Create(Type type)
            {
                string name = StableName(type);
                if (type == typeof(string))
                {
                    return new TypePlan(type, PlanKind.String, name);
                }

                if (type == typeof(int) || type == typeof(long) || type == typeof(bool) || type == typeof(Guid))
                {
                    PlanKind kind = type == typeof(int) ? PlanKind.Int32 : type == typeof(long) ? PlanKind.Int64 : type == typeof(bool) ? PlanKind.Boolean : PlanKind.Guid;
                    return new TypePlan(type, kind, name);
                }

                if (s_scalars.Contains(type))
                {
                    return new TypePlan(type, PlanKind.Scalar, name);
                }

                if (type.IsEnum)
                {
                    return new TypePlan(type, PlanKind.Enum, name);
                }

                if (type == typeof(Uri) || type == typeof(Version) || typeof(Type).IsAssignableFrom(type) || type == typeof(JsonElement) ||
                    type == typeof(JsonDocument) || typeof(JsonNode).IsAssignableFrom(type) || type == typeof(StringBuilder))
                {
                    return new TypePlan(type, PlanKind.Text, name);
                }

                if (typeof(Delegate).IsAssignableFrom(type) || typeof(Stream).IsAssignableFrom(type) || type.IsPointer ||
                    typeof(System.Threading.Tasks.Task).IsAssignableFrom(type) || typeof(MemberInfo).IsAssignableFrom(type))
                {
                    return new TypePlan(type, PlanKind.Rejected, name, reason: "a delegate, stream, task or reflection object has no value to compare");
                }

                if (type.IsArray)
                {
                    return new TypePlan(type, PlanKind.Array, name);
                }

                if (typeof(IEnumerable).IsAssignableFrom(type))
                {
                    return new TypePlan(type, IsUnordered(type) ? PlanKind.Unordered : PlanKind.Sequence, name);
                }

                if (type.IsGenericType && (type.GetGenericTypeDefinition() == typeof(Memory<>) || type.GetGenericTypeDefinition() == typeof(ReadOnlyMemory<>)))
                {
                    return new TypePlan(type, PlanKind.Rejected, name, reason: "Memory<T> is a view over a buffer; pass an array");
                }

                return new TypePlan(type, PlanKind.Object, name, CreateMembers(type));
            }

            private static bool IsUnordered(Type type)
            {
                if (typeof(IDictionary).IsAssignableFrom(type))
                {
                    return true;
                }

                foreach (Type implemented in type.GetInterfaces())
                {
                    if (implemented.IsGenericType)
                    {
                        Type definition = implemented.GetGenericTypeDefinition();
                        if (definition == typeof(IDictionary<,>) || definition == typeof(IReadOnlyDictionary<,>) ||
                            definition == typeof(ISet<>) || definition == typeof(IReadOnlySet<>))
                        {
                            return true;
                        }
                    }
                }

                return false;
            }

            private static MemberPlan[] CreateMembers(Type type)
            {
                var members = new List<MemberPlan>();
                foreach (FieldInfo field in type.GetFields(BindingFlags.Public | BindingFlags.Instance))
                {
                    if (!IsIgnored(field))
                    {
                        members.Add(new MemberPlan(field.Name, field, null));
                    }
                }

                foreach (PropertyInfo property in type.GetProperties(BindingFlags.Public | BindingFlags.Instance))
                {
                    if (property.GetIndexParameters().Length == 0 && property.GetGetMethod() is not null &&
                        !property.PropertyType.IsByRefLike && !property.PropertyType.IsPointer && !IsIgnored(property) &&
                        !members.Exists(m => m.Name == property.Name))
                    {
                        members.Add(new MemberPlan(property.Name, null, property));
                    }
                }

                members.Sort(static (a, b) => string.CompareOrdinal(a.Name, b.Name));
                return members.ToArray();
            }

            private static bool IsIgnored(MemberInfo member) =>
                member.GetCustomAttribute<JsonIgnoreAttribute>() is { Condition: JsonIgnoreCondition.Always };

            // Namespace-qualified name with generic arguments, without assembly versions (stable across releases).
            public static string StableName(Type type)
            {
                if (type.IsArray)
                {
                    return StableName(type.GetElementType()!) + "[" + new string(',', type.GetArrayRank() - 1) + "]";
                }

                string name = type.IsNested && type.DeclaringType is { } outer && !type.IsGenericParameter
                    ? StableName(outer.IsGenericTypeDefinition || !outer.IsGenericType ? outer : outer.GetGenericTypeDefinition()) + "+" + type.Name
                    : (type.Namespace is { Length: > 0 } ns ? ns + "." : string.Empty) + type.Name;
                if (!type.IsGenericType || type.IsGenericTypeDefinition)
                {
                    return name;
                }

                var builder = new StringBuilder(name).Append('[');
                Type[] arguments = type.GetGenericArguments();
                for (int i = 0; i < arguments.Length; i++)
                {
                    builder.Append(i == 0 ? string.Empty : ",").Append(StableName(arguments[i]));
                }

                return builder.Append(']').ToString();
            }
        }
    }
}
