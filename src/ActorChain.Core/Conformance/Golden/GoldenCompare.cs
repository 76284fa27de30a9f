using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace ActorChain.Core.Conformance.Golden;

/// <summary>
/// Compares a family's computed outputs with a case's expected <c>output</c>: the first field that differs, as a
/// path (<c>output.results[3].kind</c>), or null when they agree. Integers compare by value whether written as a
/// number or a decimal string; hex compares case-insensitively.
/// </summary>
public static class GoldenCompare
{
    /// <summary>The path of the first difference, with both values, or null when equal.</summary>
    public static string? FirstDifference(JsonElement expected, JsonNode? actual, string path = "output")
    {
        switch (expected.ValueKind)
        {
            case JsonValueKind.Null:
                return actual is null ? null : Diff(path, expected, actual);
            case JsonValueKind.Object:
                if (actual is not JsonObject obj)
                {
                    return Diff(path, expected, actual);
                }

                foreach (var prop in expected.EnumerateObject())
                {
                    obj.TryGetPropertyValue(prop.Name, out var a);
                    if (a is null && prop.Value.ValueKind != JsonValueKind.Null && !obj.ContainsKey(prop.Name))
                    {
                        return $"{path}.{prop.Name}: expected {Short(prop.Value.GetRawText())}, missing";
                    }

                    var d = FirstDifference(prop.Value, a, $"{path}.{prop.Name}");
                    if (d is not null)
                    {
                        return d;
                    }
                }

                foreach (var kv in obj)
                {
                    if (!expected.TryGetProperty(kv.Key, out _))
                    {
                        return $"{path}.{kv.Key}: not expected, computed {Short(kv.Value?.ToJsonString() ?? "null")}";
                    }
                }

                return null;
            case JsonValueKind.Array:
                if (actual is not JsonArray arr)
                {
                    return Diff(path, expected, actual);
                }

                var i = 0;
                foreach (var item in expected.EnumerateArray())
                {
                    if (i >= arr.Count)
                    {
                        return $"{path}: expected {expected.GetArrayLength()} items, computed {arr.Count}";
                    }

                    var d = FirstDifference(item, arr[i], $"{path}[{i}]");
                    if (d is not null)
                    {
                        return d;
                    }

                    i++;
                }

                return arr.Count == i ? null : $"{path}: expected {i} items, computed {arr.Count}";
            default:
                return Scalar(expected) == Scalar(actual) ? null : Diff(path, expected, actual);
        }
    }

    private static string? Scalar(JsonNode? node)
    {
        if (node is not JsonValue v)
        {
            return node?.ToJsonString();
        }

        return v.GetValueKind() switch
        {
            JsonValueKind.String => Normalize(v.GetValue<string>()),
            JsonValueKind.True => "true",
            JsonValueKind.False => "false",
            JsonValueKind.Null => null,
            _ => Normalize(v.ToJsonString()),
        };
    }

    private static string? Scalar(JsonElement e) => e.ValueKind switch
    {
        JsonValueKind.String => Normalize(e.GetString()!),
        JsonValueKind.True => "true",
        JsonValueKind.False => "false",
        JsonValueKind.Null => null,
        _ => Normalize(e.GetRawText()),
    };

    // Numbers and decimal strings compare by value; anything else (hex, names) compares without case.
    // Only canonical decimal forms count as numbers, so hex such as "0012" is never read as 12.
    private static string Normalize(string s) =>
        IsDecimal(s) && System.Numerics.BigInteger.TryParse(s, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var n)
            ? n.ToString(CultureInfo.InvariantCulture)
            : s.ToLowerInvariant();

    private static bool IsDecimal(string s)
    {
        var digits = s.StartsWith('-') ? s.AsSpan(1) : s.AsSpan();
        if (digits.IsEmpty || (digits.Length > 1 && digits[0] == '0'))
        {
            return false;
        }

        foreach (var c in digits)
        {
            if (c is < '0' or > '9')
            {
                return false;
            }
        }

        return true;
    }

    private static string Diff(string path, JsonElement expected, JsonNode? actual) =>
        $"{path}: expected {Short(expected.GetRawText())}, computed {Short(actual?.ToJsonString() ?? "null")}";

    private static string Short(string s) => s.Length > 80 ? s[..80] + "..." : s;
}
