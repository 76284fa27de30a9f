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
/// and every checkpoint each node finalized, in any order, it reports each new conflicting pair once. Pure, mutable, single owner.
/// </summary>
/// <remarks>
/// It keeps the tips of the finalized checkpoints (those no other finalized checkpoint descends from): one in a safe
/// run. A new checkpoint that conflicts with a tip makes a new pair unless an earlier pair already implies it (its two
/// checkpoints are ancestors of, or equal to, the new two): two branches that keep finalizing give one pair, not one
/// per epoch. The genesis checkpoint (epoch 0) is in every chain and never conflicts. A checkpoint whose block is not
/// known yet waits for it, and two checkpoints whose ancestry breaks at a missing block are judged again when that block
/// arrives: a gap in the blocks is never taken for a conflict. Blocks more than <c>keepSlots</c> below the lowest slot
/// still needed (each node's latest finalized checkpoint, every tip and every side of a pair) are dropped.
/// </remarks>
/// <param name="keepSlots">How far below the lowest slot still needed blocks are kept (and pruning waits until the floor moves by this much).</param>
public sealed class FinalityConflictDetector(ulong keepSlots = FinalityConflictDetector.DefaultKeepSlots)
{
    /// <summary>The default margin of blocks kept below the lowest finalized slot still needed.</summary>
    public const ulong DefaultKeepSlots = 1024;

    private readonly Dictionary<Hash32, (Hash32 Parent, ulong Slot)> _blocks = [];
    private readonly SortedDictionary<(ulong Epoch, Hash32 Root), SortedSet<int>> _finalized = [];
    private readonly List<Checkpoint> _tips = [];
    private readonly List<(Checkpoint First, Checkpoint Second)> _pairs = [];
    private readonly Dictionary<Hash32, List<Checkpoint>> _pending = [];
    private readonly Dictionary<Hash32, List<(Checkpoint A, Checkpoint B)>> _undecided = [];
    private readonly Dictionary<int, Checkpoint> _latest = [];
    private ulong _floor;

    /// <summary>Blocks known (after pruning).</summary>
    public int BlockCount => _blocks.Count;

    /// <summary>Finalized checkpoints waiting for their block.</summary>
    public int PendingCount => _pending.Values.Sum(l => l.Count);

    /// <summary>Pairs of checkpoints whose ancestry broke at a missing block, waiting for it.</summary>
    public int UndecidedCount => _undecided.Values.Sum(l => l.Count);

    /// <summary>Blocks below this slot have been dropped (and are ignored if they come again).</summary>
    public ulong Floor => _floor;

    /// <summary>Every conflicting pair found so far, in the order found, each checkpoint with every node that finalized it by now.</summary>
    public ImmutableArray<FinalityConflict> Conflicts => [.. _pairs.Select(p => new FinalityConflict(Finalized(p.First), Finalized(p.Second)))];

    /// <summary>
    /// A block some node imported: <paramref name="root"/> at <paramref name="slot"/> on <paramref name="parent"/>.
    /// Repeats and blocks below <see cref="Floor"/> are ignored. Returns the conflicting pairs it lets be seen (a
    /// checkpoint that waited for this block, or a pair whose ancestry broke here), usually none.
    /// </summary>
    public ImmutableArray<FinalityConflict> AddBlock(Hash32 root, Hash32 parent, ulong slot)
    {
        if (slot < _floor || !_blocks.TryAdd(root, (parent, slot))) return [];
        var found = ImmutableArray.CreateBuilder<FinalityConflict>();
        if (_undecided.Remove(root, out var waiting))
        {
            foreach (var (a, b) in waiting) Decide(a, b, found);
        }

        if (_pending.Remove(root, out var checkpoints))
        {
            foreach (var c in checkpoints) Place(c, found);
            Prune();
        }

        return found.ToImmutable();
    }

