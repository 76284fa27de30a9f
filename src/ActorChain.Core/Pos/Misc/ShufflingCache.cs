using ActorChain.Core.Codec;

namespace ActorChain.Core.Pos.Misc;

/// <summary>
/// A small least-recently-used cache of <see cref="EpochShuffling"/>s shared by every state and node in the process.
/// The key is all that decides a shuffling (seed, exact active indices, constants), so a hit is always the value a
/// fresh computation would give: the cache changes speed, never results. Thread-safe.
/// </summary>
internal sealed class ShufflingCache(int capacity)
{
    private readonly LruCache<Key, EpochShuffling> _entries = new(capacity);

    /// <summary>Entries held.</summary>
    internal int Count => _entries.Count;

    /// <summary>The cached shuffling for <paramref name="key"/>, or <paramref name="compute"/>'s, then kept (computed outside the lock).</summary>
    internal EpochShuffling Get(Key key, Func<EpochShuffling> compute) =>
        _entries.TryGet(key, out var hit) ? hit : _entries.GetOrAdd(key, compute());

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
