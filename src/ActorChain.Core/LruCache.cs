namespace ActorChain.Core;

/// <summary>
/// A bounded map that drops its least recently used entry first, shared by the core's memos (the shuffling cache,
/// the transition memo, the cached signature check). Lookups only, never iterated. Thread-safe.
/// </summary>
internal sealed class LruCache<TKey, TValue>
    where TKey : notnull
{
    private readonly int _capacity;
    private readonly Dictionary<TKey, LinkedListNode<(TKey Key, TValue Value)>> _entries = [];
    private readonly LinkedList<(TKey Key, TValue Value)> _recency = new(); // most recent first
    private readonly Lock _lock = new();

    /// <summary>A cache of at most <paramref name="capacity"/> entries (at least 1).</summary>
    internal LruCache(int capacity)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 1);
        _capacity = capacity;
    }

    /// <summary>Entries held.</summary>
    internal int Count
    {
        get
        {
            lock (_lock)
            {
                return _entries.Count;
            }
        }
    }

    /// <summary>The value under <paramref name="key"/>, now the most recently used; false when absent.</summary>
    internal bool TryGet(TKey key, out TValue value)
    {
        lock (_lock)
        {
            if (!_entries.TryGetValue(key, out var node))
            {
                value = default!;
                return false;
            }

            _recency.Remove(node);
            _recency.AddFirst(node);
            value = node.Value.Value;
            return true;
        }
    }

    /// <summary>The value already under <paramref name="key"/> if any (another thread's); else keeps <paramref name="value"/> and returns it.</summary>
    internal TValue GetOrAdd(TKey key, TValue value)
    {
        lock (_lock)
        {
            if (_entries.TryGetValue(key, out var existing))
            {
                return existing.Value.Value;
            }

            Add(key, value);
            return value;
        }
    }

    /// <summary>Keeps <paramref name="value"/> under <paramref name="key"/>, replacing any earlier value.</summary>
    internal void Set(TKey key, TValue value)
    {
        lock (_lock)
        {
            if (_entries.Remove(key, out var old))
            {
                _recency.Remove(old);
            }

            Add(key, value);
        }
    }

    private void Add(TKey key, TValue value)
    {
        _entries[key] = _recency.AddFirst((key, value));
        while (_entries.Count > _capacity)
        {
            var eldest = _recency.Last!;
            _recency.RemoveLast();
            _entries.Remove(eldest.Value.Key);
        }
    }
}
