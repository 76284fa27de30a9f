using ActorChain.Core.Codec;
using ActorChain.Core.Pos.Model;
using ActorChain.Core.Pos.State;

namespace ActorChain.Core.Pos.ForkChoice;

/// <summary>The head (<c>getHead</c> of CONSENSUS.md §5.6) and the store's queries.</summary>
public sealed partial class ForkChoiceStore
{
    // Scratch of GetHead, kept between calls (the store has one owner): it runs after every message of votes.
    private ulong[] _headWeight = [];
    private bool[] _headViable = [];

    /// <summary>
    /// LMD-GHOST from the justified root: among the viable children, the one with the greatest weight, ties to the
    /// lexicographically greater root, until a block has none. One pass over the voted roots and one up the tree.
    /// </summary>
    public Hash32 GetHead()
    {
        var order = _tree.Nodes;
        var n = order.Count;
        if (_headWeight.Length < n)
        {
            _headWeight = new ulong[Math.Max(n, 2 * _headWeight.Length)];
            _headViable = new bool[_headWeight.Length];
        }

        var weight = _headWeight.AsSpan(0, n);
        var viable = _headViable.AsSpan(0, n);
        weight.Clear();
        viable.Clear();
        foreach (var (root, sum) in _weights.ByRoot) // sums: the order does not matter
        {
            if (_tree.Node(root) is { } node)
            {
                weight[node.Index] += sum;
            }
        }

        if (ProposerBoostRoot is { } boostRoot && _tree.Node(boostRoot) is { } boosted)
        {
            weight[boosted.Index] += _proposerBoostAmount;
        }

        for (var i = n - 1; i >= 0; i--)
        {
            var node = order[i];
            if (node.Children.Count == 0)
            {
                viable[i] = IsViableLeaf(node);
            }

            if (node.Parent is { } parent)
            {
                weight[parent.Index] += weight[i];
                viable[parent.Index] |= viable[i];
            }
        }

        var head = _tree.Node(Justified.Root) ?? order[0];
        while (true)
        {
            BlockNode? best = null;
            foreach (var child in head.Children)
            {
                if (viable[child.Index] && (best is null || weight[child.Index] > weight[best.Index]
                    || (weight[child.Index] == weight[best.Index] && Compare(child.Root, best.Root) > 0)))
                {
                    best = child;
                }
            }

            if (best is null)
            {
                return head.Root;
            }

            head = best;
        }
    }

    /// <summary>True for every block the store holds, the anchor and the finalized chain's pruned blocks included.</summary>
    public bool Contains(Hash32 root) => _tree.Contains(root);

    /// <summary>The block with <paramref name="root"/>; null for the anchor (a PoW block) and unknown roots.</summary>
    public BeaconBlock? Block(Hash32 root) => _tree.Block(root);

    /// <summary>The slot of a block of the tree, or null when it is not in the tree.</summary>
    public ulong? SlotOf(Hash32 root) => _tree.Node(root)?.Slot;

    /// <summary>A copy of the post-state of block <paramref name="root"/>; null if unknown or pruned.</summary>
    public BeaconState? State(Hash32 root) => _tree.Node(root)?.State.Copy();

    /// <summary>The store's own post-state of <paramref name="root"/>, not copied: read-only, for hot paths.</summary>
    public BeaconState? SharedState(Hash32 root) => _tree.Node(root)?.State;

    /// <summary>Whether validator <paramref name="v"/>'s weight is removed as equivocating.</summary>
    public bool IsEquivocating(ulong v) => v <= int.MaxValue && _messages.IsEquivocating((int)v);

    /// <summary>Validator <paramref name="v"/>'s latest message as <c>Checkpoint(target epoch, head root)</c>, or null.</summary>
    public Checkpoint? LatestMessage(ulong v) =>
        v <= int.MaxValue && _messages.Epoch((int)v) is { } epoch && _messages.Root((int)v) is { } root ? new Checkpoint(epoch, root) : null;

    /// <summary>
    /// <c>get_ancestor</c>: the root of the latest block at or before <paramref name="slot"/> on <paramref name="root"/>'s
    /// chain; below the oldest block held, that block. Null if <paramref name="root"/> is unknown.
    /// </summary>
    public Hash32? AncestorAt(Hash32 root, ulong slot) => _tree.AncestorAt(root, slot);

    /// <summary>
    /// The number of blocks on <paramref name="oldHead"/>'s branch that <paramref name="newHead"/>'s chain does not
    /// contain: 0 when the new head extends the old one (or the old head is the anchor).
    /// </summary>
    public int ReorgDepth(Hash32 oldHead, Hash32 newHead)
    {
        var depth = 0;
        var r = oldHead;
        for (var b = _tree.Block(r); b is not null; b = _tree.Block(r))
        {
            if (_tree.AncestorAt(newHead, b.Slot) == r)
            {
                break;
            }

            depth++;
            r = b.ParentRoot;
        }

        return depth;
    }

    private static int Compare(Hash32 x, Hash32 y) => x.AsSpan().SequenceCompareTo(y.AsSpan());

    private bool DescendsFromFinalized(Hash32 root) =>
        _tree.Node(root) is { } node && BlockTree.AncestorAt(node, _config.StartSlot(Finalized.Epoch)).Root == Finalized.Root;

    private bool IsViableLeaf(BlockNode leaf) =>
        (Justified.Epoch == 0 || leaf.Justified == Justified) && (Finalized.Epoch == 0 || leaf.Finalized == Finalized);
}
