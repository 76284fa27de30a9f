package io.actorchain.core.pos.block;

import io.actorchain.core.codec.Hash32;
import io.actorchain.core.pos.ConsensusConfig;
import io.actorchain.core.pos.model.BeaconBlock;
import io.actorchain.core.pos.epoch.EpochTransition;
import io.actorchain.core.pos.epoch.SlotProcessing;
import io.actorchain.core.pos.state.BeaconState;
import io.actorchain.core.tx.SignatureCheck;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A memo of the state transition shared by the nodes of one network in one JVM, so that they apply each block once
 * between them, as {@link SignatureCheck#shared()} verifies each signature once. The transition is a pure function,
 * and the nodes of one JVM share their immutable blocks, so a node that imports a block another node has already
 * applied takes that node's post-state instead of recomputing it. One memo per network, not per JVM: separate
 * networks (tests, say) never share states, so a bug that changes a shared state cannot spread between them.
 *
 * <p>Why a block's root is enough of a key: a block is applied only when its post-state's root equals the
 * {@code state_root} the block carries, and the root commits to every field of the state. Two nodes that both applied
 * the block (with equal constants, which the memo also compares) therefore hold equal post-states, whatever else
 * differs between them; and the parent's post-state they started from is committed by the parent root the block
 * carries. Only applied blocks are remembered: a rejection is recomputed, so its reason is always the node's own.
 *
 * <p>States handed out are shared by every node that asks: nobody may change them. The fork-choice store keeps its
 * post-states unchanged already ({@code sharedState}), and every state-changing path ({@code processBlock},
 * {@code BlockProduction}) copies first. Thread-safe; bounded (least recently used entries go first), so a run holds
 * at most {@link #DEFAULT_CAPACITY} states here beyond its own.
 */
public final class TransitionMemo {
  static final int DEFAULT_CAPACITY = 512;

  private record BlockKey(Hash32 blockRoot) {}

  private record SlotsKey(Hash32 blockRoot, long slot) {}

  private record BlockEntry(ConsensusConfig config, BlockProcessing.Applied applied) {}

  /** A state advanced from {@code source} (compared by identity: the anchor's state is not a block's). */
  private record SlotsEntry(ConsensusConfig config, BeaconState source, Advanced advanced) {}

  /** A post-state advanced through empty slots, and the epoch transitions crossed on the way. */
  public record Advanced(BeaconState state, List<EpochTransition> transitions) {
    public Advanced {
      transitions = List.copyOf(transitions);
    }
  }

  private final Map<Object, Object> entries;

  /** A memo of {@link #DEFAULT_CAPACITY} entries. */
  public TransitionMemo() {
    this(DEFAULT_CAPACITY);
  }

  TransitionMemo(int capacity) {
    if (capacity < 1) {
      throw new IllegalArgumentException("memo capacity must be at least 1, got " + capacity);
    }
    this.entries = new LinkedHashMap<>(capacity * 2, 0.75f, true) {
      @Override
      protected boolean removeEldestEntry(Map.Entry<Object, Object> eldest) {
        return size() > capacity;
      }
    };
  }

  /**
   * {@link BlockProcessing#processBlock}, remembered: the post-state of an applied block is shared and must not be
   * changed.
   */
  public BlockProcessing.Result processBlock(BeaconState parentPostState, BeaconBlock b, ConsensusConfig c,
      SignatureCheck sigs) {
    BlockKey key = new BlockKey(b.root());
    if (get(key) instanceof BlockEntry e && e.config().equals(c)) {
      return e.applied();
    }
    BlockProcessing.Result result = BlockProcessing.processBlock(parentPostState, b, c, sigs);
    if (result instanceof BlockProcessing.Applied applied) {
      put(key, new BlockEntry(c, applied));
    }
    return result;
  }

  /**
   * Block {@code blockRoot}'s post-state {@code postState} (unchanged by this call) advanced to {@code slot} through
   * empty slots, remembered: the state answered is shared and must not be changed. A slot at or before the state's
   * answers the state itself.
   */
  public Advanced advance(Hash32 blockRoot, BeaconState postState, long slot, ConsensusConfig c) {
    if (slot <= postState.slot()) {
      return new Advanced(postState, List.of());
    }
    SlotsKey key = new SlotsKey(blockRoot, slot);
    if (get(key) instanceof SlotsEntry e && e.source() == postState && e.config().equals(c)) {
      return e.advanced();
    }
    BeaconState s = postState.copy();
    List<EpochTransition> transitions = SlotProcessing.processSlots(s, slot, c);
    Advanced advanced = new Advanced(s, transitions);
    put(key, new SlotsEntry(c, postState, advanced));
    return advanced;
  }

  private synchronized Object get(Object key) {
    return entries.get(key);
  }

  private synchronized void put(Object key, Object value) {
    entries.put(key, value);
  }

  /** The number of entries held now (for tests). */
  synchronized int size() {
    return entries.size();
  }
}
