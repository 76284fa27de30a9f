using ActorChain.Core.Codec;

namespace ActorChain.Node.Network;

/// <summary>
/// The ids of recently seen gossip, for dedupe: about the last <c>capacity</c> ids are remembered (at least
/// <c>capacity / 2</c>, at most <c>capacity</c>). Ids are SHA-256 roots, so their first 8 bytes serve as the key; two
/// different ids that agree on those 8 bytes count as one, with probability about <c>capacity / 2^64</c> per lookup.
/// Two generations of open-addressed <see cref="ulong"/> tables, so a lookup allocates nothing: the young one takes new
/// ids, and when it holds <c>capacity / 2</c> it becomes the old one and the previous old one is forgotten. The tables
/// start small and double while they fill (at most half full), so a quiet link holds a few KB, not
/// <c>2 × capacity</c> words. Single owner, like the actor that holds it.
/// </summary>
public sealed class RecentIds
{
    private const ulong Empty = 0; // a key of 0 is stored as 1: see Key()
    private const int InitialTable = 64;

    private readonly int _generation;
    private readonly int _maxTable;
    private ulong[] _young;
    private ulong[] _old;
    private int _youngSize;

    /// <summary>A set remembering about the last <paramref name="capacity"/> ids (at least 2).</summary>
    public RecentIds(int capacity)
    {
        if (capacity < 2)
            throw new ArgumentOutOfRangeException(nameof(capacity), capacity, "capacity must be at least 2");
        _generation = capacity / 2;
        _maxTable = (int)System.Numerics.BitOperations.RoundUpToPowerOf2((uint)_generation * 2); // at most half full
        _young = new ulong[Math.Min(InitialTable, _maxTable)];
        _old = [];
    }

    /// <summary>Remembers <paramref name="id"/>; true if it was not seen recently (the first sight).</summary>
    public bool Add(Hash32 id)
    {
        var k = Key(id);
        if (Contains(_old, k)) return false;
        var mask = _young.Length - 1;
        for (var i = Mix(k) & mask; ; i = (i + 1) & mask)
        {
            var v = _young[i];
            if (v == k) return false;
            if (v != Empty) continue;
            _young[i] = k;
            if (++_youngSize >= _generation)
            {
                var recycled = _old.Length == _young.Length ? _old : new ulong[_young.Length];
                _old = _young;
                Array.Clear(recycled);
                _young = recycled;
                _youngSize = 0;
            }
            else if (_youngSize * 2 > _young.Length && _young.Length < _maxTable)
            {
                _young = Grown(_young);
            }

            return true;
        }
    }

    /// <summary>Forgets everything.</summary>
    public void Clear()
    {
        Array.Clear(_young);
        Array.Clear(_old);
        _youngSize = 0;
    }

    /// <summary>The same keys in a table twice the size.</summary>
    private static ulong[] Grown(ulong[] table)
    {
        var grown = new ulong[table.Length * 2];
        var mask = grown.Length - 1;
        foreach (var k in table)
        {
            if (k == Empty) continue;
            var i = Mix(k) & mask;
            while (grown[i] != Empty) i = (i + 1) & mask;
            grown[i] = k;
        }

        return grown;
    }

    private static bool Contains(ulong[] table, ulong k)
    {
        if (table.Length == 0) return false;
        var mask = table.Length - 1;
        for (var i = Mix(k) & mask; ; i = (i + 1) & mask)
        {
            var v = table[i];
            if (v == k) return true;
            if (v == Empty) return false;
        }
    }

    private static ulong Key(Hash32 id)
    {
        var k = id.FirstU64Le();
        return k == Empty ? 1 : k;
    }

    private static int Mix(ulong k) => (int)(k ^ (k >> 32)) & int.MaxValue;
}
