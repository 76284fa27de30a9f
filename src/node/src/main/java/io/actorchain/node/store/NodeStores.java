package io.actorchain.node.store;

import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * A node's two stores, opened together: the block store and the slashing-protection database.
 *
 * <p>On disk they are two RocksDB databases, {@code dataDir/chain} and {@code dataDir/protection}, not two column
 * families of one. Each then has its own write-ahead log and lock: the protection store's fsync on every signature
 * does not wait on (or flush) block writes, and the chain can be deleted to resync from peers while the protection
 * records, which must never be lost, stay where they are (as Teku keeps its slashing-protection files apart).
 *
 * <p>{@link #open} fails with a one-line {@link StoreException} when the data dir cannot be used: not a directory or not
 * writable, or in use by another process (RocksDB's lock), which also covers a second node of the same JVM.
 */
public final class NodeStores implements AutoCloseable {
  private final Path dataDir;
  private final ChainStore chain;
  private final ProtectionStore protection;

  private NodeStores(Path dataDir, ChainStore chain, ProtectionStore protection) {
    this.dataDir = dataDir;
    this.chain = chain;
    this.protection = protection;
  }

  /** Opens (creating if missing) both stores under {@code dataDir}. */
  public static NodeStores open(Path dataDir) {
    Objects.requireNonNull(dataDir, "dataDir");
    ProtectionStore protection = RocksProtectionStore.open(dataDir);
    try {
      return new NodeStores(dataDir, RocksChainStore.open(dataDir), protection);
    } catch (RuntimeException e) {
      protection.close();
      throw e;
    }
  }

  /** Both stores in memory, for embedded {@code run} and {@code simulate}. */
  public static NodeStores inMemory() {
    return new NodeStores(null, new MemoryChainStore(), new MemoryProtectionStore());
  }

  public ChainStore chain() {
    return chain;
  }

  public ProtectionStore protection() {
    return protection;
  }

  /** The data dir, or empty in memory. */
  public Optional<Path> dataDir() {
    return Optional.ofNullable(dataDir);
  }

  /** Closes the block store, then the protection store; idempotent. */
  @Override
  public void close() {
    try {
      chain.close();
    } finally {
      protection.close();
    }
  }
}
