package io.actorchain.core.pos.protection;

import io.actorchain.core.codec.Canonical;
import io.actorchain.core.codec.CanonicalReader;
import io.actorchain.core.codec.CanonicalWriter;
import io.actorchain.core.codec.MalformedEncodingException;
import java.util.Optional;

/**
 * One validator's slashing-protection record (CONSENSUS.md §5.7): EIP-3076's minimal form, as Teku keeps it. Each
 * field is −1 until the validator signs its first block or attestation. Immutable: the {@code maySign} methods return
 * the record to write durably <em>before</em> signing, or empty when signing could be slashable.
 *
 * <p>Canonical form: the three fields as u64le in declaration order (−1 as 2^64 − 1), 24 bytes.
 */
public record SlashingProtectionRecord(long lastSignedBlockSlot, long lastSourceEpoch, long lastTargetEpoch)
    implements Canonical {
  public static final long NONE = -1;
  private static final SlashingProtectionRecord EMPTY = new SlashingProtectionRecord(NONE, NONE, NONE);

  public SlashingProtectionRecord {
    if (lastSignedBlockSlot < NONE || lastSourceEpoch < NONE || lastTargetEpoch < NONE) {
      throw new IllegalArgumentException("slots and epochs are ≥ 0, or −1 for none: " + lastSignedBlockSlot + ", "
          + lastSourceEpoch + ", " + lastTargetEpoch);
    }
  }

  /** The record of a validator that has signed nothing. */
  public static SlashingProtectionRecord empty() {
    return EMPTY;
  }

  /** The updated record if a block at {@code slot} may be signed: only if {@code slot > lastSignedBlockSlot}. */
  public Optional<SlashingProtectionRecord> maySignBlock(long slot) {
    if (slot < 0 || slot <= lastSignedBlockSlot) {
      return Optional.empty();
    }
    return Optional.of(new SlashingProtectionRecord(slot, lastSourceEpoch, lastTargetEpoch));
  }

  /**
   * The updated record if an attestation with these epochs may be signed: only if {@code source ≥ lastSource} and
   * {@code target > lastTarget}.
   */
  public Optional<SlashingProtectionRecord> maySignAttestation(long sourceEpoch, long targetEpoch) {
    if (sourceEpoch < 0 || targetEpoch < 0 || sourceEpoch < lastSourceEpoch || targetEpoch <= lastTargetEpoch) {
      return Optional.empty();
    }
    return Optional.of(new SlashingProtectionRecord(lastSignedBlockSlot, sourceEpoch, targetEpoch));
  }

  /**
   * The record a deliberately faulty signer writes after signing an attestation with these epochs, whether or not
   * {@link #maySignAttestation} allowed it: the highest source and the highest target signed so far.
   */
  public SlashingProtectionRecord recordVoteAnyway(long sourceEpoch, long targetEpoch) {
    return new SlashingProtectionRecord(lastSignedBlockSlot, Math.max(lastSourceEpoch, sourceEpoch),
        Math.max(lastTargetEpoch, targetEpoch));
  }

  /**
   * The record a deliberately faulty signer writes after signing a block at {@code slot}, whether or not
   * {@link #maySignBlock} allowed it: the highest slot signed so far.
   */
  public SlashingProtectionRecord recordBlockAnyway(long slot) {
    return new SlashingProtectionRecord(Math.max(lastSignedBlockSlot, slot), lastSourceEpoch, lastTargetEpoch);
  }

  @Override
  public void writeTo(CanonicalWriter w) {
    w.u64le(lastSignedBlockSlot).u64le(lastSourceEpoch).u64le(lastTargetEpoch);
  }

  public static SlashingProtectionRecord read(CanonicalReader r) {
    long block = r.u64le();
    long source = r.u64le();
    long target = r.u64le();
    try {
      return new SlashingProtectionRecord(block, source, target);
    } catch (IllegalArgumentException e) {
      throw new MalformedEncodingException(e.getMessage());
    }
  }

  /** Strict decode of {@link #canonical()}: MalformedEncodingException on truncation, trailing bytes or bad values. */
  public static SlashingProtectionRecord decode(byte[] bytes) {
    return CanonicalReader.decode(bytes, SlashingProtectionRecord::read);
  }
}
