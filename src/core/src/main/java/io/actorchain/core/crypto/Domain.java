package io.actorchain.core.crypto;

/** The 4-byte signing domains of CONSENSUS.md §0. */
public enum Domain {
  PROPOSER(0x00),
  ATTESTER(0x01),
  RANDAO(0x02),
  TX(0x10),
  POW(0x20);

  private final byte[] tag;

  Domain(int firstByte) {
    this.tag = new byte[] {(byte) firstByte, 0, 0, 0};
  }

  public byte[] tag() {
    return tag.clone();
  }
}
