package io.actorchain.tests.actors;

import static org.assertj.core.api.Assertions.assertThat;

import io.actorchain.node.NodeGuardian;
import io.actorchain.node.NodeStatus;
import io.actorchain.node.config.LinkSettings;
import io.actorchain.node.net.Wire;
import io.actorchain.tests.fixture.SimNetwork;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Garbage from a peer is dropped and counted; the node keeps importing blocks. */
class MalformedPeerMessageTest {

  @Test
  void shouldDropAndCountMalformedPayloadsAndKeepRunning() throws Exception {
    try (SimNetwork net = SimNetwork.builder("malformed").nodes(2).miner(0, 1000).link(new LinkSettings(10, 0, 0.0)).start()) {
      net.runFor(Duration.ofSeconds(30));
      long before = net.head(1).height();
      byte[] validBlock = net.settings().genesisBlock().canonical();

      net.node(1).tell(new NodeGuardian.FromPeer(0, new Wire.BlockGossip(new byte[] {1, 2, 3})));
      net.node(1).tell(new NodeGuardian.FromPeer(0, new Wire.BlockGossip(Arrays.copyOf(validBlock, validBlock.length - 1))));
      net.node(1).tell(new NodeGuardian.FromPeer(0, new Wire.TxGossip(new byte[] {9})));
      net.node(1).tell(new NodeGuardian.FromPeer(0, new Wire.BlocksRequest(new byte[] {1}, 4)));
      net.node(1).tell(new NodeGuardian.FromPeer(0, new Wire.BlocksResponse(List.of(new byte[40]))));
      net.node(1).tell(new NodeGuardian.FromPeer(0, new Wire.ProposerSlashingGossip(new byte[] {4, 5})));
      net.node(1).tell(new NodeGuardian.FromPeer(0, new Wire.AttesterSlashingGossip(new byte[300])));
      net.node(1).tell(new NodeGuardian.FromPeer(0, new Wire.AttestationBatch(List.of(new byte[] {7}, new byte[12]))));
      net.runFor(Duration.ofSeconds(30));

      NodeStatus status = net.ask(net.node(1), NodeGuardian.GetStatus::new);
      assertThat(status.malformedMessages()).isEqualTo(8);
      assertThat(net.events("malformed_message")).hasSize(8)
          .allSatisfy(e -> assertThat(e.fields().get("detail").toString()).isNotBlank());
      assertThat(net.head(1).height()).as("node 1 still imports blocks").isGreaterThan(before);
      assertThat(net.head(1).hash()).isEqualTo(net.head(0).hash());
    }
  }
}
