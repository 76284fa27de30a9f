package io.actorchain.tests.pos;

import static org.assertj.core.api.Assertions.assertThat;

import com.typesafe.config.ConfigFactory;
import io.actorchain.core.codec.Hash32;
import io.actorchain.core.codec.Sha256;
import io.actorchain.core.crypto.Domain;
import io.actorchain.core.crypto.Keys;
import io.actorchain.core.crypto.Signature;
import io.actorchain.core.crypto.SigningKey;
import io.actorchain.node.net.LocalOnly;
import io.actorchain.node.pos.SigningDesk;
import io.actorchain.node.time.VirtualTime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.junit.jupiter.api.Test;

/**
 * The signing desk signs what validators ask, exactly as each key alone would, and answers in request order: in real
 * time as soon as it can, in virtual time at the end of the instant without any virtual time passing.
 */
class SigningDeskTest {
  record Signed(int request, Signature sig) implements LocalOnly {}

  private static SigningKey key(int i) {
    return Keys.fromName("desk", "v" + (i % 7));
  }

  private static Hash32 root(int i) {
    return Sha256.hash(new byte[] {(byte) i, (byte) (i >> 8)});
  }

  private static SigningDesk.Sign<Signed> sign(int i, ActorRef<Signed> to) {
    return new SigningDesk.Sign<>(new SigningKey.Request(key(i), Domain.ATTESTER, root(i)), to, s -> new Signed(i, s));
  }

  @Test
  void shouldAnswerEveryRequestInOrderWithTheKeysOwnSignature() {
    ActorTestKit kit = ActorTestKit.create("signing-desk", ConfigFactory.load("application-test"));
    try {
      TestProbe<Signed> probe = kit.createTestProbe();
      ActorRef<SigningDesk.Command> desk = SigningDesk.of(kit.system());
      assertThat(SigningDesk.of(kit.system())).as("one desk per actor system").isEqualTo(desk);
      int n = 100; // several parts: signed on more than one thread where there are cores
      for (int i = 0; i < n; i++) {
        desk.tell(sign(i, probe.ref()));
      }
      for (int i = 0; i < n; i++) {
        Signed s = probe.receiveMessage();
        assertThat(s.request()).isEqualTo(i);
        assertThat(s.sig()).isEqualTo(key(i).sign(Domain.ATTESTER, root(i)));
      }
    } finally {
      kit.shutdownTestKit();
    }
  }

  @Test
  void shouldAnswerInVirtualTimeAtTheEndOfTheInstantWithoutTimePassing() throws Exception {
    List<long[]> answers = Collections.synchronizedList(new ArrayList<>());
    ActorSystem<Void> system = ActorSystem.create(Behaviors.empty(), "signing-desk-virtual",
        VirtualTime.config().withFallback(ConfigFactory.load("application-test")));
    try {
      VirtualTime time = VirtualTime.of(system);
      ActorRef<Signed> sink = system.systemActorOf(Behaviors.receive(Signed.class).onMessage(Signed.class, s -> {
        answers.add(new long[] {s.request(), time.nowMillis()});
        return Behaviors.same();
      }).build(), "sink", org.apache.pekko.actor.typed.Props.empty());
      time.awaitIdle();
      time.advanceTo(500);
      ActorRef<SigningDesk.Command> desk = SigningDesk.of(system);
      for (int i = 0; i < 20; i++) {
        desk.tell(sign(i, sink));
      }
      time.awaitIdle();
      assertThat(answers).hasSize(20);
      for (int i = 0; i < 20; i++) {
        assertThat(answers.get(i)).containsExactly(i, 500);
      }
    } finally {
      system.terminate();
      system.getWhenTerminated().toCompletableFuture().get(30, TimeUnit.SECONDS);
    }
  }
}
