using System.Collections.Immutable;
using System.Numerics;
using ActorChain.Core.Codec;
using ActorChain.Core.Ledger;
using ActorChain.Core.Transactions;

namespace ActorChain.Core.Pow;

/// <summary>
/// The proof-of-work chain store and fork choice (CONSENSUS.md §3): every valid block with its post-state and total
/// difficulty; the head is the block with the greatest total difficulty, and on a tie the current head stays (the
/// first seen wins). Mutable, with one owner. Blocks whose parent is unknown are not kept: the caller fetches the
/// parent and imports the block again.
/// </summary>
public sealed class BlockTree
{
    private const int SignatureCacheCapacity = 16_384;
    private const int InvalidMemory = 4_096;

    private readonly Node _genesis;
    private readonly Dictionary<Hash32, Node> _nodes = []; // lookups only; never iterated
    private readonly List<Node> _canonical = []; // index = height
    private readonly SignatureCheck _sigs = SignatureCheck.Cached(SignatureCacheCapacity);
    private readonly Dictionary<Hash32, BlockRejection> _invalid = []; // lookups only
    private readonly Queue<Hash32> _invalidOrder = new(); // oldest first, to forget beyond InvalidMemory
    private Node _head;

    /// <summary>A tree holding only <paramref name="genesis"/> (height 0, else <see cref="ArgumentException"/>).</summary>
    public BlockTree(PowBlock genesis, LedgerState genesisState, PowParams p)
    {
        ArgumentNullException.ThrowIfNull(genesis);
        ArgumentNullException.ThrowIfNull(genesisState);
        ArgumentNullException.ThrowIfNull(p);
        if (genesis.Height != 0)
        {
            throw new ArgumentException($"the genesis block must have height 0, got {genesis.Height}", nameof(genesis));
        }

        Params = p;
        _genesis = new Node(genesis, genesisState, Targets.Work(genesis.Target), null);
        _nodes.Add(genesis.Hash, _genesis);
        _canonical.Add(_genesis);
        _head = _genesis;
    }

    /// <summary>The constants blocks are checked with.</summary>
    public PowParams Params { get; }

    /// <summary>The genesis block.</summary>
    public PowBlock Genesis => _genesis.Block;

    /// <summary>The head: the stored block with the greatest total difficulty, the first seen on a tie.</summary>
    public PowBlock Head => _head.Block;

    /// <summary>The ledger after the head.</summary>
    public LedgerState HeadState => _head.State;

    /// <summary>The number of stored blocks, genesis included.</summary>
    public int Count => _nodes.Count;

    /// <summary>Stored blocks that are not on the canonical chain.</summary>
    public int OrphanCount => _nodes.Count - _canonical.Count;

    /// <summary>Validates <paramref name="b"/> against its parent and the local clock, stores it, and moves the head if it is heavier.</summary>
    public ImportResult ImportBlock(PowBlock b, ulong nowMillis)
    {
        ArgumentNullException.ThrowIfNull(b);
        var hash = b.Hash;
        if (_nodes.ContainsKey(hash))
        {
            return new ImportResult.Duplicate();
        }

        if (_invalid.TryGetValue(hash, out var known))
        {
            return new ImportResult.Invalid(known);
        }

        if (_invalid.ContainsKey(b.ParentHash))
        {
            return Invalid(hash, new BlockRejection(PowInvalidReason.InvalidParent, $"parent {b.ParentHash}"));
        }

        if (!_nodes.TryGetValue(b.ParentHash, out var parent))
        {
            return new ImportResult.MissingParent(b.ParentHash);
        }

        if (!PowBlockRules.TryApply(b, Context(parent), nowMillis, Params, _sigs, out var postState, out var rejection))
        {
            return Invalid(hash, rejection);
        }

        var node = new Node(b, postState, parent.TotalDifficulty + Targets.Work(b.Target), parent);
        _nodes.Add(hash, node);
        return node.TotalDifficulty > _head.TotalDifficulty
            ? new ImportResult.Imported(b, true, SetHead(node))
            : new ImportResult.Imported(b, false, null);
    }

    /// <summary>The context to build or check a child of <paramref name="parentHash"/>; <see cref="KeyNotFoundException"/> if unknown.</summary>
    public BlockContext ContextFor(Hash32 parentHash) => Context(NodeOf(parentHash));

    /// <summary>The post-state of a stored block; <see cref="KeyNotFoundException"/> if unknown.</summary>
    public LedgerState StateOf(Hash32 hash) => NodeOf(hash).State;

    /// <summary>The sum of the work of the block and all its ancestors, genesis included; <see cref="KeyNotFoundException"/> if unknown.</summary>
    public BigInteger TotalDifficulty(Hash32 hash) => NodeOf(hash).TotalDifficulty;

