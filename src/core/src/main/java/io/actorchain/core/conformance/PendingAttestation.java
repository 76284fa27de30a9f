package io.actorchain.core.conformance;

import io.actorchain.core.pos.model.AttestationData;
import io.actorchain.core.pos.model.Checkpoint;
import java.util.Arrays;

/**
 * A phase0 {@code PendingAttestation{aggregation_bits: Bitlist, data: AttestationData, inclusion_delay,
 * proposer_index}}. Phase0's {@code AttestationData} has ActorChain's fields exactly (slot, index,
 * beacon_block_root, source, target), so it is core's record.
 */
public record PendingAttestation(boolean[] aggregationBits, AttestationData data, long inclusionDelay,
    long proposerIndex) {
  public static final int ATTESTATION_DATA_SIZE = 8 + 8 + 32 + 40 + 40;

  public PendingAttestation {
    aggregationBits = aggregationBits.clone();
  }

  /** A copy of the bits: bit i is the committee's i-th member. */
  @Override
  public boolean[] aggregationBits() {
    return aggregationBits.clone();
  }

  public int bitCount() {
    return aggregationBits.length;
  }

  public boolean bit(int i) {
    return aggregationBits[i];
  }

  static PendingAttestation read(SszReader r, long maxValidatorsPerCommittee) {
    int bits = r.offset("aggregation_bits");
    AttestationData data = readData(r.container(ATTESTATION_DATA_SIZE, "data"));
    long inclusionDelay = r.u64("inclusion_delay");
    long proposerIndex = r.u64("proposer_index");
    r.expectEndOfFixedPart();
    return new PendingAttestation(r.part(bits).bitlist(maxValidatorsPerCommittee), data, inclusionDelay,
        proposerIndex);
  }

  private static AttestationData readData(SszReader r) {
    AttestationData d = new AttestationData(r.u64("slot"), r.u64("index"), r.bytes32("beacon_block_root"),
        checkpoint(r, "source"), checkpoint(r, "target"));
    r.expectEndOfFixedPart();
    return d;
  }

  static Checkpoint checkpoint(SszReader r, String field) {
    SszReader c = r.container(40, field);
    Checkpoint cp = new Checkpoint(c.u64("epoch"), c.bytes32("root"));
    c.expectEndOfFixedPart();
    return cp;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof PendingAttestation p && Arrays.equals(aggregationBits, p.aggregationBits)
        && data.equals(p.data) && inclusionDelay == p.inclusionDelay && proposerIndex == p.proposerIndex;
  }

  @Override
  public int hashCode() {
    return 31 * Arrays.hashCode(aggregationBits) + data.hashCode();
  }
}
