using System.Globalization;

namespace ActorChain.Simulation.Scenarios;

/// <summary>
/// Collects problems (<c>key.path: what is wrong; what is allowed</c>) and reads typed values out of an
/// <see cref="HObject"/>. Every reader returns null both when the key is absent and when its value is bad; a bad value is
/// reported once, here, so callers skip every check that would quote a made-up value.
/// </summary>
internal sealed class ProblemList
{
    private readonly List<string> _problems = [];
    private readonly Dictionary<HObject, List<string>> _unknownKeys = new(ReferenceEqualityComparer.Instance);

    /// <summary>The problems so far, in the order found.</summary>
    public IReadOnlyList<string> All => _problems;

    /// <summary>How many problems so far (to tell whether a section added any).</summary>
    public int Count => _problems.Count;

    /// <summary>Adds <c>path: what</c>.</summary>
    public void Add(string path, string what) => _problems.Add(path + ": " + what);

    /// <summary>
    /// Adds <c>path: what</c> for a key missing from <paramref name="block"/>, unless the block has an unknown key that
    /// looks like a misspelling of one of <paramref name="keys"/>: its own problem already says so.
    /// </summary>
    public void Missing(HObject block, string path, string what, params string[] keys)
    {
        if (!_unknownKeys.TryGetValue(block, out var unknown) || !unknown.Any(u => keys.Any(k => LooksLike(u, k))))
            Add(path, what);
    }

    /// <summary>Reports every key of <paramref name="block"/> outside <paramref name="allowed"/>, with the allowed key it most looks like.</summary>
    public void CheckKeys(HObject block, string path, IEnumerable<string> allowed, string what = "unknown key")
    {
        var set = new SortedSet<string>(allowed, StringComparer.Ordinal);
        foreach (var key in block.Keys.Where(k => !set.Contains(k)))
        {
            var guess = set.FirstOrDefault(a => LooksLike(key, a));
            Add(path + "." + key, what + (guess is null ? string.Empty : $" (did you mean {guess}?)") + "; allowed: " + List(set));
            if (!_unknownKeys.TryGetValue(block, out var unknown)) _unknownKeys[block] = unknown = [];
            unknown.Add(key);
        }
    }

    /// <summary>True when <paramref name="typed"/> is within two edits of <paramref name="key"/> (a likely misspelling).</summary>
    public static bool LooksLike(string typed, string key)
    {
        if (Math.Abs(typed.Length - key.Length) > 2) return false;
        var previous = Enumerable.Range(0, key.Length + 1).ToArray();
        for (var i = 1; i <= typed.Length; i++)
        {
            var current = new int[key.Length + 1];
            current[0] = i;
            for (var j = 1; j <= key.Length; j++)
            {
                var cost = typed[i - 1] == key[j - 1] ? 0 : 1;
                current[j] = Math.Min(Math.Min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + cost);
            }

            previous = current;
        }

        return previous[key.Length] <= Math.Min(2, Math.Max(1, key.Length / 3));
    }

    /// <summary><c>[a, b, c]</c>.</summary>
    public static string List(IEnumerable<string> items) => "[" + string.Join(", ", items) + "]";

    /// <summary>The block at <paramref name="key"/>, its unknown keys reported; null when absent or not a block.</summary>
    public HObject? Block(HObject parent, string key, string basePath, IEnumerable<string>? allowed, string shape)
    {
        var v = parent.Get(key);
        if (v is null) return null;
        var path = basePath + "." + key;
        if (v is not HObject o)
        {
            Add(path, "must be a block " + shape + ", got " + v.Render());
            return null;
        }

        if (allowed is not null) CheckKeys(o, path, allowed);
        return o;
    }

    /// <summary>The list at <paramref name="key"/>; null when absent or not a list.</summary>
    public HArray? List(HObject parent, string key, string basePath, string shape)
    {
        var v = parent.Get(key);
        if (v is null) return null;
        if (v is HArray a) return a;
        Add(basePath + "." + key, "must be a list " + shape + ", got " + v.Render());
        return null;
    }

    /// <summary>The string at <paramref name="key"/>.</summary>
    public string? Str(HObject o, string key, string basePath)
    {
        var v = o.Get(key);
        if (v is null) return null;
        if (v is HString s) return s.Text;
        Add(basePath + "." + key, "must be a single value, not a " + (v is HArray ? "list" : "block"));
        return null;
    }

