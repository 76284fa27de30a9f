using ActorChain.Core.Codec;
using ActorChain.Core.Pos.Epoch;
using ActorChain.Core.Pos.Misc;
using ActorChain.Core.Pos.Model;
using ActorChain.Core.Pos.State;

namespace ActorChain.Core.Pos.Block;

/// <summary>The honest validator's attestation (CONSENSUS.md §5.7).</summary>
public static class AttestationProduction
{
    /// <summary>
    /// The <c>AttestationData</c> of a validator on duty at <paramref name="slot"/> in committee
    /// <paramref name="committeeIndex"/>, voting for <paramref name="headRoot"/>, read from the head's post-state
    /// advanced through the empty slots to <paramref name="slot"/> (a copy is advanced here if the state is behind;
    /// the given state is never changed): <c>source = currentJustified</c> of the advanced state, and
    /// <c>target = (epoch(slot), ancestor of the head at the epoch's start slot)</c> — Ethereum's
    /// <c>epoch_boundary_block_root</c>.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">The state is already past <paramref name="slot"/>.</exception>
    public static AttestationData ComputeAttestationData(BeaconState headStateAdvancedToSlot, Hash32 headRoot,
        ulong slot, ulong committeeIndex, ConsensusConfig c)
    {
        var s = headStateAdvancedToSlot;
        if (s.Slot > slot)
        {
            throw new ArgumentOutOfRangeException(nameof(slot), slot,
                $"the head state is at slot {s.Slot}, past the duty's slot {slot}");
        }

        if (s.Slot < slot)
        {
            s = s.Copy();
            SlotProcessing.ProcessSlots(s, slot, c, trace: false);
        }

        var epoch = c.EpochOf(slot);
        var startSlot = c.StartSlot(epoch);
        var targetRoot = s.Slot == startSlot ? headRoot : Accessors.BlockRootAtSlot(s, startSlot, c);
        return new AttestationData(slot, committeeIndex, headRoot, s.CurrentJustified, new Checkpoint(epoch, targetRoot));
    }
}
