package io.actorchain.node.store;

import io.actorchain.core.codec.CanonicalReader;
import io.actorchain.core.codec.Hash32;
import io.actorchain.core.codec.MalformedEncodingException;
import io.actorchain.core.pos.model.BeaconBlock;
import io.actorchain.core.pos.model.Checkpoint;
import io.actorchain.core.pow.PowBlock;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;
import org.rocksdb.ColumnFamilyHandle;
import org.rocksdb.RocksDBException;
import org.rocksdb.RocksIterator;
import org.rocksdb.WriteBatch;
import org.rocksdb.WriteOptions;

/**
 * A {@link ChainStore} in RocksDB under {@code dataDir/chain}. Column families:
 * <ul>
 *   <li>{@code blocks}: u64 big-endian insertion sequence → kind byte (1 PoW, 2 beacon) ‖ root (32) ‖ canonical
 *       encoding. Big-endian keys sort in insertion order under RocksDB's bytewise comparator.</li>
 *   <li>{@code roots}: root (32) → its sequence, so a second put of the same block writes nothing.</li>
 *   <li>{@code meta}: UTF-8 key → value, the caller's metadata.</li>
 *   <li>{@code default}: the store's own keys, {@code format} (version 1) and {@code finalized} (a canonical
 *       {@link Checkpoint}).</li>
 * </ul>
 * A block is written with its root index in one atomic batch. Blocks go to the write-ahead log without an fsync: they
 * survive {@code kill -9} (the log is in the OS's page cache) and, after a power loss, the last few can be fetched
 * from peers again. Finalized checkpoints and metadata are written with {@code sync}, which also makes every block
 * written before them durable.
 */
public final class RocksChainStore implements ChainStore {
  static final String SUBDIR = "chain";
  static final String BLOCKS = "blocks";
  static final String ROOTS = "roots";
  static final String META = "meta";
  static final int FORMAT = 1;
  static final byte KIND_POW = 1;
  static final byte KIND_BEACON = 2;
  private static final byte[] FORMAT_KEY = "format".getBytes(StandardCharsets.UTF_8);
  private static final byte[] FINALIZED_KEY = "finalized".getBytes(StandardCharsets.UTF_8);

  private final RocksHandle rocks;
  private final WriteOptions blockWrites = new WriteOptions();
  private final WriteOptions syncWrites = new WriteOptions().setSync(true);
  private long nextSequence;
  private long count;
  private boolean closed;

  private RocksChainStore(RocksHandle rocks) {
    this.rocks = rocks;
  }

  /**
   * Opens (creating if missing) the block store of {@code dataDir}; a {@link StoreException} if the dir is not
   * writable, in use by another process, or holds a store of another format.
   */
  public static RocksChainStore open(Path dataDir) {
    RocksHandle rocks = RocksHandle.open(dataDir, SUBDIR, List.of(BLOCKS, ROOTS, META));
    RocksChainStore store = new RocksChainStore(rocks);
    try {
      store.checkFormat();
      store.scanSequence();
      return store;
    } catch (RuntimeException e) {
      store.close();
      throw e;
    }
  }

  private void checkFormat() {
    byte[] stored = get(defaultFamily(), FORMAT_KEY);
    if (stored == null) {
      put(defaultFamily(), FORMAT_KEY, ByteBuffer.allocate(4).putInt(FORMAT).array());
    } else if (stored.length != 4 || ByteBuffer.wrap(stored).getInt() != FORMAT) {
      throw new StoreException("data dir " + rocks.dataDir() + " holds a block store of format "
          + HexFormat.of().formatHex(stored) + "; this build reads format " + FORMAT);
    }
  }

  private void scanSequence() {
    try (RocksIterator it = rocks.db().newIterator(rocks.family(BLOCKS))) {
      it.seekToLast();
      nextSequence = it.isValid() ? ByteBuffer.wrap(it.key()).getLong() + 1 : 0;
    }
    try (RocksIterator it = rocks.db().newIterator(rocks.family(ROOTS))) {
      for (it.seekToFirst(); it.isValid(); it.next()) {
        count++;
      }
    }
  }

  @Override
  public synchronized boolean putBeaconBlock(BeaconBlock block) {
    return putBlock(KIND_BEACON, block.root(), block.canonical());
  }

  @Override
  public synchronized boolean putPowBlock(PowBlock block) {
    return putBlock(KIND_POW, block.hash(), block.canonical());
  }

