package io.actorchain.core.pos.misc;

import static org.assertj.core.api.Assertions.assertThat;

import io.actorchain.core.codec.Sha256;
import io.actorchain.core.crypto.Domain;
import io.actorchain.core.pos.ConsensusConfig;
import io.actorchain.core.pos.state.BeaconState;
import java.io.ByteArrayOutputStream;
import org.junit.jupiter.api.Test;

class SeedsTest {
  private static final ConsensusConfig C = ConsensusConfig.minimal();

  @Test
  void shouldReadTheMixOfAnEpochModuloTheVector() {
    BeaconState s = TestStates.uniform(C, 40, 1, 32);
    assertThat(Seeds.randaoMix(s, 5, C)).isEqualTo(TestStates.mix(5));
    assertThat(Seeds.randaoMix(s, 69, C)).isEqualTo(TestStates.mix(5));
  }

  @Test
  void shouldHashDomainEpochAndTheMixFromMinSeedLookaheadPlusOneEpochsBefore() {
    BeaconState s = TestStates.uniform(C, 40, 1, 32);
    ByteArrayOutputStream in = new ByteArrayOutputStream();
    in.writeBytes(new byte[] {1, 0, 0, 0}); // ATTESTER
    in.writeBytes(new byte[] {5, 0, 0, 0, 0, 0, 0, 0}); // u64le(5)
    in.writeBytes(TestStates.mix(3).toArray()); // (5 + 64 − 1 − 1) % 64 = 3
    assertThat(Seeds.seed(s, 5, Domain.ATTESTER, C)).isEqualTo(Sha256.hash(in.toByteArray()));
    assertThat(Seeds.seed(s, 5, Domain.PROPOSER, C)).isNotEqualTo(Seeds.seed(s, 5, Domain.ATTESTER, C));
  }

  @Test
  void shouldWrapToTheEndOfTheVectorForTheFirstEpochs() {
    BeaconState s = TestStates.uniform(C, 0, 1, 32);
    ByteArrayOutputStream in = new ByteArrayOutputStream();
    in.writeBytes(new byte[] {0, 0, 0, 0}); // PROPOSER
    in.writeBytes(new byte[8]); // u64le(0)
    in.writeBytes(TestStates.mix(62).toArray());
    assertThat(Seeds.seed(s, 0, Domain.PROPOSER, C)).isEqualTo(Sha256.hash(in.toByteArray()));
  }
}
