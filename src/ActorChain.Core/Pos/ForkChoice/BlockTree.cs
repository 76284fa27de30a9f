using ActorChain.Core.Codec;
using ActorChain.Core.Pos.Model;

namespace ActorChain.Core.Pos.ForkChoice;

/// <summary>
/// The fork-choice store's blocks: a tree of <see cref="BlockNode"/>s from the finalized block (the anchor until the
/// first finalization) in insertion order, plus the finalized chain's older blocks without their states.
/// Store-private; the dictionaries are for lookups only, never iterated for an order.
/// </summary>
internal sealed class BlockTree
{
    private readonly Dictionary<Hash32, BlockNode> _nodes = [];
    private readonly List<BlockNode> _order = [];
    private readonly Dictionary<Hash32, Historic> _history = [];

    /// <summary>A tree holding only <paramref name="root"/>.</summary>
    public BlockTree(BlockNode root) => Add(root);

    /// <summary>The nodes in insertion order, parents before children; the first is the tree's root.</summary>
    public IReadOnlyList<BlockNode> Nodes => _order;

    /// <summary>Adds a node whose parent (if any) is in the tree.</summary>
    public void Add(BlockNode node)
    {
        node.Index = _order.Count;
        _order.Add(node);
        _nodes[node.Root] = node;
        node.Parent?.Children.Add(node);
    }

    /// <summary>The node of <paramref name="root"/>, or null (unknown, pruned, or finalized history).</summary>
    public BlockNode? Node(Hash32 root) => _nodes.GetValueOrDefault(root);

    /// <summary>True for a node of the tree or a block of the finalized history.</summary>
    public bool Contains(Hash32 root) => _nodes.ContainsKey(root) || _history.ContainsKey(root);

    /// <summary>The block of <paramref name="root"/> in the tree or the history; null for the anchor or an unknown root.</summary>
    public BeaconBlock? Block(Hash32 root) =>
        _nodes.TryGetValue(root, out var node) ? node.Block : _history.GetValueOrDefault(root)?.Block;

    /// <summary><c>get_ancestor</c> within the tree: the latest node at or before <paramref name="slot"/> (or the tree's root).</summary>
    public static BlockNode AncestorAt(BlockNode node, ulong slot)
    {
        while (node.Slot > slot && node.Parent is { } parent)
        {
            node = parent;
        }

        return node;
    }

    /// <summary>
    /// <c>get_ancestor</c> for any known root, continuing below the tree's root through the finalized history; below
    /// the oldest block held it answers that block. Null if <paramref name="root"/> is unknown.
    /// </summary>
    public Hash32? AncestorAt(Hash32 root, ulong slot)
    {
        var r = root;
        if (_nodes.TryGetValue(root, out var node))
        {
            node = AncestorAt(node, slot);
            if (node.Slot <= slot || node.Block is null || !_history.ContainsKey(node.Block.ParentRoot))
            {
                return node.Root;
            }

            r = node.Block.ParentRoot;
        }
        else if (!_history.ContainsKey(root))
        {
            return null;
        }

        var h = _history[r];
        while (h.Slot > slot && h.ParentRoot is { } parent && _history.TryGetValue(parent, out var older))
        {
            r = parent;
            h = older;
        }

        return r;
    }

    /// <summary>
    /// Makes <paramref name="newRoot"/> the tree's root: its descendants stay, its ancestors move to the finalized
    /// history without their states, every other branch is dropped. Nothing happens if it is unknown or the root already.
    /// </summary>
    public void PruneTo(Hash32 newRoot)
    {
        if (!_nodes.TryGetValue(newRoot, out var root) || root.Parent is not { } rootParent)
        {
            return;
        }

        for (var a = root.Parent; a is not null; a = a.Parent)
        {
            _history[a.Root] = new Historic(a.Slot, a.Parent?.Root, a.Block);
        }

        var kept = new List<BlockNode>();
        var keptSet = new HashSet<BlockNode>(ReferenceEqualityComparer.Instance);
        foreach (var node in _order)
        {
            if (node == root || (node.Parent is not null && keptSet.Contains(node.Parent)))
            {
                kept.Add(node);
                keptSet.Add(node);
            }
            else
            {
                _nodes.Remove(node.Root);
            }
        }

        rootParent.Children.Remove(root);
        root.Parent = null;
        _order.Clear();
        foreach (var node in kept)
        {
            node.Index = _order.Count;
            _order.Add(node);
        }
    }

    /// <summary>The finalized history below <paramref name="root"/> (the tree's root), newest first, down to slot <paramref name="minSlot"/>.</summary>
    public IReadOnlyList<(Hash32 Root, ulong Slot, Hash32? ParentRoot, BeaconBlock? Block)> HistoryBelow(BlockNode root, ulong minSlot)
    {
        var found = new List<(Hash32, ulong, Hash32?, BeaconBlock?)>();
        var r = root.Block?.ParentRoot;
        while (r is { } at && _history.TryGetValue(at, out var h) && h.Slot >= minSlot)
        {
            found.Add((at, h.Slot, h.ParentRoot, h.Block));
            r = h.ParentRoot;
        }

        return found;
    }

    /// <summary>A finalized-chain block whose state was pruned: enough to serve it and walk its ancestry.</summary>
    private sealed record Historic(ulong Slot, Hash32? ParentRoot, BeaconBlock? Block);
}