    /// <summary>
    /// Node <paramref name="node"/> finalized <paramref name="checkpoint"/>: the conflicting pairs this makes that
    /// were not found before (usually none), each with the nodes known now. A checkpoint whose block is not known yet
    /// is judged when the block comes (<see cref="AddBlock"/>).
    /// </summary>
    public ImmutableArray<FinalityConflict> OnFinalized(int node, Checkpoint checkpoint)
    {
        ArgumentNullException.ThrowIfNull(checkpoint);
        if (checkpoint.Epoch == 0) return [];
        if (!_latest.TryGetValue(node, out var latest) || latest.Epoch < checkpoint.Epoch) _latest[node] = checkpoint;
        var key = (checkpoint.Epoch, checkpoint.Root);
        if (_finalized.TryGetValue(key, out var nodes))
        {
            nodes.Add(node);
            Prune();
            return [];
        }

        _finalized[key] = [node];
        var found = ImmutableArray.CreateBuilder<FinalityConflict>();
        if (_blocks.ContainsKey(checkpoint.Root))
        {
            Place(checkpoint, found);
        }
        else
        {
            if (!_pending.TryGetValue(checkpoint.Root, out var waiting)) _pending[checkpoint.Root] = waiting = [];
            waiting.Add(checkpoint); // no ancestry to judge it by yet
        }

        Prune();
        return found.ToImmutable();
    }

    /// <summary>How the roots of <paramref name="a"/> and <paramref name="b"/> relate in the blocks known.</summary>
    public CheckpointRelation Relate(Checkpoint a, Checkpoint b) => Relate(a, b, out _);

    /// <summary>As <see cref="Relate(Checkpoint, Checkpoint)"/>; when Unknown because a parent is missing, <paramref name="missing"/> is that root.</summary>
    private CheckpointRelation Relate(Checkpoint a, Checkpoint b, out Hash32? missing)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        missing = null;
        if (a.Root == b.Root) return CheckpointRelation.Same;
        if (a.Epoch == 0 || b.Epoch == 0 || !_blocks.TryGetValue(a.Root, out var ba) || !_blocks.TryGetValue(b.Root, out var bb))
            return CheckpointRelation.Unknown;
        if (ba.Slot < bb.Slot)
        {
            return DescendsFrom(b.Root, a.Root, ba.Slot, out missing) switch
            {
                true => CheckpointRelation.FirstIsAncestor,
                false => CheckpointRelation.Conflicting,
                null => CheckpointRelation.Unknown,
            };
        }

        if (bb.Slot < ba.Slot)
        {
            return DescendsFrom(a.Root, b.Root, bb.Slot, out missing) switch
            {
                true => CheckpointRelation.SecondIsAncestor,
                false => CheckpointRelation.Conflicting,
                null => CheckpointRelation.Unknown,
            };
        }

