using System.Collections.Immutable;
using ActorChain.Core.Codec;

namespace ActorChain.Core.Pos.ForkChoice;

/// <summary>One block of the store's recent tree as views show it (the dashboard's block tree).</summary>
/// <param name="Root">The block's root (the anchor's: the terminal PoW block's hash).</param>
/// <param name="ParentRoot">Its parent's root; null for the anchor.</param>
/// <param name="Slot">Its slot.</param>
/// <param name="Proposer">Its proposer's index; null for the anchor.</param>
/// <param name="Canonical">True when it is the head or one of its ancestors.</param>
public readonly record struct TreeBlock(Hash32 Root, Hash32? ParentRoot, ulong Slot, ulong? Proposer, bool Canonical);

/// <summary>The store's recent blocks, for views.</summary>
public sealed partial class ForkChoiceStore
{
    /// <summary>
    /// Every block the store knows of slot <paramref name="fromSlot"/> or later, ascending by slot (parents before
    /// children): the finalized history's blocks (canonical) and the tree's, each marked canonical when it is
    /// <paramref name="head"/> or one of its ancestors. Branches pruned at finalization are gone.
    /// </summary>
    public ImmutableArray<TreeBlock> BlocksSince(ulong fromSlot, Hash32 head)
    {
        var canonical = new HashSet<Hash32>();
        for (var n = _tree.Node(head); n is not null; n = n.Parent)
            canonical.Add(n.Root);
        var blocks = ImmutableArray.CreateBuilder<TreeBlock>();
        var root = _tree.Nodes[0];
        var history = _tree.HistoryBelow(root, fromSlot);
        for (var i = history.Count - 1; i >= 0; i--)
        {
            var h = history[i];
            blocks.Add(new TreeBlock(h.Root, h.ParentRoot, h.Slot, h.Block?.ProposerIndex, true));
        }

        foreach (var n in _tree.Nodes)
        {
            if (n.Slot < fromSlot)
                continue;
            blocks.Add(new TreeBlock(n.Root, n.Block?.ParentRoot ?? n.Parent?.Root, n.Slot, n.Block?.ProposerIndex,
                canonical.Contains(n.Root)));
        }

        var sorted = blocks.ToArray();
        Array.Sort(sorted, (a, b) => a.Slot != b.Slot ? a.Slot.CompareTo(b.Slot) : a.Root.CompareTo(b.Root));
        return [.. sorted];
    }
}
