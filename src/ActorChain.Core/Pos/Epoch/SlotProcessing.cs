using System.Collections.Immutable;
using ActorChain.Core.Codec;
using ActorChain.Core.Pos.State;

namespace ActorChain.Core.Pos.Epoch;

/// <summary>Advancing a state through slots (CONSENSUS.md §5.4 step 1), as Ethereum's <c>process_slots</c>.</summary>
public static class SlotProcessing
{
    /// <summary>
    /// While <c>slot &lt; targetSlot</c>: <see cref="ProcessSlot"/>, then epoch processing if <c>slot + 1</c> starts an
    /// epoch, then <c>slot += 1</c>. A target equal to the state's slot does nothing. Returns the epoch transitions
    /// crossed, in order; <paramref name="trace"/> asks them for per-validator traces.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">The target is before the state's slot (a caller's bug).</exception>
    public static ImmutableArray<EpochTransition> ProcessSlots(BeaconState s, ulong targetSlot, ConsensusConfig c,
        bool trace = true)
    {
        if (targetSlot < s.Slot)
        {
            throw new ArgumentOutOfRangeException(nameof(targetSlot), targetSlot,
                $"cannot advance a state at slot {s.Slot} back to slot {targetSlot}");
        }

        var transitions = ImmutableArray.CreateBuilder<EpochTransition>();
        while (s.Slot < targetSlot)
        {
            ProcessSlot(s, c);
            if ((s.Slot + 1) % c.SlotsPerEpoch == 0)
            {
                transitions.Add(EpochProcessing.ProcessEpoch(s, c, trace));
            }

            s.Slot += 1;
        }

        return transitions.ToImmutable();
    }

    /// <summary>
    /// <c>process_slot</c>: if the latest block header's state root is still zero (the block was processed in this
    /// slot), fill it with <c>root(state)</c>; then <c>blockRoots[slot % SLOTS_PER_HISTORICAL_ROOT]</c> = the latest
    /// block's root (the anchor's while no PoS block exists).
    /// </summary>
    public static void ProcessSlot(BeaconState s, ConsensusConfig c)
    {
        var header = s.LatestBlockHeader;
        if (header is not null && header.StateRoot == Hash32.Zero)
        {
            s.LatestBlockHeader = header with { StateRoot = s.Root() };
        }

        s.SetBlockRootAt((int)(s.Slot % c.SlotsPerHistoricalRoot), s.LatestBlockRoot);
    }
}