        return CheckpointRelation.Conflicting; // two blocks at one slot
    }

    /// <summary>
    /// Whether <paramref name="descendant"/>'s chain reaches <paramref name="ancestor"/> (at <paramref name="ancestorSlot"/>):
    /// null when it breaks at a block not known (<paramref name="missing"/>) before going below that slot.
    /// </summary>
    private bool? DescendsFrom(Hash32 descendant, Hash32 ancestor, ulong ancestorSlot, out Hash32? missing)
    {
        missing = null;
        var cur = descendant;
        while (true)
        {
            if (!_blocks.TryGetValue(cur, out var b))
            {
                missing = cur;
                return null;
            }

            if (b.Slot <= ancestorSlot) return false;
            if (b.Parent == ancestor) return true;
            cur = b.Parent;
        }
    }

    /// <summary>Puts a finalized checkpoint whose block is known among the tips, recording the pairs it makes.</summary>
    private void Place(Checkpoint checkpoint, ImmutableArray<FinalityConflict>.Builder found)
    {
        var extends = false;
        var inside = false;
        foreach (var tip in _tips.ToList())
        {
            switch (Relate(tip, checkpoint, out var missing))
            {
                case CheckpointRelation.Same or CheckpointRelation.SecondIsAncestor:
                    inside = true;
                    break;
                case CheckpointRelation.FirstIsAncestor:
                    _tips.Remove(tip);
                    extends = true;
                    break;
                case CheckpointRelation.Conflicting:
                    AddPair(tip, checkpoint, found);
                    break;
                case CheckpointRelation.Unknown when missing is { } m:
                    Wait(m, tip, checkpoint);
                    break;
            }
        }

        if (extends || !inside) _tips.Add(checkpoint);
    }

    /// <summary>Judges again two checkpoints whose ancestry broke at a block that has now come.</summary>
    private void Decide(Checkpoint a, Checkpoint b, ImmutableArray<FinalityConflict>.Builder found)
    {
        switch (Relate(a, b, out var missing))
        {
            case CheckpointRelation.Conflicting:
                AddPair(a, b, found);
                break;
            case CheckpointRelation.FirstIsAncestor:
                _tips.Remove(a);
                break;
            case CheckpointRelation.SecondIsAncestor:
                _tips.Remove(b);
                break;
            case CheckpointRelation.Unknown when missing is { } m:
                Wait(m, a, b);
                break;
        }
    }

    private void Wait(Hash32 missing, Checkpoint a, Checkpoint b)
    {
        if (!_undecided.TryGetValue(missing, out var list)) _undecided[missing] = list = [];
        list.Add((a, b));
    }

    private void AddPair(Checkpoint a, Checkpoint b, ImmutableArray<FinalityConflict>.Builder found)
    {
        if (Implied(a, b)) return;
        var pair = Order(a, b);
        _pairs.Add(pair);
        found.Add(new FinalityConflict(Finalized(pair.First), Finalized(pair.Second)));
    }

    /// <summary>
    /// Drops the blocks more than keepSlots below the lowest slot still needed (each node's latest finalized checkpoint,
    /// every tip, every side of a pair), once that floor has moved by keepSlots; waiting pairs with a side dropped go too.
    /// </summary>
    private void Prune()
    {
        ulong? lowest = null;
        foreach (var c in _latest.Values.Concat(_tips).Concat(_pairs.SelectMany(p => new[] { p.First, p.Second })))
        {
            if (!_blocks.TryGetValue(c.Root, out var b)) return; // a checkpoint still waiting for its block: hold
            lowest = lowest is { } l ? Math.Min(l, b.Slot) : b.Slot;
        }

        if (lowest is not { } low || low < keepSlots) return;
        var floor = low - keepSlots;
        if (floor < _floor + keepSlots) return;
        _floor = floor;
        foreach (var root in _blocks.Where(kv => kv.Value.Slot < floor).Select(kv => kv.Key).ToList()) _blocks.Remove(root);
        foreach (var (missing, list) in _undecided.ToList())
        {
            list.RemoveAll(p => !_blocks.ContainsKey(p.A.Root) || !_blocks.ContainsKey(p.B.Root));
            if (list.Count == 0) _undecided.Remove(missing);
        }
    }

    private bool Implied(Checkpoint a, Checkpoint b) => _pairs.Any(p =>
        (AtOrBefore(p.First, a) && AtOrBefore(p.Second, b)) || (AtOrBefore(p.First, b) && AtOrBefore(p.Second, a)));

    private bool AtOrBefore(Checkpoint x, Checkpoint y) => Relate(x, y) is CheckpointRelation.Same or CheckpointRelation.FirstIsAncestor;

    private static (Checkpoint First, Checkpoint Second) Order(Checkpoint a, Checkpoint b) =>
        a.Epoch < b.Epoch || (a.Epoch == b.Epoch && a.Root.CompareTo(b.Root) < 0) ? (a, b) : (b, a);

    private FinalizedCheckpoint Finalized(Checkpoint c) => new(c.Epoch, c.Root, [.. _finalized[(c.Epoch, c.Root)]]);
}
