using ActorChain.Core.Codec;

namespace ActorChain.Core.Pos.Misc;

/// <summary>
/// A small least-recently-used cache of <see cref="EpochShuffling"/>s shared by every state and node in the process.
/// The key is all that decides a shuffling (seed, exact active indices, constants), so a hit is always the value a
/// fresh computation would give: the cache changes speed, never results. Thread-safe.
/// </summary>
internal sealed class ShufflingCache(int capacity)
{
    private readonly Dictionary<Key, LinkedListNode<(Key Key, EpochShuffling Value)>> _entries = [];
    private readonly LinkedList<(Key Key, EpochShuffling Value)> _recency = new(); // most recent first
    private readonly Lock _lock = new();

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

    /// <summary>The cached shuffling for <paramref name="key"/>, or <paramref name="compute"/>'s, then kept (computed outside the lock).</summary>
    internal EpochShuffling Get(Key key, Func<EpochShuffling> compute)
    {
        lock (_lock)
        {
            if (_entries.TryGetValue(key, out var hit))
            {
                _recency.Remove(hit);
                _recency.AddFirst(hit);
                return hit.Value.Value;
            }
        }

        var computed = compute();
        lock (_lock)
        {
            if (_entries.TryGetValue(key, out var raced))
            {
                return raced.Value.Value;
            }

            _entries[key] = _recency.AddFirst((key, computed));
            while (_entries.Count > capacity)
            {
                var eldest = _recency.Last!;
                _recency.RemoveLast();
                _entries.Remove(eldest.Value.Key);
            }
        }

        return computed;
    }

    /// <summary>Everything a shuffling depends on; equal keys give equal shufflings.</summary>
    internal sealed class Key : IEquatable<Key>
    {
        private readonly Hash32 _seed;
        private readonly ulong _epoch;
        private readonly ulong _rounds;
        private readonly ulong _slotsPerEpoch;
        private readonly ulong _committeesPerSlot;
        private readonly int[] _active;
        private readonly int _hash;

        internal Key(Hash32 seed, ulong epoch, ulong rounds, ulong slotsPerEpoch, ulong committeesPerSlot, int[] active)
        {
            _seed = seed;
            _epoch = epoch;
            _rounds = rounds;
            _slotsPerEpoch = slotsPerEpoch;
            _committeesPerSlot = committeesPerSlot;
            _active = active;
            var h = new HashCode();
            h.Add(seed);
            h.Add(epoch);
            h.Add(rounds);
            h.Add(slotsPerEpoch);
            h.Add(committeesPerSlot);
            h.AddBytes(System.Runtime.InteropServices.MemoryMarshal.AsBytes(active.AsSpan()));
            _hash = h.ToHashCode();
        }

        public bool Equals(Key? other) => other is not null && _hash == other._hash && _epoch == other._epoch
            && _rounds == other._rounds && _slotsPerEpoch == other._slotsPerEpoch
            && _committeesPerSlot == other._committeesPerSlot && _seed == other._seed
            && _active.AsSpan().SequenceEqual(other._active);

        public override bool Equals(object? obj) => obj is Key k && Equals(k);

        public override int GetHashCode() => _hash;
    }
}
