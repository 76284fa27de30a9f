using ActorChain.Core;
using Akka.Configuration;
using Akka.Configuration.Hocon;

namespace ActorChain.Node.Configuration;

/// <summary>Typed reads of HOCON values whose errors (<see cref="SettingsException"/>) name the full key path and what is allowed.</summary>
internal static class HoconReads
{
    /// <summary><paramref name="key"/> under <paramref name="basePath"/>.</summary>
    public static string Full(string basePath, string key) => string.IsNullOrEmpty(basePath) ? key : basePath + "." + key;

    /// <summary>A duration (<c>100ms</c>, <c>2s</c>) in milliseconds.</summary>
    public static long Millis(Config c, string key, string basePath)
    {
        var v = Present(c, key, basePath);
        TimeSpan span;
        try
        {
            span = v.GetTimeSpan(allowInfinite: false);
        }
        catch (Exception e) when (e is FormatException or ArgumentException or OverflowException or InvalidOperationException)
        {
            throw new SettingsException(Full(basePath, key), $"must be a duration such as 100ms or 2s, got {Render(v)}");
        }

        return (long)span.TotalMilliseconds;
    }

    /// <summary>A positive duration in milliseconds.</summary>
    public static long PositiveMillis(Config c, string key, string basePath)
    {
        var v = Millis(c, key, basePath);
        return v > 0 ? v : throw new SettingsException(Full(basePath, key), $"must be positive, got {v} ms");
    }

    /// <summary>A whole number of at least <paramref name="min"/>.</summary>
    public static long LongAtLeast(Config c, string key, string basePath, long min)
    {
        var v = Present(c, key, basePath);
        var text = v.IsString() ? v.GetString() : null;
        if (text is null || !long.TryParse(text.Trim(), System.Globalization.NumberStyles.AllowLeadingSign,
                System.Globalization.CultureInfo.InvariantCulture, out var n))
        {
            throw new SettingsException(Full(basePath, key), $"must be a whole number, got {Render(v)}");
        }

        return n >= min ? n : throw new SettingsException(Full(basePath, key), $"must be at least {min}, got {n}");
    }

    /// <summary>A whole number of at least <paramref name="min"/> that fits an int.</summary>
    public static int IntAtLeast(Config c, string key, string basePath, int min)
    {
        var v = LongAtLeast(c, key, basePath, min);
        return v <= int.MaxValue ? (int)v : throw new SettingsException(Full(basePath, key), $"is too large: {v}");
    }

    /// <summary>A probability in [0, 1].</summary>
    public static double Probability(Config c, string key, string basePath)
    {
        var v = Present(c, key, basePath);
        var text = v.IsString() ? v.GetString() : null;
        if (text is null || !double.TryParse(text.Trim(), System.Globalization.NumberStyles.Float,
                System.Globalization.CultureInfo.InvariantCulture, out var d))
        {
            throw new SettingsException(Full(basePath, key), $"must be a number in [0, 1], got {Render(v)}");
        }

        return d is >= 0.0 and <= 1.0
            ? d
            : throw new SettingsException(Full(basePath, key), $"must be a probability in [0, 1], got {d.ToString(System.Globalization.CultureInfo.InvariantCulture)}");
    }

    /// <summary>A string.</summary>
    public static string String(Config c, string key, string basePath)
    {
        var v = Present(c, key, basePath);
        return v.IsString() ? v.GetString() : throw new SettingsException(Full(basePath, key), $"must be a string, got {Render(v)}");
    }

    /// <summary>An amount in coins (a number or a decimal string) as gwei.</summary>
    public static ulong Coins(Config c, string key, string basePath)
    {
        var v = Present(c, key, basePath);
        return Configuration.Coins.ToGwei(Full(basePath, key), v.IsString() ? v.GetString() : Render(v));
    }

    /// <summary>The objects of list <paramref name="key"/>, each as a config; null when the key is absent.</summary>
    public static IReadOnlyList<Config>? ObjectList(Config c, string key, string basePath, string shape)
    {
        if (!c.HasPath(key))
        {
            return null;
        }

        var v = c.GetValue(key);
        IList<HoconValue> array;
        try
        {
            array = v.IsEmpty || v.IsObject() ? throw new InvalidOperationException() : v.GetArray();
        }
        catch (Exception e) when (e is InvalidOperationException or FormatException or ArgumentException or NullReferenceException)
        {
            throw new SettingsException(Full(basePath, key), $"must be a list of {shape}");
        }

        var items = new List<Config>();
        foreach (var item in array)
        {
            if (!item.IsObject())
            {
                throw new SettingsException(Full(basePath, key), $"must be a list of {shape}");
            }

            items.Add(new Config(new HoconRoot(item)));
        }

        return items;
    }

    /// <summary>The value at <paramref name="key"/>, or a "missing" error naming it.</summary>
    public static HoconValue Present(Config c, string key, string basePath) =>
        c.HasPath(key) && c.GetValue(key) is { } v && !v.IsEmpty
            ? v
            : throw new SettingsException(Full(basePath, key), "missing");

    private static string Render(HoconValue v) => v.ToString().Trim();

    /// <summary>An exception message without the "(Parameter 'x')" line .NET appends.</summary>
    public static string FirstLine(string message)
    {
        var i = message.IndexOf(" (Parameter '", StringComparison.Ordinal);
        return i < 0 ? message : message[..i];
    }
}
