package io.actorchain.node.store;

import io.actorchain.core.pos.protection.SlashingProtectionRecord;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * A {@link ProtectionStore} in memory, for embedded {@code run} and {@code simulate}: it survives a restarted
 * {@code ValidatorActor}, not a restarted JVM. Records are immutable, so it keeps them as they are.
 */
public final class MemoryProtectionStore implements ProtectionStore {
  private final Map<String, SlashingProtectionRecord> records = new TreeMap<>();
  private boolean closed;

  @Override
  public synchronized Optional<SlashingProtectionRecord> load(String validatorName) {
    open();
    return Optional.ofNullable(records.get(ProtectionStore.checkName(validatorName)));
  }

  @Override
  public synchronized void save(String validatorName, SlashingProtectionRecord record) {
    open();
    records.put(ProtectionStore.checkName(validatorName), Objects.requireNonNull(record, "record"));
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
      throw new IllegalStateException("the in-memory slashing-protection store is closed");
    }
  }
}