    /// <summary>The stored block with this hash, or null.</summary>
    public PowBlock? Get(Hash32 hash) => _nodes.TryGetValue(hash, out var n) ? n.Block : null;

    /// <summary>Whether the block is stored.</summary>
    public bool Contains(Hash32 hash) => _nodes.ContainsKey(hash);

    /// <summary>Whether <paramref name="hash"/> is on the chain from genesis to the head.</summary>
    public bool IsCanonical(Hash32 hash) => _nodes.TryGetValue(hash, out var n) && IsCanonical(n);

    /// <summary>A remembered rejection of <paramref name="hash"/>, if it was imported and found invalid.</summary>
    public BlockRejection? KnownInvalid(Hash32 hash) => _invalid.GetValueOrDefault(hash);

    /// <summary>The block at <paramref name="height"/> on the chain from genesis to the head, or null.</summary>
    public PowBlock? CanonicalAt(ulong height) => height < (ulong)_canonical.Count ? _canonical[(int)height].Block : null;

    /// <summary>Every block of height <paramref name="height"/> or more, forks included, ascending by height then hash.</summary>
    public ImmutableArray<PowBlock> BlocksFrom(ulong height)
    {
        var found = _nodes.Values.Where(n => n.Height >= height).Select(n => n.Block).ToArray();
        Array.Sort(found, (a, b) => a.Height != b.Height ? a.Height.CompareTo(b.Height) : a.Hash.CompareTo(b.Hash));
        return [.. found];
    }

    /// <summary>Up to <paramref name="max"/> blocks from <paramref name="from"/> (inclusive) towards genesis; empty if unknown.</summary>
    public ImmutableArray<PowBlock> Ancestors(Hash32 from, int max)
    {
        var result = ImmutableArray.CreateBuilder<PowBlock>();
        for (var n = _nodes.GetValueOrDefault(from); n is not null && result.Count < max; n = n.Parent)
        {
            result.Add(n.Block);
        }

        return result.DrainToImmutable();
    }

    /// <summary>
    /// Remembers a rejection unless it may not hold later: a timestamp too far ahead may become valid, and a body that
    /// does not match its header says nothing about the header (the same hash may come with the right body).
    /// </summary>
    private ImportResult.Invalid Invalid(Hash32 hash, BlockRejection rejection)
    {
        if (rejection.Reason is not (PowInvalidReason.TimestampTooFarInFuture or PowInvalidReason.BadTxRoot))
        {
            _invalid.Add(hash, rejection);
            _invalidOrder.Enqueue(hash);
            if (_invalidOrder.Count > InvalidMemory)
            {
                _invalid.Remove(_invalidOrder.Dequeue());
            }
        }

        return new ImportResult.Invalid(rejection);
    }

    private Reorg? SetHead(Node newHead)
    {
        var oldHead = _head;
        var branch = new List<Node>();
        var n = newHead;
        while (!IsCanonical(n))
        {
            branch.Add(n);
            n = n.Parent!;
        }

        var ancestor = n;
        _canonical.RemoveRange((int)ancestor.Height + 1, _canonical.Count - (int)ancestor.Height - 1);
        branch.Reverse();
        _canonical.AddRange(branch);
        _head = newHead;
        var depth = checked((int)(oldHead.Height - ancestor.Height));
        return depth == 0
            ? null
            : new Reorg(oldHead.Block.Hash, newHead.Block.Hash, ancestor.Block.Hash, depth, oldHead.Height, newHead.Height);
    }

    private bool IsCanonical(Node n) => n.Height < (ulong)_canonical.Count && ReferenceEquals(_canonical[(int)n.Height], n);

    /// <summary>The ancestor of <paramref name="from"/> (or itself) at <c>height ≤ from.Height</c>.</summary>
    private Node AncestorAt(Node from, ulong height)
    {
        var n = from;
        while (n.Height > height)
        {
            if (IsCanonical(n))
            {
                return _canonical[(int)height];
            }

            n = n.Parent!;
        }

        return n;
    }

    private BlockContext Context(Node parent) =>
        BlockContext.ChildOf(Params, parent.Block.Header, h => AncestorAt(parent, h).Block.Timestamp, parent.State);

    private Node NodeOf(Hash32 hash) =>
        _nodes.TryGetValue(hash, out var n) ? n : throw new KeyNotFoundException($"unknown block {hash}");

    private sealed class Node(PowBlock block, LedgerState state, BigInteger totalDifficulty, Node? parent)
    {
        public PowBlock Block { get; } = block;

        public LedgerState State { get; } = state;

        public BigInteger TotalDifficulty { get; } = totalDifficulty;

        public Node? Parent { get; } = parent;

        public ulong Height => Block.Height;
    }
}
