package io.actorchain.node.store;

import io.actorchain.core.pos.protection.SlashingProtectionRecord;
import java.util.Optional;

/**
 * The slashing-protection database (CONSENSUS.md §5.7): one {@link SlashingProtectionRecord} per validator this node
 * hosts, by name. The {@code ValidatorActor} asks the record whether it may sign ({@code maySignBlock},
 * {@code maySignAttestation}), {@link #save}s the updated record, and only then lets the signature leave; it
 * {@link #load}s the record again when it restarts.
 *
 * <p>{@link #save} returns only once the record is durable ({@link RocksProtectionStore}: an fsynced write, so it
 * survives {@code kill -9} and power loss). A stored record that no longer decodes is a {@link StoreException} naming
 * the validator and the data dir: better to stop than to sign without protection. Implementations: {@link
 * RocksProtectionStore}, {@link MemoryProtectionStore}. Every method but {@link #close()} throws {@link
 * IllegalStateException} once the store is closed.
 */
public interface ProtectionStore extends AutoCloseable {
  /** The record saved for {@code validatorName}, or empty if it has never signed through this store. */
  Optional<SlashingProtectionRecord> load(String validatorName);

  /** The record of {@code validatorName}, or {@link SlashingProtectionRecord#empty()} for a validator never seen. */
  default SlashingProtectionRecord loadOrEmpty(String validatorName) {
    return load(validatorName).orElse(SlashingProtectionRecord.empty());
  }

  /** Replaces {@code validatorName}'s record; durable when this returns. */
  void save(String validatorName, SlashingProtectionRecord record);

  /** Where the data lives, for messages: the data dir, or {@code "memory"}. */
  String location();

  /** Releases the store; idempotent. */
  @Override
  void close();

  /** The validator name as a key: non-blank, or an IllegalArgumentException saying so. */
  static String checkName(String validatorName) {
    if (validatorName == null || validatorName.isBlank()) {
      throw new IllegalArgumentException("validator name must be non-blank, got "
          + (validatorName == null ? "null" : "'" + validatorName + "'"));
    }
    return validatorName;
  }
}
