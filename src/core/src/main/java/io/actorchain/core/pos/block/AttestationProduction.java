package io.actorchain.core.pos.block;

import io.actorchain.core.codec.Hash32;
import io.actorchain.core.pos.ConsensusConfig;
import io.actorchain.core.pos.epoch.SlotProcessing;
import io.actorchain.core.pos.misc.Accessors;
import io.actorchain.core.pos.model.AttestationData;
import io.actorchain.core.pos.model.Checkpoint;
import io.actorchain.core.pos.state.BeaconState;

/** The honest validator's attestation (CONSENSUS.md §5.7). */
public final class AttestationProduction {
  private AttestationProduction() {}

  /**
   * {@code AttestationData} for a validator on duty at {@code slot} in committee {@code committeeIndex}, voting for
   * {@code headRoot}, read from the head's post-state advanced through the empty slots to {@code slot} (if the given
   * state is behind, a copy is advanced here; the given state is never changed):
   * <ul>
   *   <li>{@code source = currentJustified} of the advanced state, which is what block processing checks;
   *   <li>{@code target = Checkpoint(epoch(slot), ancestor of the head at the epoch's start slot)}: the head itself
   *       when the advanced state is at the start slot (the head is then at or before it), otherwise the advanced
   *       state's block root at the start slot, which is the latest block at or before it on the head's chain. This
   *       is Ethereum's {@code epoch_boundary_block_root}.
   * </ul>
   *
   * @throws IllegalArgumentException if the state is already past {@code slot}
   */
  public static AttestationData attestationData(BeaconState headStateAdvancedToSlot, Hash32 headRoot, long slot,
      long committeeIndex, ConsensusConfig c) {
    BeaconState s = headStateAdvancedToSlot;
    if (s.slot() > slot) {
      throw new IllegalArgumentException("the head state is at slot " + s.slot() + ", past the duty's slot " + slot);
    }
    if (s.slot() < slot) {
      s = s.copy();
      SlotProcessing.processSlots(s, slot, c, false);
    }
    long epoch = c.epochOf(slot);
    long startSlot = c.startSlot(epoch);
    Hash32 targetRoot = s.slot() == startSlot ? headRoot : Accessors.blockRootAtSlot(s, startSlot, c);
    return new AttestationData(slot, committeeIndex, headRoot, s.currentJustified(), new Checkpoint(epoch, targetRoot));
  }
}
