package io.actorchain.node.store;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.rocksdb.ColumnFamilyDescriptor;
import org.rocksdb.ColumnFamilyHandle;
import org.rocksdb.ColumnFamilyOptions;
import org.rocksdb.DBOptions;
import org.rocksdb.InfoLogLevel;
import org.rocksdb.RocksDB;
import org.rocksdb.RocksDBException;
import org.rocksdb.Status;

/**
 * One open RocksDB in a subdirectory of a node's data dir, with its column families, and the translation of what goes
 * wrong into a one-line {@link StoreException} that names the data dir. Not thread-safe on its own: its owner
 * serializes access and never touches it after {@link #close()} (a closed RocksDB crashes the JVM, not just the call).
 */
final class RocksHandle implements AutoCloseable {
  static {
    RocksDB.loadLibrary();
  }

  private final Path dataDir;
  private final DBOptions options;
  private final ColumnFamilyOptions familyOptions;
  private final RocksDB db;
  private final Map<String, ColumnFamilyHandle> families;

  private RocksHandle(Path dataDir, DBOptions options, ColumnFamilyOptions familyOptions, RocksDB db,
      Map<String, ColumnFamilyHandle> families) {
    this.dataDir = dataDir;
    this.options = options;
    this.familyOptions = familyOptions;
    this.db = db;
    this.families = families;
  }

  /**
   * Opens (creating if missing) the database in {@code dataDir/subdir} with the default column family and
   * {@code extraFamilies}.
   */
  static RocksHandle open(Path dataDir, String subdir, List<String> extraFamilies) {
    Path dir = prepare(dataDir, subdir);
    DBOptions options = new DBOptions().setCreateIfMissing(true).setCreateMissingColumnFamilies(true)
        .setInfoLogLevel(InfoLogLevel.WARN_LEVEL).setKeepLogFileNum(2);
    ColumnFamilyOptions familyOptions = new ColumnFamilyOptions();
    List<String> names = new ArrayList<>();
    names.add(new String(RocksDB.DEFAULT_COLUMN_FAMILY, StandardCharsets.UTF_8));
    names.addAll(extraFamilies);
    List<ColumnFamilyDescriptor> descriptors = new ArrayList<>();
    names.forEach(n -> descriptors.add(new ColumnFamilyDescriptor(n.getBytes(StandardCharsets.UTF_8), familyOptions)));
    List<ColumnFamilyHandle> handles = new ArrayList<>();
    try {
      RocksDB db = RocksDB.open(options, dir.toString(), descriptors, handles);
      Map<String, ColumnFamilyHandle> byName = new LinkedHashMap<>();
      for (int i = 0; i < names.size(); i++) {
        byName.put(names.get(i), handles.get(i));
      }
      return new RocksHandle(dataDir, options, familyOptions, db, byName);
    } catch (RocksDBException e) {
      handles.forEach(ColumnFamilyHandle::close);
      familyOptions.close();
      options.close();
      throw failure(dataDir, "open " + dir, e);
    }
  }

  /** {@code dataDir/subdir}, created if missing, or a StoreException saying why it cannot be used. */
  private static Path prepare(Path dataDir, String subdir) {
    if (Files.exists(dataDir) && !Files.isDirectory(dataDir)) {
      throw new StoreException("data dir " + dataDir + " is not a directory");
    }
    Path dir = dataDir.resolve(subdir);
    try {
      Files.createDirectories(dir);
    } catch (IOException e) {
      throw new StoreException("data dir " + dataDir + " cannot be created: " + reason(e));
    }
    if (!Files.isWritable(dataDir) || !Files.isWritable(dir)) {
      throw new StoreException("data dir " + dataDir + " is not writable: give this user write access, or pick "
          + "another --data-dir");
    }
    return dir;
  }

  private static String reason(IOException e) {
    if (e instanceof AccessDeniedException) {
      return "permission denied on " + e.getMessage();
    }
    if (e instanceof FileSystemException f && f.getReason() != null) {
      return f.getReason() + " (" + f.getFile() + ")";
    }
    return e.getClass().getSimpleName() + " " + e.getMessage();
  }

  /** The one-line error for a RocksDB failure while doing {@code what} in {@code dataDir}. */
  static StoreException failure(Path dataDir, String what, RocksDBException e) {
    Status status = e.getStatus();
    String message = e.getMessage() == null ? "" : e.getMessage();
    if (status != null && status.getCode() == Status.Code.IOError && message.contains("LOCK")) {
      return new StoreException("data dir " + dataDir + " is in use by another process (RocksDB lock)", e);
    }
    if (status != null && status.getCode() == Status.Code.Corruption) {
      return new StoreException("data dir " + dataDir + " is corrupt (" + what + "): " + message, e);
    }
    return new StoreException("data dir " + dataDir + ": cannot " + what + ": " + message, e);
  }

  Path dataDir() {
    return dataDir;
  }

  RocksDB db() {
    return db;
  }

  ColumnFamilyHandle family(String name) {
    ColumnFamilyHandle handle = families.get(name);
    if (handle == null) {
      throw new IllegalArgumentException("no column family " + name + "; open with " + families.keySet());
    }
    return handle;
  }

  @Override
  public void close() {
    families.values().forEach(ColumnFamilyHandle::close);
    db.close();
    familyOptions.close();
    options.close();
  }
}
