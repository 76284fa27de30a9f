package io.actorchain.node.chain;

import io.actorchain.core.pos.model.BeaconBlock;
import io.actorchain.core.pow.BlockTree;
import io.actorchain.core.pow.ImportResult;
import io.actorchain.node.store.ChainStore;
import io.actorchain.node.store.StoreException;
import io.actorchain.node.store.StoredBlock;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What a restarted node reloads from its block store before it takes part again (ARCHITECTURE.md, "Catch-up"): every
 * stored block in the order it was stored, which puts parents first. PoW blocks go straight into the PoW tree; beacon
 * blocks wait for the beacon chain, which re-imports them through its normal import once the chain has merged again.
 * Two metadata keys say how the stored chain left PoW: {@link #STARTED_POS} ({@code node --pos}, {@code StartPos}) and
 * {@link #MERGE_AT} (a {@code merge} command's height); a merge height from the settings needs neither. A plain helper
 * of {@link ChainActor}.
 */
final class ChainReload {
  /** Metadata: the chain started straight in proof of stake from the PoW genesis block. */
  static final String STARTED_POS = "started-pos";
  /** Metadata: the merge height a {@code merge} command set, u64 big-endian. */
  static final String MERGE_AT = "merge-at";
  /**
   * Metadata: the last epoch transition the beacon chain published (epochs.jsonl has one line per node per epoch), u64
   * big-endian, so that a restarted node does not publish it again.
   */
  static final String LAST_RECORDED_EPOCH = "last-recorded-epoch";

  private final int powBlocks;
  private final List<BeaconBlock> beaconBlocks;
  private final boolean startedPos;
  private final Optional<Long> mergeAtHeight;

  private ChainReload(int powBlocks, List<BeaconBlock> beaconBlocks, boolean startedPos, Optional<Long> mergeAtHeight) {
    this.powBlocks = powBlocks;
    this.beaconBlocks = beaconBlocks;
    this.startedPos = startedPos;
    this.mergeAtHeight = mergeAtHeight;
  }

  /** Imports {@code store}'s PoW blocks into {@code tree} (nothing is announced) and keeps its beacon blocks. */
  static ChainReload load(ChainStore store, BlockTree tree, long nowMillis) {
    boolean startedPos = store.meta(STARTED_POS).isPresent();
    Optional<Long> mergeAt = u64(store, MERGE_AT);
    int[] pow = {0};
    List<BeaconBlock> beacon = new ArrayList<>();
    store.forEachBlock(b -> {
      if (b instanceof StoredBlock.Pow p) {
        if (tree.importBlock(p.block(), nowMillis) instanceof ImportResult.Imported) {
          pow[0]++;
        }
      } else if (b instanceof StoredBlock.Beacon bb) {
        beacon.add(bb.block());
      }
    });
    return new ChainReload(pow[0], List.copyOf(beacon), startedPos, mergeAt);
  }

  /** Records that the chain starts straight in PoS, so that it does again after a restart. */
  static void startedPos(ChainStore store) {
    if (store.meta(STARTED_POS).isEmpty()) {
      store.putMeta(STARTED_POS, new byte[] {1});
    }
  }

  /** Records the merge height a {@code merge} command set, so that a restarted node merges at the same block. */
  static void mergeScheduled(ChainStore store, long height) {
    store.putMeta(MERGE_AT, ByteBuffer.allocate(Long.BYTES).putLong(height).array());
  }

  /** The last epoch transition published before a restart, or -1. */
  static long lastRecordedEpoch(ChainStore store) {
    return u64(store, LAST_RECORDED_EPOCH).orElse(-1L);
  }

  /** Records that the transition at the end of {@code epoch} was published. */
  static void recorded(ChainStore store, long epoch) {
    store.putMeta(LAST_RECORDED_EPOCH, ByteBuffer.allocate(Long.BYTES).putLong(epoch).array());
  }

  private static Optional<Long> u64(ChainStore store, String key) {
    return store.meta(key).map(v -> {
      if (v.length != Long.BYTES) {
        throw new StoreException("data dir " + store.location() + ": metadata " + key + " is corrupt (" + v.length
            + " bytes, not " + Long.BYTES + ")");
      }
      return ByteBuffer.wrap(v).getLong();
    });
  }

  /** Whether the store held nothing to reload: a fresh node. */
  boolean isEmpty() {
    return powBlocks == 0 && beaconBlocks.isEmpty() && !startedPos && mergeAtHeight.isEmpty();
  }

  int powBlocks() {
    return powBlocks;
  }

  List<BeaconBlock> beaconBlocks() {
    return beaconBlocks;
  }

  boolean startedPos() {
    return startedPos;
  }

  Optional<Long> mergeAtHeight() {
    return mergeAtHeight;
  }
}
