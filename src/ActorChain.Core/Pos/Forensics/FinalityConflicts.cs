using System.Collections.Immutable;
using ActorChain.Core.Codec;
using ActorChain.Core.Pos.Model;

namespace ActorChain.Core.Pos.Forensics;

/// <summary>A checkpoint some nodes finalized, with those nodes (ascending).</summary>
public sealed record FinalizedCheckpoint(ulong Epoch, Hash32 Root, ImmutableArray<int> Nodes)
{
    /// <summary>The checkpoint itself.</summary>
    public Checkpoint Checkpoint => new(Epoch, Root);
}

/// <summary>Two finalized checkpoints neither of whose roots is an ancestor of the other (CONSENSUS.md §7); <see cref="First"/> orders first by (epoch, root).</summary>
public sealed record FinalityConflict(FinalizedCheckpoint First, FinalizedCheckpoint Second);

/// <summary>How two checkpoints' roots relate in the block tree.</summary>
public enum CheckpointRelation
{
    /// <summary>A root is not in the tree (or a checkpoint is the genesis one): nothing can be said, so no conflict.</summary>
    Unknown,

    /// <summary>Both have the same root.</summary>
    Same,

    /// <summary>The first root is an ancestor of the second.</summary>
    FirstIsAncestor,

    /// <summary>The second root is an ancestor of the first.</summary>
    SecondIsAncestor,

    /// <summary>Neither root is an ancestor of the other: conflicting finality if both were finalized.</summary>
    Conflicting,
}

/// <summary>
/// Finds conflicting finality (CONSENSUS.md §7) as it happens: fed every block (root, parent, slot) any node imported
/// and every checkpoint each node finalized, it reports each new conflicting pair once. Pure, mutable, single owner.
/// </summary>
/// <remarks>
/// It keeps the tips of the finalized checkpoints (those no other finalized checkpoint descends from): one in a safe
/// run. A new checkpoint that conflicts with a tip makes a new pair unless an earlier pair already implies it (its two
/// checkpoints are ancestors of, or equal to, the new two): two branches that keep finalizing give one pair, not one
/// per epoch. The genesis checkpoint (epoch 0) is in every chain and never conflicts.
/// </remarks>
public sealed class FinalityConflictDetector
{
    private readonly Dictionary<Hash32, (Hash32 Parent, ulong Slot)> _blocks = [];
    private readonly SortedDictionary<(ulong Epoch, Hash32 Root), SortedSet<int>> _finalized = [];
    private readonly List<Checkpoint> _tips = [];
    private readonly List<(Checkpoint First, Checkpoint Second)> _pairs = [];

    /// <summary>Blocks known.</summary>
    public int BlockCount => _blocks.Count;

    /// <summary>Every conflicting pair found so far, in the order found, each checkpoint with every node that finalized it by now.</summary>
    public ImmutableArray<FinalityConflict> Conflicts => [.. _pairs.Select(p => new FinalityConflict(Finalized(p.First), Finalized(p.Second)))];

    /// <summary>A block some node imported: <paramref name="root"/> at <paramref name="slot"/> on <paramref name="parent"/>. Repeats are ignored.</summary>
    public void AddBlock(Hash32 root, Hash32 parent, ulong slot) => _blocks.TryAdd(root, (parent, slot));

    /// <summary>
    /// Node <paramref name="node"/> finalized <paramref name="checkpoint"/>: the conflicting pairs this makes that
    /// were not found before (usually none), each with the nodes known now.
    /// </summary>
    public ImmutableArray<FinalityConflict> OnFinalized(int node, Checkpoint checkpoint)
    {
        ArgumentNullException.ThrowIfNull(checkpoint);
        if (checkpoint.Epoch == 0) return [];
        var key = (checkpoint.Epoch, checkpoint.Root);
        if (_finalized.TryGetValue(key, out var nodes))
        {
            nodes.Add(node);
            return [];
        }

        _finalized[key] = [node];
        if (!_blocks.ContainsKey(checkpoint.Root)) return []; // no ancestry to judge it by
        var found = ImmutableArray.CreateBuilder<FinalityConflict>();
        var extends = false;
        var inside = false;
        foreach (var tip in _tips.ToList())
        {
            switch (Relate(tip, checkpoint))
            {
                case CheckpointRelation.Same or CheckpointRelation.SecondIsAncestor:
                    inside = true;
                    break;
                case CheckpointRelation.FirstIsAncestor:
                    _tips.Remove(tip);
                    extends = true;
                    break;
                case CheckpointRelation.Conflicting when !Implied(tip, checkpoint):
                    var pair = Order(tip, checkpoint);
                    _pairs.Add(pair);
                    found.Add(new FinalityConflict(Finalized(pair.First), Finalized(pair.Second)));
                    break;
            }
        }

        if (extends || !inside) _tips.Add(checkpoint);
        return found.ToImmutable();
    }

    /// <summary>How the roots of <paramref name="a"/> and <paramref name="b"/> relate in the blocks known.</summary>
    public CheckpointRelation Relate(Checkpoint a, Checkpoint b)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        if (a.Root == b.Root) return CheckpointRelation.Same;
        if (a.Epoch == 0 || b.Epoch == 0 || !_blocks.TryGetValue(a.Root, out var ba) || !_blocks.TryGetValue(b.Root, out var bb))
            return CheckpointRelation.Unknown;
        if (ba.Slot < bb.Slot)
            return DescendsFrom(b.Root, a.Root, ba.Slot) ? CheckpointRelation.FirstIsAncestor : CheckpointRelation.Conflicting;
        if (bb.Slot < ba.Slot)
            return DescendsFrom(a.Root, b.Root, bb.Slot) ? CheckpointRelation.SecondIsAncestor : CheckpointRelation.Conflicting;
        return CheckpointRelation.Conflicting; // two blocks at one slot
    }

    /// <summary>Whether <paramref name="descendant"/>'s chain reaches <paramref name="ancestor"/> (at <paramref name="ancestorSlot"/>) through blocks known.</summary>
    private bool DescendsFrom(Hash32 descendant, Hash32 ancestor, ulong ancestorSlot)
    {
        var cur = descendant;
        while (_blocks.TryGetValue(cur, out var b) && b.Slot > ancestorSlot)
        {
            if (b.Parent == ancestor) return true;
            cur = b.Parent;
        }

        return false;
    }

    private bool Implied(Checkpoint a, Checkpoint b) => _pairs.Any(p =>
        (AtOrBefore(p.First, a) && AtOrBefore(p.Second, b)) || (AtOrBefore(p.First, b) && AtOrBefore(p.Second, a)));

    private bool AtOrBefore(Checkpoint x, Checkpoint y) => Relate(x, y) is CheckpointRelation.Same or CheckpointRelation.FirstIsAncestor;

    private static (Checkpoint First, Checkpoint Second) Order(Checkpoint a, Checkpoint b) =>
        a.Epoch < b.Epoch || (a.Epoch == b.Epoch && a.Root.CompareTo(b.Root) < 0) ? (a, b) : (b, a);

    private FinalizedCheckpoint Finalized(Checkpoint c) => new(c.Epoch, c.Root, [.. _finalized[(c.Epoch, c.Root)]]);
}