  private boolean putBlock(byte kind, Hash32 root, byte[] canonical) {
    byte[] rootKey = root.toArray();
    if (get(rocks.family(ROOTS), rootKey) != null) {
      return false;
    }
    byte[] sequence = ByteBuffer.allocate(Long.BYTES).putLong(nextSequence).array();
    byte[] value = ByteBuffer.allocate(1 + Hash32.WIDTH + canonical.length).put(kind).put(rootKey).put(canonical)
        .array();
    try (WriteBatch batch = new WriteBatch()) {
      batch.put(rocks.family(BLOCKS), sequence, value);
      batch.put(rocks.family(ROOTS), rootKey, sequence);
      rocks.db().write(blockWrites, batch);
    } catch (RocksDBException e) {
      throw RocksHandle.failure(rocks.dataDir(), "store block " + root, e);
    }
    nextSequence++;
    count++;
    return true;
  }

  @Override
  public synchronized boolean contains(Hash32 root) {
    return get(rocks.family(ROOTS), root.toArray()) != null;
  }

  @Override
  public synchronized long blockCount() {
    open();
    return count;
  }

  @Override
  public synchronized void forEachBlock(Consumer<StoredBlock> action) {
    open();
    try (RocksIterator it = rocks.db().newIterator(rocks.family(BLOCKS))) {
      for (it.seekToFirst(); it.isValid(); it.next()) {
        action.accept(decodeBlock(ByteBuffer.wrap(it.key()).getLong(), it.value()));
      }
    }
  }

  private StoredBlock decodeBlock(long sequence, byte[] value) {
    try {
      if (value.length < 1 + Hash32.WIDTH) {
        throw new MalformedEncodingException(value.length + " bytes, shorter than a kind and a root");
      }
      Hash32 root = Hash32.wrap(Arrays.copyOfRange(value, 1, 1 + Hash32.WIDTH));
      byte[] canonical = Arrays.copyOfRange(value, 1 + Hash32.WIDTH, value.length);
      StoredBlock block = switch (value[0]) {
        case KIND_POW -> new StoredBlock.Pow(PowBlock.decode(canonical));
        case KIND_BEACON -> new StoredBlock.Beacon(BeaconBlock.decode(canonical));
        default -> throw new MalformedEncodingException("unknown block kind " + value[0]);
      };
      if (!block.root().equals(root)) {
        throw new MalformedEncodingException("decodes to root " + block.root() + ", stored under " + root);
      }
      return block;
    } catch (MalformedEncodingException e) {
      throw new StoreException("data dir " + rocks.dataDir() + ": stored block #" + sequence + " is corrupt: "
          + e.getMessage(), e);
    }
  }

  @Override
  public synchronized void putFinalized(Checkpoint checkpoint) {
    put(defaultFamily(), FINALIZED_KEY, Objects.requireNonNull(checkpoint, "checkpoint").canonical());
  }

  @Override
  public synchronized Optional<Checkpoint> finalized() {
    byte[] stored = get(defaultFamily(), FINALIZED_KEY);
    if (stored == null) {
      return Optional.empty();
    }
    try {
      return Optional.of(CanonicalReader.decode(stored, Checkpoint::read));
    } catch (MalformedEncodingException e) {
      throw new StoreException("data dir " + rocks.dataDir() + ": the finalized checkpoint is corrupt: "
          + e.getMessage(), e);
    }
  }

  @Override
  public synchronized void putMeta(String key, byte[] value) {
    if (value == null) {
      throw new IllegalArgumentException("metadata " + key + ": value must not be null");
    }
    put(rocks.family(META), metaKey(key), value);
  }

  @Override
  public synchronized Optional<byte[]> meta(String key) {
    return Optional.ofNullable(get(rocks.family(META), metaKey(key)));
  }

  private static byte[] metaKey(String key) {
    if (key == null || key.isBlank()) {
      throw new IllegalArgumentException("metadata key must be non-blank, got " + (key == null ? "null" : "'" + key + "'"));
    }
    return key.getBytes(StandardCharsets.UTF_8);
  }

  @Override
  public String location() {
    return rocks.dataDir().toString();
  }

  @Override
  public synchronized void close() {
    if (!closed) {
      closed = true;
      rocks.close();
      blockWrites.close();
      syncWrites.close();
    }
  }

  private ColumnFamilyHandle defaultFamily() {
    return rocks.family("default");
  }

  private byte[] get(ColumnFamilyHandle family, byte[] key) {
    open();
    try {
      return rocks.db().get(family, key);
    } catch (RocksDBException e) {
      throw RocksHandle.failure(rocks.dataDir(), "read the block store", e);
    }
  }

  private void put(ColumnFamilyHandle family, byte[] key, byte[] value) {
    open();
    try {
      rocks.db().put(family, syncWrites, key, value);
    } catch (RocksDBException e) {
      throw RocksHandle.failure(rocks.dataDir(), "write the block store", e);
    }
  }

  private void open() {
    if (closed) {
      throw new IllegalStateException("the block store of data dir " + rocks.dataDir() + " is closed");
    }
  }
}
