package io.actorchain.core.pos.epoch;

import io.actorchain.core.codec.Hash32;
import io.actorchain.core.pos.ConsensusConfig;
import io.actorchain.core.pos.model.BeaconBlockHeader;
import io.actorchain.core.pos.state.BeaconState;
import java.util.ArrayList;
import java.util.List;

/** Advancing a state through slots (CONSENSUS.md §5.4 step 1), as Ethereum's {@code process_slots}. */
public final class SlotProcessing {
  private SlotProcessing() {}

  /** {@link #processSlots(BeaconState, long, ConsensusConfig, boolean)} with the per-validator trace. */
  public static List<EpochTransition> processSlots(BeaconState s, long targetSlot, ConsensusConfig c) {
    return processSlots(s, targetSlot, c, true);
  }

  /**
   * While {@code slot < targetSlot}: {@link #processSlot}, then epoch processing if {@code (slot + 1)} starts an
   * epoch, then {@code slot += 1}. A target equal to the state's slot does nothing (Ethereum asserts it is greater;
   * here that is the caller's choice).
   *
   * @return the epoch transitions crossed, in order
   * @throws IllegalArgumentException if {@code targetSlot < state.slot}
   */
  public static List<EpochTransition> processSlots(BeaconState s, long targetSlot, ConsensusConfig c, boolean trace) {
    if (Long.compareUnsigned(targetSlot, s.slot()) < 0) {
      throw new IllegalArgumentException("cannot advance a state at slot " + s.slot() + " back to slot " + targetSlot);
    }
    List<EpochTransition> transitions = new ArrayList<>();
    while (Long.compareUnsigned(s.slot(), targetSlot) < 0) {
      processSlot(s, c);
      if ((s.slot() + 1) % c.slotsPerEpoch() == 0) {
        transitions.add(EpochProcessing.processEpoch(s, c, trace));
      }
      s.setSlot(s.slot() + 1);
    }
    return List.copyOf(transitions);
  }

  /**
   * {@code process_slot}: if the latest block header's state root is still zero (the block was processed in this
   * slot), fill it with {@code root(state)}; then {@code blockRoots[slot % SLOTS_PER_HISTORICAL_ROOT] =} the latest
   * block's root (the anchor's while no PoS block exists). ActorChain keeps no {@code state_roots} vector (§5.3), so
   * the state is hashed only when a header needs it: at most once per slot.
   */
  public static void processSlot(BeaconState s, ConsensusConfig c) {
    BeaconBlockHeader header = s.latestBlockHeader();
    if (header != null && header.stateRoot().equals(Hash32.ZERO)) {
      s.setLatestBlockHeader(header.withStateRoot(s.root()));
    }
    s.setBlockRootAt((int) Long.remainderUnsigned(s.slot(), c.slotsPerHistoricalRoot()), s.latestBlockRoot());
  }
}
