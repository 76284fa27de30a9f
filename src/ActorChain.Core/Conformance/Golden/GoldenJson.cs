using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using ActorChain.Core.Codec;

namespace ActorChain.Core.Conformance.Golden;

/// <summary>Reading and writing the vectors' JSON conventions: u64 as number or decimal string, bytes as hex.</summary>
public static class GoldenJson
{
    /// <summary>An unsigned 64-bit integer given as a JSON number or a decimal string.</summary>
    public static ulong U64(JsonElement e) => e.ValueKind switch
    {
        JsonValueKind.Number when e.TryGetUInt64(out var v) => v,
        JsonValueKind.String when ulong.TryParse(e.GetString(), NumberStyles.None, CultureInfo.InvariantCulture, out var v) => v,
        _ => throw new GoldenFormatException($"expected an unsigned 64-bit integer, found {Describe(e)}"),
    };

    /// <summary>A signed 64-bit integer (for the few fields that may be negative).</summary>
    public static long I64(JsonElement e) => e.ValueKind switch
    {
        JsonValueKind.Number when e.TryGetInt64(out var v) => v,
        JsonValueKind.String when long.TryParse(e.GetString(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var v) => v,
        _ => throw new GoldenFormatException($"expected a 64-bit integer, found {Describe(e)}"),
    };

    /// <summary>A 32-bit integer.</summary>
    public static int I32(JsonElement e) => checked((int)I64(e));

    /// <summary>Lowercase hex without <c>0x</c>, as bytes.</summary>
    public static byte[] Bytes(JsonElement e)
    {
        if (e.ValueKind != JsonValueKind.String)
        {
            throw new GoldenFormatException($"expected a hex string, found {Describe(e)}");
        }

        try
        {
            return Convert.FromHexString(e.GetString()!);
        }
        catch (FormatException)
        {
            throw new GoldenFormatException($"not hex: {Describe(e)}");
        }
    }

    /// <summary>A 32-byte hash given as hex.</summary>
    internal static Hash32 Hash(JsonElement e) => new(Bytes(e));

    /// <summary>A required 32-byte hash field of an object.</summary>
    internal static Hash32 Hash(JsonElement obj, string name) => Hash(Get(obj, name));

    /// <summary>A record from its canonical bytes by its strict decoder; a vector whose bytes it refuses is malformed.</summary>
    internal static T Decoded<T>(byte[] bytes, DecodeFn<T> read) where T : class =>
        Canonical.Decode(bytes, read, out var reason) ?? throw new GoldenFormatException($"{typeof(T).Name}: {reason}");

    /// <summary>A string field.</summary>
    public static string Str(JsonElement e) => e.ValueKind == JsonValueKind.String
        ? e.GetString()!
        : throw new GoldenFormatException($"expected a string, found {Describe(e)}");

    /// <summary>A boolean field.</summary>
    public static bool Bool(JsonElement e) => e.ValueKind switch
    {
        JsonValueKind.True => true,
        JsonValueKind.False => false,
        _ => throw new GoldenFormatException($"expected a boolean, found {Describe(e)}"),
    };

    /// <summary>A required property of an object.</summary>
    public static JsonElement Get(JsonElement obj, string name) =>
        obj.ValueKind == JsonValueKind.Object && obj.TryGetProperty(name, out var v)
            ? v
            : throw new GoldenFormatException($"missing field '{name}'");

    /// <summary>An optional property: null when absent or JSON null.</summary>
    public static JsonElement? Opt(JsonElement obj, string name) =>
        obj.ValueKind == JsonValueKind.Object && obj.TryGetProperty(name, out var v) && v.ValueKind != JsonValueKind.Null
            ? v
            : null;

    /// <summary>Lowercase hex of bytes, as the vectors write them.</summary>
    public static string Hex(ReadOnlySpan<byte> bytes) => Convert.ToHexStringLower(bytes);

    /// <summary>A u64 as the vectors write it: a number below 2^53, else a decimal string.</summary>
    public static JsonNode U64Node(ulong v) =>
        v < (1UL << 53) ? JsonValue.Create(v) : JsonValue.Create(v.ToString(CultureInfo.InvariantCulture));

    private static string Describe(JsonElement e)
    {
        var text = e.GetRawText();
        return text.Length > 60 ? text[..60] + "..." : text;
    }
}

/// <summary>A vector that does not have the shape its family's README gives. Names what is wrong.</summary>
public sealed class GoldenFormatException : Exception
{
    /// <summary>Creates the exception.</summary>
    public GoldenFormatException(string message) : base(message) { }

    /// <summary>Creates the exception.</summary>
    public GoldenFormatException() { }

    /// <summary>Creates the exception.</summary>
    public GoldenFormatException(string message, Exception inner) : base(message, inner) { }
}
