package io.actorchain.core.pos.protection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.actorchain.core.codec.MalformedEncodingException;
import org.junit.jupiter.api.Test;

/** CONSENSUS.md §5.7: EIP-3076's minimal rules, as Teku. */
class SlashingProtectionRecordTest {
  private static final SlashingProtectionRecord EMPTY = SlashingProtectionRecord.empty();

  @Test
  void shouldLetAFreshValidatorSignAnything() {
    assertThat(EMPTY).isEqualTo(new SlashingProtectionRecord(-1, -1, -1));
    assertThat(EMPTY.maySignBlock(0)).contains(new SlashingProtectionRecord(0, -1, -1));
    assertThat(EMPTY.maySignAttestation(0, 0)).contains(new SlashingProtectionRecord(-1, 0, 0));
  }

  @Test
  void shouldSignABlockOnlyAfterTheLastSignedSlot() {
    SlashingProtectionRecord r = EMPTY.maySignBlock(5).orElseThrow();

    assertThat(r.maySignBlock(5)).isEmpty();
    assertThat(r.maySignBlock(4)).isEmpty();
    assertThat(r.maySignBlock(6)).contains(new SlashingProtectionRecord(6, -1, -1));
  }

  @Test
  void shouldRefuseADoubleVoteAndAVoteSurroundingOrBelowTheLastOne() {
    SlashingProtectionRecord r = EMPTY.maySignAttestation(2, 3).orElseThrow();

    assertThat(r.maySignAttestation(2, 3)).as("same target: a double vote").isEmpty();
    assertThat(r.maySignAttestation(1, 4)).as("older source: would surround").isEmpty();
    assertThat(r.maySignAttestation(3, 3)).as("target not after the last").isEmpty();
    assertThat(r.maySignAttestation(2, 4)).contains(new SlashingProtectionRecord(-1, 2, 4));
    assertThat(r.maySignAttestation(3, 5)).contains(new SlashingProtectionRecord(-1, 3, 5));
  }

  @Test
  void shouldKeepBlockAndAttestationHistoriesApart() {
    SlashingProtectionRecord r = EMPTY.maySignBlock(9).orElseThrow().maySignAttestation(0, 1).orElseThrow();

    assertThat(r).isEqualTo(new SlashingProtectionRecord(9, 0, 1));
  }

  @Test
  void shouldRecordTheHighestEpochsOfAVoteSignedAnyway() {
    SlashingProtectionRecord r = new SlashingProtectionRecord(40, 3, 5);

    assertThat(r.maySignAttestation(1, 6)).as("surrounding: protection refuses it").isEmpty();
    assertThat(r.recordVoteAnyway(1, 6)).isEqualTo(new SlashingProtectionRecord(40, 3, 6));
    assertThat(r.maySignAttestation(4, 5)).as("same target: protection refuses it").isEmpty();
    assertThat(r.recordVoteAnyway(4, 5)).isEqualTo(new SlashingProtectionRecord(40, 4, 5));
    assertThat(r.recordVoteAnyway(2, 4)).as("below both: nothing new").isEqualTo(r);
    assertThat(EMPTY.recordVoteAnyway(0, 1)).isEqualTo(new SlashingProtectionRecord(-1, 0, 1));
  }

  @Test
  void shouldRecordTheHighestSlotOfABlockSignedAnyway() {
    SlashingProtectionRecord r = new SlashingProtectionRecord(40, 3, 5);

    assertThat(r.maySignBlock(40)).as("same slot: protection refuses it").isEmpty();
    assertThat(r.recordBlockAnyway(40)).isEqualTo(r);
    assertThat(r.recordBlockAnyway(39)).isEqualTo(r);
    assertThat(r.recordBlockAnyway(41)).isEqualTo(new SlashingProtectionRecord(41, 3, 5));
    assertThat(EMPTY.recordBlockAnyway(0)).isEqualTo(new SlashingProtectionRecord(0, -1, -1));
  }

  @Test
  void shouldRoundTripItsCanonicalEncoding() {
    SlashingProtectionRecord r = new SlashingProtectionRecord(17, 1, 2);

    assertThat(SlashingProtectionRecord.decode(r.canonical())).isEqualTo(r);
    assertThat(SlashingProtectionRecord.decode(EMPTY.canonical())).isEqualTo(EMPTY);
    assertThat(r.canonical()).hasSize(24);
    assertThatThrownBy(() -> SlashingProtectionRecord.decode(new byte[23]))
        .isInstanceOf(MalformedEncodingException.class);
    byte[] bad = new SlashingProtectionRecord(0, 0, 0).canonical();
    bad[7] = (byte) 0x80; // lastSignedBlockSlot = −2^63
    assertThatThrownBy(() -> SlashingProtectionRecord.decode(bad)).isInstanceOf(MalformedEncodingException.class);
    assertThatThrownBy(() -> new SlashingProtectionRecord(-2, -1, -1)).isInstanceOf(IllegalArgumentException.class);
  }
}
