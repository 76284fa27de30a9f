package io.actorchain.tests.serialization;

import static org.assertj.core.api.Assertions.assertThat;

import com.typesafe.config.ConfigFactory;
import io.actorchain.node.NodeGuardian;
import io.actorchain.node.NodeStatus;
import io.actorchain.node.http.Metrics;
import io.actorchain.node.net.DroppedMessages;
import io.actorchain.node.net.DroppedMessages.Reason;
import io.actorchain.node.net.PeerCborSerializer;
import io.actorchain.node.net.Wire;
import java.io.NotSerializableException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
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
import org.junit.jupiter.params.provider.ValueSource;
import scala.util.Try;

/**
 * What a node does with a peer's payload that does not decode, at the level of the system's own serialization: the
 * payload is refused with a NotSerializableException (Artery drops the message) and counted by reason.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PeerMessageDropTest {
  private ActorTestKit kit;
  private Serialization serialization;
  private DroppedMessages dropped;

  /** A real message between nodes: a peer's genesis handshake wrapped as the guardian receives it. */
  private final NodeGuardian.FromPeer hello = new NodeGuardian.FromPeer(2, new Wire.Hello(List.of("v0", "v1", "v2"),
      List.of(32_000_000_000L, 32_000_000_000L, 64_000_000_000L), "ab".repeat(32), 0, 16, false));

  @BeforeAll
  void start() {
    kit = ActorTestKit.create("drops", ConfigFactory.load("application-test"));
    serialization = SerializationExtension.get(Adapter.toClassic(kit.system()));
    dropped = DroppedMessages.get(kit.system());
  }

  @AfterAll
  void stop() {
    kit.shutdownTestKit();
  }

  private record Serialized(byte[] bytes, int serializerId, String manifest) {
    Serialized withBytes(byte[] other) {
      return new Serialized(other, serializerId, manifest);
    }
  }

  private Serialized serialize(Object message) {
    Serializer serializer = serialization.findSerializerFor(message);
    assertThat(serializer).isInstanceOf(PeerCborSerializer.class);
    return new Serialized(serialization.serialize(message).get(), serializer.identifier(),
        Serializers.manifestFor(serializer, message));
  }

  private Try<Object> deserialize(Serialized s) {
    return serialization.deserialize(s.bytes(), s.serializerId(), s.manifest());
  }

  /** Deserializes {@code s}, expects the drop, and returns the counts it changed. */
  private Map<Reason, Long> expectDropped(Serialized s, String reason) {
    Map<Reason, Long> before = dropped.counts();
    Try<Object> result = deserialize(s);
    assertThat(result.isFailure()).as("decoding %d bytes fails", s.bytes().length).isTrue();
    assertThat(result.failed().get())
        .isInstanceOf(NotSerializableException.class)
        .hasMessageStartingWith("dropped a" + (reason.equals("oversized") ? "n " : " ") + reason + " peer message (");
    Map<Reason, Long> delta = new EnumMap<>(Reason.class);
    dropped.counts().forEach((r, n) -> {
      if (n - before.get(r) != 0) {
        delta.put(r, n - before.get(r));
      }
    });
    return delta;
  }

  @Test
  void shouldDecodeAnIntactMessageWithoutCountingIt() {
    Map<Reason, Long> before = dropped.counts();
    assertThat(deserialize(serialize(hello)).get()).usingRecursiveComparison().isEqualTo(hello);
    assertThat(dropped.counts()).isEqualTo(before);
  }

  @ParameterizedTest(name = "keeping {0} of every 8 bytes")
  @ValueSource(ints = {0, 1, 4, 7})
  void shouldDropAndCountATruncatedMessage(int eighths) {
    Serialized whole = serialize(hello);
    int keep = eighths == 7 ? whole.bytes().length - 1 : whole.bytes().length * eighths / 8;
    Serialized cut = whole.withBytes(Arrays.copyOf(whole.bytes(), keep));

    assertThat(expectDropped(cut, "truncated")).isEqualTo(Map.of(Reason.TRUNCATED, 1L));
  }

  @Test
  void shouldDropAndCountAnOversizedMessageWithoutDecodingIt() {
    PeerCborSerializer serializer = (PeerCborSerializer) serialization.findSerializerFor(new Wire.TxGossip(new byte[0]));
    Wire.TxGossip huge = new Wire.TxGossip(new byte[(int) serializer.maxBytes()]);
    Serialized s = serialize(huge);
    assertThat((long) s.bytes().length).isGreaterThan(serializer.maxBytes());

    assertThat(expectDropped(s, "oversized")).isEqualTo(Map.of(Reason.OVERSIZED, 1L));
  }

  @Test
  void shouldDropAndCountAWellFormedPayloadOfTheWrongShape() {
    Serialized whole = serialize(hello);
    // Complete CBOR (a text string), but not the object the manifest names.
    byte[] text = "x".getBytes(StandardCharsets.UTF_8);
    byte[] notAnObject = {(byte) (0x60 | text.length), text[0]};

    assertThat(expectDropped(whole.withBytes(notAnObject), "malformed")).isEqualTo(Map.of(Reason.MALFORMED, 1L));
  }

  @Test
  void shouldExposeTheCountsAsAPrometheusCounterByReason() {
    deserialize(serialize(hello).withBytes(new byte[] {(byte) 0xbf}));
    Map<Reason, Long> counts = dropped.counts();
    assertThat(counts.get(Reason.TRUNCATED)).isPositive();
    NodeStatus status = new NodeStatus(4, 18084, 0, "00".repeat(32), "0", List.of(), -1, 0, 0, 0, null, null, null);

    String text = Metrics.render(status, null, counts);

    assertThat(text).contains("# TYPE actorchain_dropped_peer_messages_total counter\n");
    for (Reason reason : Reason.values()) {
      assertThat(text).contains("actorchain_dropped_peer_messages_total{node=\"4\",reason=\"" + reason.label() + "\"} "
          + counts.get(reason) + "\n");
    }
  }
}
