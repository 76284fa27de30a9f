package io.actorchain.core.conformance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.actorchain.core.codec.Hash32;
import io.actorchain.core.codec.MalformedEncodingException;
import io.actorchain.core.pos.ConsensusConfig;
import io.actorchain.core.pos.model.Checkpoint;
import io.actorchain.core.pos.state.BeaconState;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class Phase0StateTest {
  /** A toy preset: 4-entry vectors keep the hand-built state small. */
  static final Phase0Preset TINY = new Phase0Preset("minimal", Map.of("SLOTS_PER_HISTORICAL_ROOT", 4L,
      "EPOCHS_PER_HISTORICAL_VECTOR", 4L, "EPOCHS_PER_SLASHINGS_VECTOR", 4L, "HISTORICAL_ROOTS_LIMIT", 16L,
      "VALIDATOR_REGISTRY_LIMIT", 1L << 40, "MAX_VALIDATORS_PER_COMMITTEE", 2048L, "MAX_ATTESTATIONS", 128L,
      "SLOTS_PER_EPOCH", 8L, "EPOCHS_PER_ETH1_VOTING_PERIOD", 4L));

  static byte[] filled(int n, int value) {
    byte[] b = new byte[n];
    Arrays.fill(b, (byte) value);
    return b;
  }

  static byte[] validator(int key, long effectiveBalance, boolean slashed, long exitEpoch) {
    return new SszBuilder().bytes(filled(48, key)).bytes(filled(32, 0xcc)).u64(effectiveBalance)
        .u8(slashed ? 1 : 0).u64(0).u64(0).u64(exitEpoch).u64(-1L).build();
  }

  static byte[] u64s(long... values) {
    SszBuilder b = new SszBuilder();
    for (long v : values) {
      b.u64(v);
    }
    return b.build();
  }

  static SszBuilder checkpoint(SszBuilder b, long epoch, int rootByte) {
    return b.u64(epoch).bytes(filled(32, rootByte));
  }

  static byte[] pendingAttestation(byte[] bits, long slot, long index, long targetEpoch, int targetRoot) {
    SszBuilder data = new SszBuilder().u64(slot).u64(index).bytes(filled(32, 0xbb));
    checkpoint(data, 0, 0);
    checkpoint(data, targetEpoch, targetRoot);
    return new SszBuilder().variable(bits).bytes(data.build()).u64(1).u64(3).build();
  }

  /** A two-validator state with one previous-epoch attestation and no current ones. */
  static byte[] tinyState() {
    SszBuilder b = new SszBuilder().u64(1606824000L).bytes(filled(32, 0x11)).u64(17);
    b.filled(16, 0).filled(112, 0); // fork, latest_block_header
    for (int i = 0; i < 4; i++) {
      b.bytes(filled(32, 0x20 + i)); // block_roots
    }
    b.filled(4 * 32, 0); // state_roots
    b.variable(filled(32, 0x99)); // historical_roots: one root
    b.filled(72, 0); // eth1_data
    b.variable(new byte[0]); // eth1_data_votes
    b.u64(2); // eth1_deposit_index
    b.variable(SszBuilder.concat(List.of(validator(1, 32_000_000_000L, false, -1L),
        validator(2, 31_000_000_000L, true, 5))));
    b.variable(u64s(32_500_000_000L, 30_000_000_000L));
    for (int i = 0; i < 4; i++) {
      b.bytes(filled(32, 0x40 + i)); // randao_mixes
    }
    b.u64(0).u64(7).u64(0).u64(0); // slashings
    b.variable(SszBuilder.variableList(List.of(pendingAttestation(new byte[] {0b101}, 9, 1, 1, 0x21))));
    b.variable(new byte[0]);
    b.u8(0b0011);
    checkpoint(b, 0, 0x30);
    checkpoint(b, 1, 0x31);
    checkpoint(b, 0, 0x32);
    return b.build();
  }

  @Test
  void shouldDecodeEveryKeptField() {
    Phase0State s = Phase0State.decode(tinyState(), TINY);
    assertThat(s.genesisTime()).isEqualTo(1606824000L);
    assertThat(s.genesisValidatorsRoot()).isEqualTo(Hash32.wrap(filled(32, 0x11)));
    assertThat(s.slot()).isEqualTo(17);
    assertThat(s.currentEpoch(8)).isEqualTo(2);
    assertThat(s.blockRoots()).hasSize(4).endsWith(Hash32.wrap(filled(32, 0x23)));
    assertThat(s.validators()).hasSize(2);
    Phase0Validator v1 = s.validators().get(1);
    assertThat(v1.pubkey()).isEqualTo(BlsPubKey.wrap(filled(48, 2)));
    assertThat(v1.effectiveBalance()).isEqualTo(31_000_000_000L);
    assertThat(v1.slashed()).isTrue();
    assertThat(v1.exitEpoch()).isEqualTo(5);
    assertThat(v1.withdrawableEpoch()).isEqualTo(ConsensusConfig.FAR_FUTURE_EPOCH);
    assertThat(s.balances()).containsExactly(32_500_000_000L, 30_000_000_000L);
    assertThat(s.randaoMixes()[2]).isEqualTo(Hash32.wrap(filled(32, 0x42)));
    assertThat(s.slashings()).containsExactly(0, 7, 0, 0);
    assertThat(s.currentEpochAttestations()).isEmpty();
    PendingAttestation a = s.previousEpochAttestations().get(0);
    assertThat(a.aggregationBits()).containsExactly(true, false);
    assertThat(a.data().slot()).isEqualTo(9);
    assertThat(a.data().committeeIndex()).isEqualTo(1);
    assertThat(a.data().target()).isEqualTo(new Checkpoint(1, Hash32.wrap(filled(32, 0x21))));
    assertThat(a.inclusionDelay()).isEqualTo(1);
    assertThat(a.proposerIndex()).isEqualTo(3);
    assertThat(s.justificationBits()).isEqualTo(0b0011);
    assertThat(s.previousJustifiedCheckpoint().root()).isEqualTo(Hash32.wrap(filled(32, 0x30)));
    assertThat(s.currentJustifiedCheckpoint().epoch()).isEqualTo(1);
    assertThat(s.finalizedCheckpoint().root()).isEqualTo(Hash32.wrap(filled(32, 0x32)));
  }

  @Test
  void shouldCompareDecodedStatesByContent() {
    assertThat(Phase0State.decode(tinyState(), TINY)).isEqualTo(Phase0State.decode(tinyState(), TINY))
        .hasSameHashCodeAs(Phase0State.decode(tinyState(), TINY));
  }

  @Test
  void shouldRejectTruncationAnywhere() {
    byte[] full = tinyState();
    for (int cut : new int[] {0, 7, 300, full.length - 1}) {
      assertThatThrownBy(() -> Phase0State.decode(Arrays.copyOf(full, cut), TINY))
          .as("cut at " + cut).isInstanceOf(MalformedEncodingException.class).hasMessageContaining("BeaconState");
    }
  }

  @Test
  void shouldRejectAStateOfAnotherPreset() {
    Phase0Preset longer = new Phase0Preset("minimal", new java.util.HashMap<>(TINY.constants()) {
      {
        put("SLOTS_PER_HISTORICAL_ROOT", 8L);
      }
    });
    assertThatThrownBy(() -> Phase0State.decode(tinyState(), longer)).isInstanceOf(MalformedEncodingException.class);
  }

  @Test
  void shouldRejectUpperJustificationBits() {
    byte[] b = tinyState();
    int bitsAt = 8 + 32 + 8 + 16 + 112 + 4 * 32 * 2 + 4 + 72 + 4 + 8 + 4 + 4 + 4 * 32 + 4 * 8 + 4 + 4;
    b[bitsAt] = (byte) 0x13;
    assertThatThrownBy(() -> Phase0State.decode(b, TINY)).hasMessageContaining("justification_bits");
  }

  @Test
  void shouldMapOntoTheCoreStateWithNeutralExtras() {
    Phase0State s = Phase0State.decode(tinyState(), TINY);
    ConsensusConfig c = ConsensusConfig.minimal().with("SLOTS_PER_HISTORICAL_ROOT", 4)
        .with("EPOCHS_PER_HISTORICAL_VECTOR", 4).with("EPOCHS_PER_SLASHINGS_VECTOR", 4);
    BeaconState b = Phase0Mapping.toBeaconState(s, c);
    assertThat(b.slot()).isEqualTo(17);
    assertThat(b.genesisRoot()).isEqualTo(s.genesisValidatorsRoot());
    assertThat(b.validatorCount()).isEqualTo(2);
    assertThat(b.validator(1).pubkey()).isEqualTo(Phase0Mapping.pubKey(BlsPubKey.wrap(filled(48, 2))));
    assertThat(b.validator(1).slashed()).isTrue();
    assertThat(b.validator(0).effectiveBalance()).isEqualTo(32_000_000_000L);
    assertThat(b.balance(0)).isEqualTo(32_500_000_000L);
    assertThat(b.blockRootAt(3)).isEqualTo(Hash32.wrap(filled(32, 0x23)));
    assertThat(b.randaoMixAt(1)).isEqualTo(Hash32.wrap(filled(32, 0x41)));
    assertThat(b.slashingsAt(1)).isEqualTo(7);
    assertThat(b.justificationBits()).isEqualTo(0b0011);
    assertThat(b.currentJustified()).isEqualTo(s.currentJustifiedCheckpoint());
    assertThat(b.previousEpochParticipation(0)).isZero();
    assertThat(b.inactivityScore(1)).isZero();
    assertThat(b.accounts().size()).isZero();
    assertThatThrownBy(() -> Phase0Mapping.toBeaconState(s, ConsensusConfig.minimal()))
        .hasMessageContaining("block_roots has 4 entries but the config expects 64");
  }
}
