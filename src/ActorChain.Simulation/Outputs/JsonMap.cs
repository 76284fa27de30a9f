using System.Collections;

namespace ActorChain.Simulation.Outputs;

/// <summary>
/// A JSON object whose keys keep the order they were first set in (the documented field order of SIMULATION.md);
/// setting a key again replaces its value in place, as Java's LinkedHashMap did. Never hash-ordered.
/// </summary>
public sealed class JsonMap : IEnumerable<KeyValuePair<string, object?>>
{
    private readonly List<KeyValuePair<string, object?>> _entries = [];

    /// <summary>The number of keys.</summary>
    public int Count => _entries.Count;

    /// <summary>The value of <paramref name="key"/>, or null when absent; setting adds or replaces it in place.</summary>
    public object? this[string key]
    {
        get => IndexOf(key) is var i and >= 0 ? _entries[i].Value : null;
        set => Set(key, value);
    }

    /// <summary>Adds <paramref name="key"/> at the end, or replaces its value where it is; for collection initializers.</summary>
    public void Add(string key, object? value) => Set(key, value);

    /// <summary>Adds <paramref name="key"/> at the end, or replaces its value where it is; returns this map.</summary>
    public JsonMap Set(string key, object? value)
    {
        var i = IndexOf(key);
        if (i >= 0)
            _entries[i] = new(key, value);
        else
            _entries.Add(new(key, value));
        return this;
    }

    /// <summary>True when <paramref name="key"/> is present.</summary>
    public bool ContainsKey(string key) => IndexOf(key) >= 0;

    /// <summary>A copy without <paramref name="keys"/>.</summary>
    public JsonMap Without(params string[] keys)
    {
        var copy = new JsonMap();
        foreach (var e in _entries)
            if (Array.IndexOf(keys, e.Key) < 0)
                copy._entries.Add(e);
        return copy;
    }

    /// <inheritdoc />
    public IEnumerator<KeyValuePair<string, object?>> GetEnumerator() => _entries.GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    private int IndexOf(string key)
    {
        for (var i = 0; i < _entries.Count; i++)
            if (string.Equals(_entries[i].Key, key, StringComparison.Ordinal)) return i;
        return -1;
    }
}
