using System.Buffers;
using System.Collections;
using System.Globalization;
using System.Numerics;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using ActorChain.Core.Codec;
using ActorChain.Node.Events;

namespace ActorChain.Simulation.Outputs;

/// <summary>
/// The JSON forms of the simulation outputs (SIMULATION.md), written with <see cref="Utf8JsonWriter"/>: objects
/// (<see cref="JsonMap"/>, or any sequence of key/value pairs) keep their given key order, except in the canonical form
/// behind <c>resultHash</c>, whose keys are sorted (ordinal) and which has no spaces. Numbers are invariant; a double
/// always shows a fraction or an exponent (<c>96.0</c>), as Java wrote it; hashes are lower-case hex.
/// </summary>
public static class Json
{
    private static readonly JavaScriptEncoder Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping;

    /// <summary>Compact, no spaces: one line of a .jsonl file.</summary>
    public static readonly JsonWriterOptions Compact = new() { Encoder = Encoder, Indented = false };

    /// <summary>Two-space indents, <c>\n</c> line ends on every platform: summary.json.</summary>
    public static readonly JsonWriterOptions Pretty = new() { Encoder = Encoder, Indented = true, IndentSize = 2, NewLine = "\n" };

    /// <summary><paramref name="value"/> as compact JSON, keys in their given order.</summary>
    public static string Write(object? value) => ToText(value, Compact, sorted: false);

    /// <summary><paramref name="value"/> as indented JSON, keys in their given order.</summary>
    public static string WritePretty(object? value) => ToText(value, Pretty, sorted: false);

    /// <summary>The canonical JSON of <paramref name="value"/>: keys sorted (ordinal), no spaces.</summary>
    public static string Canonical(object? value) => ToText(value, Compact, sorted: true);

    /// <summary>Hex SHA-256 of the UTF-8 bytes of <see cref="Canonical"/> of <paramref name="value"/>.</summary>
    public static string CanonicalHash(object? value)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var w = new Utf8JsonWriter(buffer, Compact))
            WriteValue(w, value, sorted: true);
        return Sha256.Hash(buffer.WrittenSpan).ToString();
    }

    /// <summary>One line of events.jsonl, without its line end: <c>{"t":ms,"node":n,"type":"...",...fields}</c>.</summary>
    public static string EventLine(NodeEvent e)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var w = new Utf8JsonWriter(buffer, Compact))
            WriteEvent(w, e);
        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    /// <summary>
    /// Writes <paramref name="e"/> as one object: <c>t</c>, <c>node</c> (null when negative: an event of the run, not of
    /// a node), <c>type</c>, then its fields in their order (a field named t, node or type replaces that one in place).
    /// </summary>
    public static void WriteEvent(Utf8JsonWriter w, NodeEvent e)
    {
        if (NeedsMerge(e))
        {
            var m = new JsonMap { ["t"] = e.T, ["node"] = e.Node < 0 ? null : e.Node, ["type"] = e.Type };
            foreach (var f in e.Fields) m[f.Key] = f.Value;
            WriteValue(w, m, sorted: false);
            return;
        }

        w.WriteStartObject();
        w.WriteNumber("t", e.T);
        if (e.Node < 0) w.WriteNull("node");
        else w.WriteNumber("node", e.Node);
        w.WriteString("type", e.Type);
        foreach (var f in e.Fields)
        {
            w.WritePropertyName(f.Key);
            WriteValue(w, f.Value, sorted: false);
        }

        w.WriteEndObject();
    }

    /// <summary>Writes <paramref name="value"/> (see <see cref="Json"/> for the types taken); objects sorted by key when <paramref name="sorted"/>.</summary>
    public static void WriteValue(Utf8JsonWriter w, object? value, bool sorted)
    {
        switch (value)
        {
            case null: w.WriteNullValue(); break;
            case string s: w.WriteStringValue(s); break;
            case bool b: w.WriteBooleanValue(b); break;
            case int i: w.WriteNumberValue(i); break;
            case long l: w.WriteNumberValue(l); break;
            case ulong u: w.WriteNumberValue(u); break;
            case uint u: w.WriteNumberValue(u); break;
            case short s: w.WriteNumberValue(s); break;
            case ushort u: w.WriteNumberValue(u); break;
            case byte b: w.WriteNumberValue(b); break;
            case sbyte b: w.WriteNumberValue(b); break;
            case double d: WriteDouble(w, d); break;
            case float f: WriteDouble(w, f); break;
            case decimal m: w.WriteNumberValue(m); break;
            case BigInteger n: w.WriteRawValue(n.ToString(CultureInfo.InvariantCulture)); break;
            case Hash32 h: w.WriteStringValue(h.ToString()); break;
            case Enum e: w.WriteStringValue(e.ToString()); break;
            case IEnumerable<KeyValuePair<string, object?>> pairs: WriteObject(w, pairs, sorted); break;
            case IDictionary d: WriteObject(w, Pairs(d), sorted); break;
            case IEnumerable items: WriteArray(w, items, sorted); break;
            default:
                throw new ArgumentException($"no JSON form for a {value.GetType().FullName}", nameof(value));
        }
    }

    /// <summary>A double as Java wrote it: shortest round-trip, with <c>.0</c> when whole; NaN and infinities as null.</summary>
    public static string DoubleText(double d)
    {
        var s = d.ToString("R", CultureInfo.InvariantCulture);
        return s.Contains('.', StringComparison.Ordinal) || s.Contains('E', StringComparison.Ordinal) ? s : s + ".0";
    }

    private static void WriteDouble(Utf8JsonWriter w, double d)
    {
        if (double.IsFinite(d)) w.WriteRawValue(DoubleText(d), skipInputValidation: true);
        else w.WriteNullValue();
    }

    private static void WriteObject(Utf8JsonWriter w, IEnumerable<KeyValuePair<string, object?>> pairs, bool sorted)
    {
        w.WriteStartObject();
        var entries = sorted ? pairs.OrderBy(p => p.Key, StringComparer.Ordinal) : pairs;
        foreach (var p in entries)
        {
            w.WritePropertyName(p.Key);
            WriteValue(w, p.Value, sorted);
        }

        w.WriteEndObject();
    }

    private static void WriteArray(Utf8JsonWriter w, IEnumerable items, bool sorted)
    {
        w.WriteStartArray();
        foreach (var item in items) WriteValue(w, item, sorted);
        w.WriteEndArray();
    }

    // A non-generic dictionary's own order: only sorted dictionaries should reach here (a hash order is never written).
    private static IEnumerable<KeyValuePair<string, object?>> Pairs(IDictionary d)
    {
        foreach (DictionaryEntry e in d)
            yield return new(Convert.ToString(e.Key, CultureInfo.InvariantCulture) ?? "", e.Value);
    }

    private static bool NeedsMerge(NodeEvent e)
    {
        foreach (var f in e.Fields)
            if (f.Key is "t" or "node" or "type") return true;
        return false;
    }

    private static string ToText(object? value, JsonWriterOptions options, bool sorted)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var w = new Utf8JsonWriter(buffer, options))
            WriteValue(w, value, sorted);
        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }
}
