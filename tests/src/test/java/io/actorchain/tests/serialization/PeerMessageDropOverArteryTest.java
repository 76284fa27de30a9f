package io.actorchain.tests.serialization;

import static org.assertj.core.api.Assertions.assertThat;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import io.actorchain.node.net.CborSerializable;
import io.actorchain.node.net.DroppedMessages;
import io.actorchain.node.net.DroppedMessages.Reason;
import io.actorchain.node.net.PeerCborSerializer;
import java.time.Duration;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorRefResolver;
import org.apache.pekko.actor.typed.javadsl.Adapter;
import org.apache.pekko.serialization.SerializationExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Two actor systems on port 0 talking over Artery TCP (remote provider, no cluster). The sender plays a faulty peer:
 * its serializer for the receiver's CBOR identifier cuts {@link Poison} messages in half. The receiver drops and counts
 * the bad message, and the good one sent after it still arrives.
 */
class PeerMessageDropOverArteryTest {
  static final Duration ARRIVAL = Duration.ofSeconds(20);

  /** A test-only message that the sender's serializer truncates. */
  public record Poison(String text) implements CborSerializable {}

  /** A test-only message that crosses intact. */
  public record Good(String text) implements CborSerializable {}

  private ActorTestKit receiver;
  private ActorTestKit sender;

  @BeforeEach
  void start() {
    Config base = ConfigFactory.parseString("pekko.actor.provider = remote")
        .withFallback(ConfigFactory.load("application-test"));
    receiver = ActorTestKit.create("receiver", base);
    sender = ActorTestKit.create("sender", ConfigFactory.parseString(
        "pekko.actor.serializers.actorchain-cbor = \"" + TruncatingCborSerializer.class.getName() + "\"")
        .withFallback(base));
  }

  @AfterEach
  void stop() {
    sender.shutdownTestKit();
    receiver.shutdownTestKit();
  }

  /** The receiver's {@code probe} as an ActorRef of the sending system, resolved from its remote address. */
  private ActorRef<CborSerializable> remoteRef(TestProbe<CborSerializable> probe) {
    String path = ActorRefResolver.get(receiver.system()).toSerializationFormat(probe.ref());
    assertThat(path).startsWith("pekko://receiver@127.0.0.1:");
    return ActorRefResolver.get(sender.system()).resolveActorRef(path);
  }

  @Test
  void shouldBindTheFaultySerializerUnderTheReceiversIdentifier() {
    Poison poison = new Poison("x");
    var sending = SerializationExtension.get(Adapter.toClassic(sender.system())).findSerializerFor(poison);
    var receiving = SerializationExtension.get(Adapter.toClassic(receiver.system())).findSerializerFor(poison);
    assertThat(sending).isInstanceOf(TruncatingCborSerializer.class);
    assertThat(receiving).isInstanceOf(PeerCborSerializer.class);
    assertThat(sending.identifier()).isEqualTo(receiving.identifier());
  }

  @Test
  void shouldDropATruncatedMessageFromAPeerCountItAndKeepReceiving() {
    TestProbe<CborSerializable> probe = receiver.createTestProbe();
    ActorRef<CborSerializable> remote = remoteRef(probe);
    DroppedMessages dropped = DroppedMessages.get(receiver.system());

    remote.tell(new Good("before")); // the association is up once this arrives
    probe.expectMessage(ARRIVAL, new Good("before"));
    long truncatedBefore = dropped.count(Reason.TRUNCATED);

    remote.tell(new Poison("a block announcement that loses its second half on the way"));
    remote.tell(new Good("after"));

    probe.expectMessage(ARRIVAL, new Good("after"));
    probe.awaitAssert(ARRIVAL, () -> {
      assertThat(dropped.count(Reason.TRUNCATED)).isEqualTo(truncatedBefore + 1);
      return null;
    });
    assertThat(dropped.count(Reason.MALFORMED)).isZero();
    probe.expectNoMessage(Duration.ofMillis(200));
  }

  @Test
  void shouldDropAnOversizedMessageFromAPeerCountItAndKeepReceiving() {
    TestProbe<CborSerializable> probe = receiver.createTestProbe();
    ActorRef<CborSerializable> remote = remoteRef(probe);
    DroppedMessages dropped = DroppedMessages.get(receiver.system());
    long max = ((PeerCborSerializer) SerializationExtension.get(Adapter.toClassic(receiver.system()))
        .findSerializerFor(new Good(""))).maxBytes();

    remote.tell(new Good("before"));
    probe.expectMessage(ARRIVAL, new Good("before"));

    // Above the receiver's limit, below Artery's frame size: only the serializer can stop it.
    remote.tell(new Good("x".repeat((int) max + 1)));
    remote.tell(new Good("after"));

    probe.expectMessage(ARRIVAL, new Good("after"));
    probe.awaitAssert(ARRIVAL, () -> {
      assertThat(dropped.count(Reason.OVERSIZED)).isEqualTo(1);
      return null;
    });
  }
}
