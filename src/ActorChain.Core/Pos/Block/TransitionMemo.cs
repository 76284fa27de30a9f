using System.Collections.Immutable;
using ActorChain.Core.Codec;
using ActorChain.Core.Pos.Epoch;
using ActorChain.Core.Pos.Misc;
using ActorChain.Core.Pos.Model;
using ActorChain.Core.Pos.State;
using ActorChain.Core.Transactions;

namespace ActorChain.Core.Pos.Block;

/// <summary>A post-state advanced through empty slots, and the epoch transitions crossed on the way.</summary>
public sealed record AdvancedState(BeaconState State, ImmutableArray<EpochTransition> Transitions);

/// <summary>
/// A memo of the state transition shared by the nodes of one network in one process, so that they apply each block
/// once between them. The transition is a pure function and a block is applied only when its post-state's root equals
/// the state root it carries, which commits to every field; the parent's post-state is committed by the parent root.
/// So a block's root (with equal constants, also compared) is enough of a key. Only applied blocks are remembered: a
/// rejection is recomputed, so its reason is always the caller's own. States handed out are shared: nobody may change
/// them. Thread-safe; bounded, least recently used entries go first.
/// </summary>
public sealed class TransitionMemo
{
    /// <summary>The default number of entries.</summary>
    public const int DefaultCapacity = 512;

    private readonly LruCache<object, object> _entries;

    /// <summary>A memo of <paramref name="capacity"/> entries.</summary>
    public TransitionMemo(int capacity = DefaultCapacity) => _entries = new(capacity);

    private sealed record BlockKey(Hash32 BlockRoot);

    private sealed record SlotsKey(Hash32 BlockRoot, ulong Slot);

    private sealed record BlockEntry(ConsensusConfig Config, BlockApplied Applied);

    private sealed record SlotsEntry(ConsensusConfig Config, BeaconState Source, AdvancedState Advanced);

    /// <summary>The number of entries held now (for tests).</summary>
    public int Count => _entries.Count;

    /// <summary><see cref="BlockProcessing.ProcessBlock"/>, remembered: an applied block's post-state is shared and must not be changed.</summary>
    public BlockResult ProcessBlock(BeaconState parentPostState, BeaconBlock b, ConsensusConfig c, SignatureCheck sigs)
    {
        var key = new BlockKey(b.Header.Root);
        if (_entries.TryGet(key, out var hit) && hit is BlockEntry e && e.Config == c)
        {
            return e.Applied;
        }

        var result = BlockProcessing.ProcessBlock(parentPostState, b, c, sigs);
        if (result is BlockApplied applied)
        {
            _entries.Set(key, new BlockEntry(c, applied));
        }

        return result;
    }

    /// <summary>
    /// Block <paramref name="blockRoot"/>'s post-state (unchanged by this call) advanced to <paramref name="slot"/>
    /// through empty slots, remembered: the state answered is shared. A slot at or before the state's answers the
    /// state itself.
    /// </summary>
    public AdvancedState Advance(Hash32 blockRoot, BeaconState postState, ulong slot, ConsensusConfig c)
    {
        if (slot <= postState.Slot)
        {
            return new AdvancedState(postState, []);
        }

        var key = new SlotsKey(blockRoot, slot);
        if (_entries.TryGet(key, out var hit) && hit is SlotsEntry e && ReferenceEquals(e.Source, postState) && e.Config == c)
        {
            return e.Advanced;
        }

        var s = postState.Copy();
        var advanced = new AdvancedState(s, SlotProcessing.ProcessSlots(s, slot, c));
        _entries.Set(key, new SlotsEntry(c, postState, advanced));
        return advanced;
    }
}
