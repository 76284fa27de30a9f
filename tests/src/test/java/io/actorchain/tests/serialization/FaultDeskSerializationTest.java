package io.actorchain.tests.serialization;

import static org.assertj.core.api.Assertions.assertThat;

import com.typesafe.config.ConfigFactory;
import io.actorchain.node.FaultDesk;
import io.actorchain.node.NodeGuardian;
import io.actorchain.node.fault.Fault;
import io.actorchain.node.net.LinkFault;
import io.actorchain.node.net.PeerCborSerializer;
import io.actorchain.node.pos.DutyReport;
import java.util.List;
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

/**
 * What one node's fault desk and the validators view send to another (a routed fault, its answer, the faults held, the
 * duties of the hosted validators) is bound to Jackson CBOR and comes back equal, as between two processes.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class FaultDeskSerializationTest {
  private ActorTestKit kit;
  private Serialization serialization;

  @BeforeAll
  void start() {
    kit = ActorTestKit.create("fault-desk-serialization", ConfigFactory.load("application-test"));
    serialization = SerializationExtension.get(Adapter.toClassic(kit.system()));
  }

  @AfterAll
  void stop() {
    kit.shutdownTestKit();
  }

  @Test
  void shouldRoundTripARoutedFaultAndEachNodesAnswer() {
    TestProbe<FaultDesk.NodeAnswer> answers = kit.createTestProbe();
    FaultDesk.Hold hold = new FaultDesk.Hold(new Fault.Late("v4", 3000), 30_000L, answers.ref());
    assertThat(roundTrip(hold)).isEqualTo(hold);
    FaultDesk.Hold forever = new FaultDesk.Hold(new Fault.Partition(List.of(List.of(1), List.of(2, 3))), null,
        answers.ref());
    assertThat(roundTrip(forever)).isEqualTo(forever);
    FaultDesk.Release release = new FaultDesk.Release(new Fault.Link(new LinkFault.Latency(0, 0)), answers.ref());
    assertThat(roundTrip(release)).isEqualTo(release);
    for (FaultDesk.Outcome outcome : FaultDesk.Outcome.values()) {
      FaultDesk.NodeAnswer answer = new FaultDesk.NodeAnswer(2, outcome, "double-vote v1 injected on node 2");
      assertThat(roundTrip(answer)).isEqualTo(answer);
    }
  }

  @Test
  void shouldRoundTripTheFaultsANodeHolds() {
    TestProbe<FaultDesk.ActiveFaults> probe = kit.createTestProbe();
    FaultDesk.GetActive ask = new FaultDesk.GetActive(probe.ref());
    assertThat(roundTrip(ask)).isEqualTo(ask);
    FaultDesk.ActiveFaults held = new FaultDesk.ActiveFaults(3, List.of(
        new FaultDesk.ActiveFault(new Fault.Offline("v2"), 1_700_000_000_000L, null),
        new FaultDesk.ActiveFault(new Fault.PrivateChain(3, new Fault.Release(Fault.Release.Unit.SECOND, 60)),
            1_700_000_000_000L, 1_700_000_030_000L)));
    assertThat(roundTrip(held)).isEqualTo(held);
  }

  @Test
  void shouldRoundTripTheDutiesOfTheValidatorsANodeHosts() {
    TestProbe<DutyReport> probe = kit.createTestProbe();
    NodeGuardian.GetDuties ask = new NodeGuardian.GetDuties(probe.ref());
    assertThat(roundTrip(ask)).isEqualTo(ask);
    DutyReport report = new DutyReport(2, List.of(
        new DutyReport.Duties("v1", 41L, 5L, 33L, 6, 1, null, true),
        new DutyReport.Duties("v5", 40L, 5L, null, 6, 0, "double-vote", true),
        DutyReport.Duties.unknown("v9", "offline")));
    assertThat(roundTrip(report)).isEqualTo(report);
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
