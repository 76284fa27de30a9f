using ActorChain.Core.Codec;

namespace ActorChain.Node.Chain;

/// <summary>
/// Blocks whose parent is not known yet, keyed by that parent; bounded, oldest dropped first. Owned by the chain actor,
/// for PoW and beacon blocks alike. Iteration order never depends on hashing: children come back in arrival order.
/// </summary>
public sealed class OrphanPool<TBlock>
{
    private readonly int _capacity;
    private readonly Func<TBlock, Hash32> _hashOf;
    private readonly Func<TBlock, Hash32> _parentOf;
    private readonly Dictionary<Hash32, List<Pending>> _byParent = []; // lookups only
    private readonly LinkedList<Pending> _arrival = new();
    private readonly Dictionary<Hash32, LinkedListNode<Pending>> _byHash = []; // lookups only: each held block's place in arrival order

    /// <summary>A held block and the node it came from (-1: this node).</summary>
    public sealed record Pending(TBlock Block, int FromNode);

    /// <summary>A pool of at most <paramref name="capacity"/> blocks.</summary>
    public OrphanPool(int capacity, Func<TBlock, Hash32> hashOf, Func<TBlock, Hash32> parentOf)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(capacity);
        _capacity = capacity;
        _hashOf = hashOf ?? throw new ArgumentNullException(nameof(hashOf));
        _parentOf = parentOf ?? throw new ArgumentNullException(nameof(parentOf));
    }

    /// <summary>The number of blocks held.</summary>
    public int Count => _arrival.Count;

    /// <summary>Holds <paramref name="p"/> (dropping the oldest beyond capacity); false when that block is held already.</summary>
    public bool Add(Pending p)
    {
        ArgumentNullException.ThrowIfNull(p);
        var hash = _hashOf(p.Block);
        if (_byHash.ContainsKey(hash))
        {
            return false;
        }

        var parent = _parentOf(p.Block);
        if (!_byParent.TryGetValue(parent, out var siblings))
        {
            siblings = [];
            _byParent.Add(parent, siblings);
        }

        siblings.Add(p);
        _byHash.Add(hash, _arrival.AddLast(p));
        while (_arrival.Count > _capacity)
        {
            Drop(_arrival.First!.Value);
        }

        return true;
    }

    /// <summary>Removes and returns the blocks waiting for <paramref name="parent"/>, in arrival order.</summary>
    public IReadOnlyList<Pending> TakeChildrenOf(Hash32 parent)
    {
        if (!_byParent.Remove(parent, out var children))
        {
            return [];
        }

        foreach (var c in children)
        {
            Unlink(_hashOf(c.Block));
        }

        return children;
    }

    /// <summary>
    /// Imports <paramref name="block"/> with <paramref name="importOne"/>, then, breadth first, every held block that was
    /// waiting for one that joined (a block <paramref name="importOne"/> refuses takes no children along).
    /// </summary>
    public void ImportWithDescendants(TBlock block, int fromNode, Func<TBlock, int, bool> importOne)
    {
        ArgumentNullException.ThrowIfNull(importOne);
        var work = new Queue<Pending>();
        work.Enqueue(new Pending(block, fromNode));
        while (work.TryDequeue(out var next))
        {
            if (!importOne(next.Block, next.FromNode)) continue;
            foreach (var child in TakeChildrenOf(_hashOf(next.Block)))
            {
                work.Enqueue(child);
            }
        }
    }

    /// <summary>
    /// The block that is really missing behind <paramref name="parent"/>: follows held orphans back until a parent that
    /// is not held. A gap of many blocks is then fetched from its far end, one batch at a time, not once per orphan.
    /// </summary>
    public Hash32 MissingRootOf(Hash32 parent)
    {
        var root = parent;
        while (_byHash.TryGetValue(root, out var node))
        {
            root = _parentOf(node.Value.Block);
        }

        return root;
    }

    /// <summary>Forgets the block with <paramref name="hash"/> and its place in arrival order.</summary>
    private void Unlink(Hash32 hash)
    {
        if (_byHash.Remove(hash, out var node))
        {
            _arrival.Remove(node);
        }
    }

    private void Drop(Pending old)
    {
        Unlink(_hashOf(old.Block));

        var parent = _parentOf(old.Block);
        if (_byParent.TryGetValue(parent, out var siblings))
        {
            siblings.Remove(old);
            if (siblings.Count == 0)
            {
                _byParent.Remove(parent);
            }
        }
    }
}
