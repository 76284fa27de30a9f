package io.actorchain.tests.actors;

import static org.assertj.core.api.Assertions.assertThat;

import io.actorchain.node.chain.SyncActor;
import io.actorchain.node.config.LinkSettings;
import io.actorchain.node.events.NodeEvent;
import io.actorchain.tests.fixture.SimNetwork;
import java.math.BigInteger;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Whole nodes in virtual time: a partition heals onto the heavier chain, and a node that missed blocks syncs. */
class PartitionAndSyncTest {

  @Test
  void shouldConvergeOnTheHeavierChainAfterAPartitionHeals() throws Exception {
    try (SimNetwork net = SimNetwork.builder("partition").nodes(2).miner(0, 3000).miner(1, 1000)
        .link(new LinkSettings(50, 20, 0.0)).seed(5).start()) {
      net.partition(List.of(Set.of(0), Set.of(1)));
      net.runFor(Duration.ofMinutes(4));
      net.stopProducing();
      SimNetwork.Head a = net.head(0);
      SimNetwork.Head b = net.head(1);
      assertThat(a.hash()).isNotEqualTo(b.hash());
      SimNetwork.Head heavier = new BigInteger(a.totalDifficulty()).compareTo(new BigInteger(b.totalDifficulty())) > 0 ? a : b;
      int lighterNode = heavier == a ? 1 : 0;

      net.heal();
      boolean converged = net.runUntil(net::allOnOneHead, Duration.ofMinutes(2));

      assertThat(converged).as("both nodes on one head after the heal").isTrue();
      assertThat(net.head(0).hash()).isEqualTo(heavier.hash());
      assertThat(net.head(1).hash()).isEqualTo(heavier.hash());
      List<NodeEvent> reorgs = net.events("reorg").stream().filter(e -> e.node() == lighterNode).toList();
      assertThat(reorgs).isNotEmpty();
      assertThat(((Number) reorgs.get(reorgs.size() - 1).fields().get("depth")).intValue()).isGreaterThan(1);
    }
  }

  @Test
  void shouldSyncANodeThatMissedBlocks() throws Exception {
    try (SimNetwork net = SimNetwork.builder("sync").nodes(2).miner(0, 1000).link(new LinkSettings(20, 0, 0.0)).start()) {
      net.partition(List.of(Set.of(0), Set.of(1)));
      net.runFor(Duration.ofMinutes(3));
      net.stopProducing();
      long mined = net.head(0).height();
      assertThat(mined).as("node 0 mined alone").isGreaterThan(SyncActor.BATCH); // more than one round of fetching
      assertThat(net.head(1).height()).isZero();

      net.heal();
      boolean synced = net.runUntil(net::allOnOneHead, Duration.ofMinutes(1));

      assertThat(synced).isTrue();
      assertThat(net.head(1).height()).isEqualTo(mined);
      long requests = net.events("sync_request").stream().filter(e -> e.node() == 1).count();
      long batches = (mined + SyncActor.BATCH - 1) / SyncActor.BATCH;
      assertThat(requests).as("one request per batch of %d ancestors, not one per block", SyncActor.BATCH)
          .isBetween(2L, batches + 1);
      assertThat(net.events("block_rejected")).isEmpty();
    }
  }

  @Test
  void shouldKeepAllNodesOnOneChainWithoutFaults() throws Exception {
    try (SimNetwork net = SimNetwork.builder("honest").nodes(4).miner(0, 1000).miner(1, 1000).miner(2, 1000).miner(3, 1000)
        .link(new LinkSettings(100, 50, 0.0)).start()) {
      net.runFor(Duration.ofMinutes(3));
      net.stopProducing();
      net.runUntil(net::allOnOneHead, Duration.ofSeconds(30));
      assertThat(net.allOnOneHead()).isTrue();
      assertThat(net.head(0).height()).isGreaterThan(40);
      assertThat(net.events("pow_block_mined")).hasSizeGreaterThanOrEqualTo((int) net.head(0).height());
    }
  }
}
