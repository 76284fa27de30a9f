package io.actorchain.tests.pos;

import static org.assertj.core.api.Assertions.assertThat;

import io.actorchain.core.pos.epoch.EpochTransition;
import io.actorchain.node.config.LinkSettings;
import io.actorchain.node.events.NodeEvent;
import io.actorchain.node.fault.Fault;
import io.actorchain.tests.fixture.SimNetwork;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * Three double-voters holding 20% of the stake (issue 4), made by the {@code double-vote} fault behaviour swapped into
 * their ValidatorActors at epoch 3: every node sees all three slashed, no honest validator is, and finality goes on.
 */
class DoubleVotersTest {
  static final int VALIDATORS = 15; // 3 of 15 equal stakes: 20%
  static final List<String> DOUBLE_VOTERS = List.of("v1", "v6", "v11");

  @Test
  void shouldSlashAllThreeDoubleVotersAndKeepFinalizing() throws Exception {
    try (SimNetwork net = SimNetwork.builder("three-double-voters").nodes(4).validators(VALIDATORS, 32)
        .link(new LinkSettings(50, 20, 0.0)).seed(7).pos().start()) {
      net.runToEpoch(3, 0);
      long finalizedBefore = last(net, 0).finalized().epoch();
      for (String v : DOUBLE_VOTERS) {
        assertThat(net.inject(new Fault.DoubleVote(v)).accepted()).as("inject %s", v).isTrue();
      }
      net.runToEpoch(5, 1);

      for (int node = 0; node < 4; node++) {
        int n = node;
        Set<String> slashed = new TreeSet<>();
        for (NodeEvent e : net.events("validator_slashed")) {
          if (e.node() == n) {
            slashed.add((String) e.fields().get("name"));
          }
        }
        assertThat(slashed).as("node %d saw the three double-voters slashed within two epochs, and nobody else", node)
            .containsExactlyInAnyOrderElementsOf(DOUBLE_VOTERS);
      }
      assertThat(net.events("evidence_found")).extracting(e -> e.fields().get("kind")).containsOnly("double-vote");

      net.runToEpoch(9, 1);
      for (int node = 0; node < 4; node++) {
        EpochTransition t = last(net, node);
        assertThat(t.finalized().epoch()).as("node %d keeps finalizing with 80%% of the stake honest", node)
            .isGreaterThanOrEqualTo(Math.max(finalizedBefore + 3, t.epoch() - 3));
        assertThat(t.inLeak()).isFalse();
      }
    }
  }

  private static EpochTransition last(SimNetwork net, int node) {
    List<EpochTransition> ts = net.transitions(node);
    return ts.get(ts.size() - 1);
  }
}
