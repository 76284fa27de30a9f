using ActorChain.Core.Codec;

namespace ActorChain.Core.Pos.ForkChoice;

/// <summary>
/// <c>latestMessages[v] = {epoch, root}</c> and the <c>equivocating</c> set of CONSENSUS.md §5.6, in arrays indexed by
/// validator. Store-private.
/// </summary>
internal sealed class LatestMessages
{
    private readonly SortedSet<int> _equivocating = [];
    private ulong[] _epochs = [];
    private Hash32?[] _roots = [];

    /// <summary>The validators marked equivocating, ascending.</summary>
    public IReadOnlyCollection<int> Equivocating => _equivocating;

    /// <summary>The number of validator slots held; <see cref="Root"/> is null past the last message.</summary>
    public int Size => _roots.Length;

    /// <summary>Replaces <paramref name="v"/>'s message if it is not equivocating and <paramref name="epoch"/> is newer.</summary>
    public bool Update(int v, ulong epoch, Hash32 root)
    {
        if (_equivocating.Contains(v))
        {
            return false;
        }

        if (v >= _roots.Length)
        {
            var n = Math.Max(v + 1, _roots.Length * 2);
            Array.Resize(ref _epochs, n);
            Array.Resize(ref _roots, n);
        }

        if (_roots[v] is not null && epoch <= _epochs[v])
        {
            return false;
        }

        _epochs[v] = epoch;
        _roots[v] = root;
        return true;
    }

    /// <summary>Marks <paramref name="v"/> equivocating: it never counts again.</summary>
    public void MarkEquivocating(int v) => _equivocating.Add(v);

    /// <summary>Whether <paramref name="v"/> is equivocating.</summary>
    public bool IsEquivocating(int v) => _equivocating.Contains(v);

    /// <summary><paramref name="v"/>'s latest message root; null without one, or when equivocating (its weight is removed).</summary>
    public Hash32? Root(int v) => v < _roots.Length && !_equivocating.Contains(v) ? _roots[v] : null;

    /// <summary><paramref name="v"/>'s latest message target epoch, or null without a message.</summary>
    public ulong? Epoch(int v) => v < _roots.Length && _roots[v] is not null ? _epochs[v] : null;
}
