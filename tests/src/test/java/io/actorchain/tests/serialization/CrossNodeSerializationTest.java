package io.actorchain.tests.serialization;

import static org.assertj.core.api.Assertions.assertThat;

import com.typesafe.config.ConfigFactory;
import io.actorchain.node.NodeGuardian;
import io.actorchain.node.NodeStatus;
import io.actorchain.node.fault.Fault;
import io.actorchain.node.fault.FaultReply;
import io.actorchain.node.net.LinkFault;
import io.actorchain.node.net.PeerCborSerializer;
import io.actorchain.node.net.Wire;
import java.util.List;
import java.util.stream.Stream;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.apache.pekko.actor.typed.javadsl.Adapter;
import org.apache.pekko.serialization.Serialization;
import org.apache.pekko.serialization.SerializationExtension;
import org.apache.pekko.serialization.Serializer;
import org.apache.pekko.serialization.Serializers;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every message that crosses a process boundary is bound to Jackson CBOR (reference.conf: PeerCborSerializer) and comes
 * back equal after Pekko's own serialization: what the cluster really sends between nodes.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CrossNodeSerializationTest {
  private ActorTestKit kit;
  private Serialization serialization;

  @BeforeAll
  void start() {
    kit = ActorTestKit.create("serialization", ConfigFactory.load("application-test"));
    serialization = SerializationExtension.get(Adapter.toClassic(kit.system()));
  }

  @AfterAll
  void stop() {
    kit.shutdownTestKit();
  }

  static Stream<Wire> wirePayloads() {
    return Stream.of(
        new Wire.BlockGossip(new byte[] {1, 2, 3, (byte) 0xff}),
        new Wire.TxGossip(new byte[] {9, 8, 7}),
        new Wire.BlocksRequest(new byte[32], 64),
        new Wire.BlocksResponse(List.of(new byte[] {1}, new byte[] {2, 3}, new byte[0])),
        new Wire.BlocksResponse(List.of()),
        new Wire.ProposerSlashingGossip(new byte[] {5, 6, 7}),
        new Wire.AttesterSlashingGossip(new byte[] {8, 9}),
        new Wire.AttestationGossip(new byte[] {4, 2}),
        new Wire.AttestationBatch(List.of(new byte[] {1, 2}, new byte[] {3}, new byte[0])));
  }

  static Stream<LinkFault> linkFaults() {
    return Stream.of(new LinkFault.Latency(120, 30), new LinkFault.Loss(0.25), new LinkFault.Partition(),
        new LinkFault.Heal());
  }

  @ParameterizedTest
  @MethodSource("wirePayloads")
  void shouldRoundTripEveryWirePayloadThroughJacksonCbor(Wire payload) {
    assertThat(roundTrip(payload)).usingRecursiveComparison().isEqualTo(payload);
  }

  @ParameterizedTest
  @MethodSource("wirePayloads")
  void shouldRoundTripFromPeerCarryingEveryPayload(Wire payload) {
    NodeGuardian.FromPeer message = new NodeGuardian.FromPeer(3, payload);
    assertThat(roundTrip(message)).usingRecursiveComparison().isEqualTo(message);
  }

  @ParameterizedTest
  @MethodSource("linkFaults")
  void shouldRoundTripEveryLinkFault(LinkFault fault) {
    assertThat(roundTrip(fault)).isEqualTo(fault);
    NodeGuardian.ApplyLinkFault onePeer = new NodeGuardian.ApplyLinkFault(2, fault);
    assertThat(roundTrip(onePeer)).isEqualTo(onePeer);
    NodeGuardian.ApplyLinkFault everyPeer = new NodeGuardian.ApplyLinkFault(null, fault);
    assertThat(roundTrip(everyPeer)).isEqualTo(everyPeer);
  }

  static Stream<Fault> faults() {
    return Stream.of(new Fault.Offline("v1"), new Fault.DoubleVote("v5"), new Fault.SurroundVote("v6"),
        new Fault.DoubleProposal("alice"), new Fault.Late("v4", 3000), new Fault.Crash(2),
        new Fault.PrivateChain(3, new Fault.Release(Fault.Release.Unit.HEIGHT, 16)), new Fault.PrivateChain(1, null),
        new Fault.SelfishMining(0), new Fault.Link(new LinkFault.Latency(2000, 0)), new Fault.Link(new LinkFault.Heal()),
        new Fault.Partition(List.of(List.of(0, 1), List.of(2, 3))));
  }

  @ParameterizedTest
  @MethodSource("faults")
  void shouldRoundTripEveryFaultAndTheMessagesThatCarryIt(Fault fault) {
    assertThat(roundTrip(fault)).isEqualTo(fault);
    TestProbe<FaultReply> probe = kit.createTestProbe();
    NodeGuardian.InjectFault inject = new NodeGuardian.InjectFault(fault, probe.ref());
    assertThat(roundTrip(inject)).isEqualTo(inject);
    NodeGuardian.ClearFault clear = new NodeGuardian.ClearFault(fault, null);
    assertThat(roundTrip(clear)).isEqualTo(clear);
    FaultReply reply = FaultReply.refused("validator v9 is not hosted on node 2");
    assertThat(roundTrip(reply)).isEqualTo(reply);
  }

  @Test
  void shouldRoundTripGetStatusWithItsReplyTo() {
    TestProbe<NodeStatus> probe = kit.createTestProbe();
    NodeGuardian.GetStatus message = new NodeGuardian.GetStatus(probe.ref());
    NodeGuardian.GetStatus back = roundTrip(message);
    assertThat(back.replyTo()).isEqualTo(probe.ref());
  }

  @Test
  void shouldRoundTripNodeStatus() {
    NodeStatus status = new NodeStatus(2, 18082, 41, "ab".repeat(32), "123456789012345678901234567890",
        List.of(1, 3), 7, 2, 45, 1, 41L, new NodeStatus.CheckpointView(4, "cd".repeat(32)),
        new NodeStatus.CheckpointView(3, "ef".repeat(32)));
    assertThat(roundTrip(status)).isEqualTo(status);
    NodeStatus lonely = new NodeStatus(1, 0, 0, "00".repeat(32), "0", List.of(), -1, 0, 0, 0, null, null, null);
    assertThat(roundTrip(lonely)).isEqualTo(lonely);
  }

  @SuppressWarnings("unchecked")
  private <T> T roundTrip(T message) {
    Serializer serializer = serialization.findSerializerFor(message);
    assertThat(serializer).as("serializer of %s", message.getClass().getName()).isInstanceOf(PeerCborSerializer.class);
    byte[] bytes = serialization.serialize(message).get();
    String manifest = Serializers.manifestFor(serializer, message);
    return (T) serialization.deserialize(bytes, serializer.identifier(), manifest).get();
  }
}
