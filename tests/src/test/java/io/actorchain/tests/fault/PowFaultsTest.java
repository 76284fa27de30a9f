package io.actorchain.tests.fault;

import static org.assertj.core.api.Assertions.assertThat;

import io.actorchain.node.config.LinkSettings;
import io.actorchain.node.events.NodeEvent;
import io.actorchain.node.fault.Fault;
import io.actorchain.tests.fixture.SimNetwork;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Miner faults in virtual time (ARCHITECTURE.md, "Faults", miner faults): a node's miners withhold the blocks they
 * find, and publish them as the fault's policy says.
 */
class PowFaultsTest {
  static final LinkSettings LINKS = new LinkSettings(50, 20, 0.0);
  static final int ATTACKER = 0;

  private static SimNetwork.Builder attackerWithMajority(String name) {
    return SimNetwork.builder(name).nodes(3).miner(ATTACKER, 6000).miner(1, 1000).miner(2, 1000).link(LINKS).seed(7);
  }

  @Test
  void shouldReorgTheHonestNodesDeeplyWhenAMajorityReleasesItsPrivateChain() throws Exception {
    try (SimNetwork net = attackerWithMajority("private-chain").start()) {
      net.runUntil(() -> net.head(1).height() >= 5, Duration.ofMinutes(2));
      long from = net.head(ATTACKER).height();
      long releaseAt = from + 12;
      assertThat(net.inject(new Fault.PrivateChain(ATTACKER, new Fault.Release(Fault.Release.Unit.HEIGHT, releaseAt)))
          .accepted()).isTrue();

      boolean released = net.runUntil(() -> !net.events("blocks_released").isEmpty(), Duration.ofMinutes(5));
      assertThat(released).as("released once its own head reached height %d", releaseAt).isTrue();
      NodeEvent release = net.events("blocks_released").get(0);
      long honestBefore = net.head(1).height();
      assertThat(honestBefore).as("the honest nodes never saw the private chain").isLessThan(releaseAt);
      assertThat(((Number) release.fields().get("toHeight")).longValue()).isEqualTo(releaseAt);
      net.stopProducing();
      net.runUntil(net::allOnOneHead, Duration.ofMinutes(1));

      assertThat(net.allOnOneHead()).isTrue();
      assertThat(net.head(1).height()).as("everyone is on the attacker's longer chain").isGreaterThanOrEqualTo(releaseAt);
      for (int honest = 1; honest <= 2; honest++) {
        int node = honest;
        List<NodeEvent> reorgs = net.events("reorg").stream()
            .filter(e -> e.node() == node && e.t() >= release.t()).toList();
        assertThat(reorgs).as("node %d reorged at the release", node).isNotEmpty();
        assertThat(reorgs).extracting(e -> ((Number) e.fields().get("depth")).intValue())
            .as("node %d dropped several blocks", node).anyMatch(depth -> depth > 1);
      }
      List<NodeEvent> withheld = net.events("block_withheld");
      assertThat(withheld).as("the private chain, all of it released").hasSizeGreaterThan(5)
          .hasSize(((Number) release.fields().get("count")).intValue())
          .allSatisfy(e -> assertThat(e.node()).isEqualTo(ATTACKER));
    }
  }

  @Test
  void shouldPublishWhatIsWithheldWhenThePrivateChainFaultIsCleared() throws Exception {
    try (SimNetwork net = attackerWithMajority("private-chain-cleared").start()) {
      net.runUntil(() -> net.head(1).height() >= 3, Duration.ofMinutes(2));
      Fault.PrivateChain fault = new Fault.PrivateChain(ATTACKER, null);
      assertThat(net.inject(fault).accepted()).isTrue();
      net.runFor(Duration.ofSeconds(10));
      long withheld = net.events("block_withheld").size();
      assertThat(withheld).isPositive();
      assertThat(net.events("blocks_released")).isEmpty();

      assertThat(net.clear(fault).accepted()).isTrue();
      net.runFor(Duration.ofSeconds(2));
      assertThat(net.events("blocks_released")).hasSize(1);
      assertThat(((Number) net.events("blocks_released").get(0).fields().get("count")).longValue()).isEqualTo(withheld);
      assertThat(net.clear(fault).accepted()).as("cleared already").isFalse();
      long minedAfter = net.events("pow_block_mined").size();
      net.runFor(Duration.ofSeconds(10));
      assertThat(net.events("block_withheld")).as("mining honestly again").hasSize((int) withheld);
      assertThat(net.events("pow_block_mined").size()).isGreaterThan((int) minedAfter);
    }
  }
}
