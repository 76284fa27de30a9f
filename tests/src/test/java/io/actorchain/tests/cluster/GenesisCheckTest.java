package io.actorchain.tests.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.cbor.CBORFactory;
import io.actorchain.node.net.GenesisCheck;
import io.actorchain.node.net.Wire;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The genesis handshake's rule: the first difference between two Hellos, worded from the receiver's side. */
class GenesisCheckTest {
  static final long COIN = 1_000_000_000L;
  static final Wire.Hello HERE = new Wire.Hello(List.of("alice", "bob"), List.of(100 * COIN, 32 * COIN), "ab".repeat(32),
      1_767_225_600_000L, -1, true);

  static Wire.Hello with(List<String> names, List<Long> stakes, String digest, long time, long mergeAt, boolean pos) {
    return new Wire.Hello(names, stakes, digest, time, mergeAt, pos);
  }

  @Test
  void shouldAgreeWithItself() {
    assertThat(GenesisCheck.mismatch(HERE, HERE)).isEmpty();
  }

  @Test
  void shouldNameTheValidatorsWhenTheyDiffer() {
    Wire.Hello there = with(List.of("alice", "carol"), HERE.stakesGwei(), HERE.genesisDigest(), HERE.genesisTimestamp(),
        -1, true);
    assertThat(GenesisCheck.mismatch(HERE, there)).get().asString()
        .startsWith("validators differ: here [alice, bob], there [alice, carol]");
  }

  @Test
  void shouldNameTheStakeThatDiffersInCoins() {
    Wire.Hello there = with(HERE.validatorNames(), List.of(200 * COIN, 32 * COIN), HERE.genesisDigest(),
        HERE.genesisTimestamp(), -1, true);
    assertThat(GenesisCheck.mismatch(HERE, there)).get().asString().startsWith("stake of alice is 100 here, 200 there");
  }

  @Test
  void shouldNameTheGenesisTimeTheEngineTheMergeHeightAndTheRest() {
    assertThat(GenesisCheck.mismatch(HERE, with(HERE.validatorNames(), HERE.stakesGwei(), HERE.genesisDigest(), 5, -1,
        true))).get().asString().startsWith("genesis time is 1767225600000 here, 5 there");
    assertThat(GenesisCheck.mismatch(HERE, with(HERE.validatorNames(), HERE.stakesGwei(), HERE.genesisDigest(),
        HERE.genesisTimestamp(), -1, false))).get().asString().startsWith("consensus is --pos here, --pow there");
    assertThat(GenesisCheck.mismatch(HERE, with(HERE.validatorNames(), HERE.stakesGwei(), HERE.genesisDigest(),
        HERE.genesisTimestamp(), 40, true))).get().asString().startsWith("merge height is none here, 40 there");
    assertThat(GenesisCheck.mismatch(HERE, with(HERE.validatorNames(), HERE.stakesGwei(), "cd".repeat(32),
        HERE.genesisTimestamp(), -1, true))).get().asString().startsWith("genesis digest is abababababab here,"
        + " cdcdcdcdcdcd there");
  }

  @Test
  void shouldRoundTripThroughCbor() throws Exception {
    ObjectMapper cbor = new ObjectMapper(new CBORFactory());
    Wire back = cbor.readValue(cbor.writeValueAsBytes((Wire) HERE), Wire.class);
    assertThat(back).isEqualTo(HERE);
  }
}
