package io.actorchain.node.store;

import io.actorchain.core.codec.Hash32;
import io.actorchain.core.pos.model.BeaconBlock;
import io.actorchain.core.pos.model.Checkpoint;
import io.actorchain.core.pow.PowBlock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Consumer;

/**
 * A {@link ChainStore} in memory, for embedded {@code run} and {@code simulate}: the same contract as {@link
 * RocksChainStore}, gone with the JVM. Blocks are immutable, so it keeps the objects themselves.
 */
public final class MemoryChainStore implements ChainStore {
  private final Map<Hash32, StoredBlock> blocks = new LinkedHashMap<>(); // insertion order
  private final Map<String, byte[]> meta = new TreeMap<>();
  private Checkpoint finalized;
  private boolean closed;

  @Override
  public synchronized boolean putBeaconBlock(BeaconBlock block) {
    return put(new StoredBlock.Beacon(block));
  }

  @Override
  public synchronized boolean putPowBlock(PowBlock block) {
    return put(new StoredBlock.Pow(block));
  }

  private boolean put(StoredBlock block) {
    open();
    return blocks.putIfAbsent(block.root(), block) == null;
  }

  @Override
  public synchronized boolean contains(Hash32 root) {
    open();
    return blocks.containsKey(root);
  }

  @Override
  public synchronized long blockCount() {
    open();
    return blocks.size();
  }

  @Override
  public synchronized void forEachBlock(Consumer<StoredBlock> action) {
    open();
    List.copyOf(blocks.values()).forEach(action);
  }

  @Override
  public synchronized void putFinalized(Checkpoint checkpoint) {
    open();
    finalized = Objects.requireNonNull(checkpoint, "checkpoint");
  }

  @Override
  public synchronized Optional<Checkpoint> finalized() {
    open();
    return Optional.ofNullable(finalized);
  }

  @Override
  public synchronized void putMeta(String key, byte[] value) {
    open();
    checkKey(key);
    if (value == null) {
      throw new IllegalArgumentException("metadata " + key + ": value must not be null");
    }
    meta.put(key, value.clone());
  }

  @Override
  public synchronized Optional<byte[]> meta(String key) {
    open();
    checkKey(key);
    return Optional.ofNullable(meta.get(key)).map(byte[]::clone);
  }

  private static void checkKey(String key) {
    if (key == null || key.isBlank()) {
      throw new IllegalArgumentException("metadata key must be non-blank, got " + (key == null ? "null" : "'" + key + "'"));
    }
  }

  @Override
  public String location() {
    return "memory";
  }

  @Override
  public synchronized void close() {
    closed = true;
  }

  private void open() {
    if (closed) {
      throw new IllegalStateException("the in-memory block store is closed");
    }
  }
}
