package io.actorchain.tests.sim;

import static org.assertj.core.api.Assertions.assertThat;

import com.typesafe.config.ConfigFactory;
import io.actorchain.node.fault.Fault;
import io.actorchain.node.net.LinkFault;
import io.actorchain.node.sim.FaultEntry;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * One fault outside a scenario, as {@code POST /api/faults} takes it ({@link FaultEntry}): the scenario's
 * kinds, fields and checks, without {@code at}, with {@code until} as a duration, validators from the genesis and
 * nodes by any id; a clear only names the fault.
 */
class FaultEntryTest {
  static final List<String> GENESIS = List.of("v0", "v1", "v2", "v3");

  private static FaultEntry inject(String json) {
    return FaultEntry.parse(ConfigFactory.parseString(json), "fault", GENESIS, false);
  }

  private static FaultEntry clear(String json) {
    return FaultEntry.parse(ConfigFactory.parseString(json), "fault", GENESIS, true);
  }

  @Test
  void shouldParseTheScenarioKindsWithUntilAsADuration() {
    FaultEntry late = inject("{\"kind\": \"late\", \"validator\": \"v2\", \"delay\": \"3s\", \"until\": \"30s\"}");
    assertThat(late.problems()).isEmpty();
    assertThat(late.faults()).containsExactly(new Fault.Late("v2", 3000));
    assertThat(late.untilMillis()).isEqualTo(30_000L);
    assertThat(inject("{\"kind\": \"partition\", \"groups\": [[1, 2], [3, 17]]}").faults())
        .containsExactly(new Fault.Partition(List.of(List.of(1, 2), List.of(3, 17))));
    assertThat(inject("{\"kind\": \"latency\", \"mean\": \"2s\"}").faults())
        .containsExactly(new Fault.Link(new LinkFault.Latency(2000, 0)));
    assertThat(inject("{\"kind\": \"private-chain\", \"node\": 12, \"until\": \"1m\"}").faults())
        .containsExactly(new Fault.PrivateChain(12, null));
    assertThat(inject("{\"kind\": \"offline\", \"validators\": [\"v1\", \"v3\"]}").faults())
        .containsExactly(new Fault.Offline("v1"), new Fault.Offline("v3"));
  }

  @Test
  void shouldNameEachProblemByItsField() {
    assertThat(inject("{\"kind\": \"double-vote\", \"validator\": \"v9\"}").problems())
        .containsExactly("fault.validator: validator v9 is not in the genesis; the validators are v0, v1, v2, v3");
    assertThat(inject("{\"kind\": \"offline\", \"validator\": \"v1\", \"at\": \"epoch 3\"}").problems())
        .containsExactly("fault.at: not a field of offline; allowed: [kind, until, validator, validators]");
    assertThat(inject("{\"kind\": \"offline\", \"validator\": \"v1\", \"until\": \"0s\"}").problems())
        .containsExactly("fault.until: must be a positive duration such as 30s, got \"0s\"");
    assertThat(inject("{\"kind\": \"selfish-mining\", \"node\": -1}").problems())
        .containsExactly("fault.node: a node is named by its id ≥ 0, got -1");
    assertThat(inject("{\"validator\": \"v1\"}").problems()).singleElement().asString()
        .startsWith("fault.kind: missing; known: [crash,");
  }

  @Test
  void shouldOnlyNeedTheNameOfAFaultToClear() {
    FaultEntry late = clear("{\"kind\": \"late\", \"validator\": \"v2\"}");
    assertThat(late.problems()).isEmpty();
    assertThat(late.faults()).singleElement().isInstanceOf(Fault.Late.class)
        .extracting(f -> ((Fault.Late) f).validator()).isEqualTo("v2");
    assertThat(clear("{\"kind\": \"partition\"}").problems()).isEmpty();
    assertThat(clear("{\"kind\": \"latency\"}").problems()).isEmpty();
    assertThat(clear("{\"kind\": \"private-chain\", \"node\": 3}").problems()).isEmpty();
    assertThat(clear("{\"kind\": \"offline\"}").problems())
        .containsExactly("fault: missing validator = NAME (or validators = [A, B])");
  }
}
