using ActorChain.Core.Codec;
using ActorChain.Core.Pos.Model;
using ActorChain.Core.Pow;

namespace ActorChain.Node.Storage;

/// <summary>
/// A node's block store: every block it imports (parents first) and its finalized checkpoint. In memory for embedded
/// runs, where it outlives a crashed node's actors so that the node restarts from it; RocksDB in a cluster (part 4).
/// </summary>
public interface IChainStore : IDisposable
{
    /// <summary>Stores a PoW block; false when it was there already.</summary>
    bool PutPowBlock(PowBlock block);

    /// <summary>Stores a beacon block; false when it was there already.</summary>
    bool PutBeaconBlock(BeaconBlock block);

    /// <summary>True when a block with this hash or root is stored.</summary>
    bool Contains(Hash32 root);

    /// <summary>The number of blocks stored.</summary>
    long BlockCount { get; }

    /// <summary>Every block, in the order they were stored (parents first).</summary>
    IReadOnlyList<StoredBlock> LoadBlocks();

    /// <summary>Records the latest finalized checkpoint.</summary>
    void PutFinalized(Checkpoint checkpoint);

    /// <summary>The latest finalized checkpoint stored, or null.</summary>
    Checkpoint? Finalized { get; }

    /// <summary>Sets metadata <paramref name="key"/> (non-blank) to a copy of <paramref name="value"/>.</summary>
    void PutMeta(string key, byte[] value);

    /// <summary>
    /// Like <see cref="PutMeta"/> without waiting for the disk: survives a crash of the process (the OS holds the write),
    /// perhaps not a power loss. For values rewritten often, such as <see cref="NodeCounters"/>.
    /// </summary>
    void PutMetaUnsynced(string key, byte[] value);

    /// <summary>A copy of metadata <paramref name="key"/>'s value, or null when it is not set.</summary>
    byte[]? Meta(string key);

    /// <summary>Where the store lives, for messages (<c>memory</c> or a path).</summary>
    string Location { get; }
}

/// <summary>A stored block: PoW or beacon.</summary>
public abstract record StoredBlock
{
    /// <summary>The key it is stored under: a PoW block's hash, a beacon block's root.</summary>
    public abstract Hash32 Root { get; }

    /// <summary>A PoW block.</summary>
    public sealed record Pow(PowBlock Block) : StoredBlock
    {
        /// <inheritdoc />
        public override Hash32 Root => Block.Hash;
    }

    /// <summary>A beacon block.</summary>
    public sealed record Beacon(BeaconBlock Block) : StoredBlock
    {
        /// <inheritdoc />
        public override Hash32 Root => Block.Root;
    }
}
