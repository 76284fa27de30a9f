using ActorChain.Core.Codec;
using ActorChain.Core.Pos.Model;
using ActorChain.Core.Pos.State;

namespace ActorChain.Core.Pos.ForkChoice;

/// <summary>A block in the fork-choice tree, with its post-state and the checkpoints that state holds. Store-private.</summary>
internal sealed class BlockNode(Hash32 root, ulong slot, BeaconBlock? block, BeaconState state, BlockNode? parent)
{
    /// <summary>The block's root (the anchor's: the terminal PoW block's hash).</summary>
    public Hash32 Root { get; } = root;

    /// <summary>The block's slot (the anchor's: its state's slot).</summary>
    public ulong Slot { get; } = slot;

    /// <summary>The block; null for the anchor.</summary>
    public BeaconBlock? Block { get; } = block;

    /// <summary>The block's post-state, owned by the store.</summary>
    public BeaconState State { get; } = state;

    /// <summary>The post-state's current justified checkpoint.</summary>
    public Checkpoint Justified { get; } = state.CurrentJustified;

    /// <summary>The post-state's finalized checkpoint.</summary>
    public Checkpoint Finalized { get; } = state.Finalized;

    /// <summary>The children, in insertion order.</summary>
    public List<BlockNode> Children { get; } = [];

    /// <summary>The parent; null for the tree's root (the anchor, or the finalized block once pruned).</summary>
    public BlockNode? Parent { get; set; } = parent;

    /// <summary>The position in the tree's insertion order: a parent always comes before its children.</summary>
    public int Index { get; set; }
}
