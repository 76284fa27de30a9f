package io.actorchain.node.store;

import io.actorchain.core.codec.MalformedEncodingException;
import io.actorchain.core.pos.protection.SlashingProtectionRecord;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.rocksdb.ColumnFamilyHandle;
import org.rocksdb.RocksDBException;
import org.rocksdb.WriteOptions;

/**
 * A {@link ProtectionStore} in RocksDB under {@code dataDir/protection}: column family {@code records}, the validator's
 * name in UTF-8 → its record's canonical encoding (24 bytes). Every {@link #save} is a {@code sync} write: RocksDB
 * fsyncs its write-ahead log before the call returns, so the record is durable before any signature leaves.
 */
public final class RocksProtectionStore implements ProtectionStore {
  static final String SUBDIR = "protection";
  static final String RECORDS = "records";

  private final RocksHandle rocks;
  private final ColumnFamilyHandle records;
  private final WriteOptions durable = new WriteOptions().setSync(true);
  private boolean closed;

  private RocksProtectionStore(RocksHandle rocks) {
    this.rocks = rocks;
    this.records = rocks.family(RECORDS);
  }

  /** Opens (creating if missing) the slashing-protection database of {@code dataDir}; a StoreException if it cannot. */
  public static RocksProtectionStore open(Path dataDir) {
    return new RocksProtectionStore(RocksHandle.open(dataDir, SUBDIR, List.of(RECORDS)));
  }

  static byte[] key(String validatorName) {
    return ProtectionStore.checkName(validatorName).getBytes(StandardCharsets.UTF_8);
  }

  @Override
  public synchronized Optional<SlashingProtectionRecord> load(String validatorName) {
    byte[] key = key(validatorName);
    open();
    byte[] stored;
    try {
      stored = rocks.db().get(records, key);
    } catch (RocksDBException e) {
      throw RocksHandle.failure(rocks.dataDir(), "read the slashing-protection record of validator " + validatorName, e);
    }
    if (stored == null) {
      return Optional.empty();
    }
    try {
      return Optional.of(SlashingProtectionRecord.decode(stored));
    } catch (MalformedEncodingException e) {
      throw new StoreException("the slashing-protection record of validator " + validatorName + " in data dir "
          + rocks.dataDir() + " is corrupt (" + e.getMessage() + "): restore the data dir from a backup; starting "
          + "without the record could sign a slashable message", e);
    }
  }

  @Override
  public synchronized void save(String validatorName, SlashingProtectionRecord record) {
    byte[] key = key(validatorName);
    byte[] value = Objects.requireNonNull(record, "record").canonical();
    open();
    try {
      rocks.db().put(records, durable, key, value);
    } catch (RocksDBException e) {
      throw RocksHandle.failure(rocks.dataDir(), "save the slashing-protection record of validator " + validatorName, e);
    }
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
      durable.close();
    }
  }

  private void open() {
    if (closed) {
      throw new IllegalStateException("the slashing-protection store of data dir " + rocks.dataDir() + " is closed");
    }
  }
}