    /// <summary>The whole number at <paramref name="key"/>.</summary>
    public long? Whole(HObject o, string key, string basePath)
    {
        var v = o.Get(key);
        if (v is null) return null;
        if (v is HString s && long.TryParse(s.Text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var n)) return n;
        Add(basePath + "." + key, "must be a whole number, got " + v.Render());
        return null;
    }

    /// <summary>The unsigned 64-bit number at <paramref name="key"/>.</summary>
    public ulong? Unsigned(HObject o, string key, string basePath)
    {
        var v = o.Get(key);
        if (v is null) return null;
        if (v is HString s && ulong.TryParse(s.Text, NumberStyles.None, CultureInfo.InvariantCulture, out var n)) return n;
        Add(basePath + "." + key, $"must be a whole number from 0 to {ulong.MaxValue}, got " + v.Render());
        return null;
    }

    /// <summary>The number at <paramref name="key"/>.</summary>
    public double? Number(HObject o, string key, string basePath, string shape)
    {
        var v = o.Get(key);
        if (v is null) return null;
        if (v is HString s && double.TryParse(s.Text, NumberStyles.Float, CultureInfo.InvariantCulture, out var d)) return d;
        Add(basePath + "." + key, "must be " + shape + ", got " + v.Render());
        return null;
    }

    /// <summary>The true/false value at <paramref name="key"/>.</summary>
    public bool? Bool(HObject o, string key, string basePath)
    {
        var v = o.Get(key);
        if (v is null) return null;
        if (v is HString { Text: "true" or "yes" or "on" }) return true;
        if (v is HString { Text: "false" or "no" or "off" }) return false;
        Add(basePath + "." + key, "must be true or false, got " + v.Render());
        return null;
    }

    /// <summary>The duration at <paramref name="key"/> in milliseconds (<c>100ms</c>, <c>2s</c>, <c>1.5s</c>, <c>1m</c>; a bare number is ms).</summary>
    public long? Millis(HObject o, string key, string basePath)
    {
        var v = o.Get(key);
        if (v is null) return null;
        if (v is HString s && TryMillis(s.Text, out var ms)) return ms;
        Add(basePath + "." + key, "must be a duration such as 100ms or 2s (units ms, s, m, h), got " + v.Render());
        return null;
    }

    /// <summary>Parses a duration: a number, optional spaces, and a unit (ms, s, m, h, d and their long names); none means ms.</summary>
    public static bool TryMillis(string text, out long millis)
    {
        millis = 0;
        var t = text.Trim();
        var split = 0;
        while (split < t.Length && (char.IsAsciiDigit(t[split]) || t[split] is '.' or '-' or '+')) split++;
        var number = t[..split];
        var unit = t[split..].Trim();
        long? factor = unit switch
        {
            "" or "ms" or "milli" or "millis" or "millisecond" or "milliseconds" => 1,
            "s" or "second" or "seconds" => 1000,
            "m" or "minute" or "minutes" => 60_000,
            "h" or "hour" or "hours" => 3_600_000,
            "d" or "day" or "days" => 86_400_000,
            _ => null,
        };
        if (factor is null || number.Length == 0
            || !decimal.TryParse(number, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var value))
            return false;
        var ms = value * factor.Value;
        if (ms != decimal.Truncate(ms) || ms > long.MaxValue || ms < long.MinValue) return false;
        millis = (long)ms;
        return true;
    }

    /// <summary>An amount of coins (decimals allowed) at <paramref name="key"/>, in gwei; must be positive.</summary>
    public ulong? Coins(HObject o, string key, string basePath)
    {
        var v = o.Get(key);
        if (v is null) return null;
        var path = basePath + "." + key;
        if (v is not HString s)
        {
            Add(path, "must be an amount of coins such as 32 or 1.5, got " + v.Render());
            return null;
        }

        var gwei = Core.Units.TryParseCoins(s.Text, out var reason);
        if (gwei is null)
        {
            Add(path, (reason ?? "not an amount of coins") + "; give coins such as 32 or 1.5");
            return null;
        }

        if (gwei == 0)
        {
            Add(path, "must be positive, got " + s.Text);
            return null;
        }

        return gwei;
    }
}
