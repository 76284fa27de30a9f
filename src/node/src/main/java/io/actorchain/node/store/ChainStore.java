package io.actorchain.node.store;

import io.actorchain.core.codec.Hash32;
import io.actorchain.core.pos.model.BeaconBlock;
import io.actorchain.core.pos.model.Checkpoint;
import io.actorchain.core.pow.PowBlock;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * A node's block store: every block it imported, PoW and beacon, keyed by root and kept in insertion order, the
 * latest finalized checkpoint, and a small metadata map. A restarted node replays {@link #forEachBlock} to re-import
 * parents before children (a node imports a block only after its parent, so insertion order is such an order).
 *
 * <p>Values are core's canonical encodings ({@link PowBlock#canonical()}, {@link BeaconBlock#canonical()}, {@link
 * Checkpoint#canonical()}), the bytes the gossip messages carry, and are decoded strictly on the way back: a value
 * that no longer decodes is a {@link StoreException} naming the data dir and the block.
 *
 * <p>One writer (the actor that owns the block tree); reads may come from any thread. Implementations:
 * {@link RocksChainStore} under a data dir, {@link MemoryChainStore} for embedded runs. Every method but
 * {@link #close()} throws {@link IllegalStateException} once the store is closed.
 */
public interface ChainStore extends AutoCloseable {
  /** The metadata key of the genesis digest, written by {@link #requireGenesis}. */
  String GENESIS_DIGEST = "genesis-digest";

  /** Stores a beacon block under {@link BeaconBlock#root()}; false (and nothing written) if that root is stored. */
  boolean putBeaconBlock(BeaconBlock block);

  /** Stores a PoW block under {@link PowBlock#hash()}; false (and nothing written) if that hash is stored. */
  boolean putPowBlock(PowBlock block);

  /** Whether a block with this root (beacon) or hash (PoW) is stored. */
  boolean contains(Hash32 root);

  /** How many blocks are stored. */
  long blockCount();

  /** Hands every stored block to {@code action}, in the order they were first put. */
  void forEachBlock(Consumer<StoredBlock> action);

  /** Every stored block, in the order they were first put. */
  default List<StoredBlock> loadBlocks() {
    List<StoredBlock> blocks = new ArrayList<>();
    forEachBlock(blocks::add);
    return List.copyOf(blocks);
  }

  /** Records the latest finalized checkpoint, replacing the one before. */
  void putFinalized(Checkpoint checkpoint);

  /** The latest finalized checkpoint recorded, if any. */
  Optional<Checkpoint> finalized();

  /** Sets metadata {@code key} (non-blank) to a copy of {@code value}. */
  void putMeta(String key, byte[] value);

  /** A copy of metadata {@code key}'s value, if set. */
  Optional<byte[]> meta(String key);

  /** Where the data lives, for messages: the data dir, or {@code "memory"}. */
  String location();

  /**
   * Binds this store to a genesis: records {@code genesisDigest} on first use, and afterwards refuses (with a {@link
   * StoreException} naming the data dir and both digests) a node whose genesis differs.
   */
  default void requireGenesis(String genesisDigest) {
    if (genesisDigest == null || genesisDigest.isBlank()) {
      throw new IllegalArgumentException("genesis digest must be non-blank, got " + genesisDigest);
    }
    byte[] mine = genesisDigest.getBytes(StandardCharsets.UTF_8);
    Optional<byte[]> stored = meta(GENESIS_DIGEST);
    if (stored.isEmpty()) {
      putMeta(GENESIS_DIGEST, mine);
    } else if (!Arrays.equals(stored.get(), mine)) {
      throw new StoreException("data dir " + location() + " belongs to another genesis (digest "
          + new String(stored.get(), StandardCharsets.UTF_8) + ", this node's is " + genesisDigest
          + "): use a fresh --data-dir, or start with the genesis it was made for");
    }
  }

  /** Releases the store; idempotent. */
  @Override
  void close();
}
