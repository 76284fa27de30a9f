package io.actorchain.tests.actors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.actorchain.core.codec.Hash32;
import io.actorchain.core.codec.Sha256;
import io.actorchain.node.NodeContext;
import io.actorchain.node.config.ChainSettings;
import io.actorchain.node.config.ConfigLoader;
import io.actorchain.node.config.LinkSettings;
import io.actorchain.node.net.LinkFault;
import io.actorchain.node.net.LocalOnly;
import io.actorchain.node.net.PeerLinkActor;
import io.actorchain.node.net.Wire;
import io.actorchain.node.time.VirtualTime;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.javadsl.AskPattern;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** A link delays, jitters, drops, partitions and dedupes as configured — measured in virtual time. */
class PeerLinkActorTest {
  record Arrival(long at, int from, Wire payload) {}

  record Got(int from, Wire payload) implements LocalOnly {}

  private ActorSystem<Void> system;
  private VirtualTime time;
  private final List<Arrival> arrivals = Collections.synchronizedList(new ArrayList<>());
  private ActorRef<PeerLinkActor.Command> link;

  private void start(LinkSettings settings) throws Exception {
    ChainSettings chain = ChainSettings.fromConfig(ConfigLoader.load(null)).withLink(settings);
    CompletableFuture<ActorRef<PeerLinkActor.Command>> made = new CompletableFuture<>();
    system = ActorSystem.create(Behaviors.setup(ctx -> {
      VirtualTime vt = VirtualTime.of(ctx.getSystem());
      ActorRef<Got> peer = ctx.spawn(Behaviors.receive(Got.class).onMessage(Got.class, g -> {
        arrivals.add(new Arrival(vt.nowMillis(), g.from(), g.payload()));
        return Behaviors.same();
      }).build(), "peer");
      NodeContext node = new NodeContext(7, vt.clock(), ctx.getSystem().ignoreRef(), chain, 42);
      made.complete(ctx.spawn(PeerLinkActor.create(node, 1, peer, (PeerLinkActor.Envelope<Got>) Got::new), "link"));
      return Behaviors.<Void>empty();
    }), "link-test", VirtualTime.config().withFallback(ConfigLoader.load(null)));
    time = VirtualTime.of(system);
    time.awaitIdle();
    link = made.get(10, TimeUnit.SECONDS);
  }

  @AfterEach
  void stop() throws Exception {
    if (system != null) {
      system.terminate();
      system.getWhenTerminated().toCompletableFuture().get(30, TimeUnit.SECONDS);
    }
  }

  private static Hash32 id(int i) {
    return Sha256.hash(new byte[] {(byte) i, (byte) (i >> 8), (byte) (i >> 16)});
  }

  private void send(int n) {
    for (int i = 0; i < n; i++) {
      link.tell(new PeerLinkActor.Send(new Wire.TxGossip(new byte[] {(byte) i}), id(i)));
    }
    time.awaitIdle();
  }

  private PeerLinkActor.Stats stats() throws Exception {
    CompletableFuture<PeerLinkActor.Stats> f = AskPattern.<PeerLinkActor.Command, PeerLinkActor.Stats>ask(link,
        PeerLinkActor.GetStats::new, Duration.ofSeconds(10), system.scheduler()).toCompletableFuture();
    time.awaitIdle();
    return f.get(10, TimeUnit.SECONDS);
  }

  @Test
  void shouldDeliverAfterExactlyTheConfiguredLatency() throws Exception {
    start(new LinkSettings(100, 0, 0.0));
    send(3);
    time.advanceTo(99);
    assertThat(arrivals).isEmpty();
    time.advanceTo(100);
    assertThat(arrivals).hasSize(3).allSatisfy(a -> {
      assertThat(a.at()).isEqualTo(100);
      assertThat(a.from()).isEqualTo(7);
    });
  }

  @Test
  void shouldSpreadDeliveriesUniformlyWithinTheJitter() throws Exception {
    start(new LinkSettings(100, 50, 0.0));
    send(400);
    time.runUntil(1_000);
    assertThat(arrivals).hasSize(400);
    List<Long> times = arrivals.stream().map(Arrival::at).toList();
    assertThat(times).allSatisfy(t -> assertThat(t).isBetween(50L, 150L));
    assertThat(times.stream().filter(t -> t < 100).count()).isBetween(150L, 250L);
    assertThat(times.stream().distinct().count()).isGreaterThan(50);
  }

  @Test
  void shouldDropAboutTheConfiguredShareOfMessages() throws Exception {
    start(new LinkSettings(10, 0, 0.3));
    send(1000);
    time.runUntil(1_000);
    PeerLinkActor.Stats stats = stats();
    assertThat(arrivals.size()).isBetween(640, 760);
    assertThat(stats.dropped()).isEqualTo(1000 - arrivals.size());
    assertThat(stats.sent()).isEqualTo(arrivals.size());
  }

  @Test
  void shouldDropEverythingWhilePartitionedAndCarryAgainAfterTheHeal() throws Exception {
    start(new LinkSettings(10, 0, 0.0));
    link.tell(new PeerLinkActor.ApplyFault(new LinkFault.Partition()));
    send(5);
    time.runUntil(1_000);
    assertThat(arrivals).isEmpty();
    assertThat(stats().partitioned()).isTrue();

    link.tell(new PeerLinkActor.ApplyFault(new LinkFault.Heal()));
    send(5);
    time.runUntil(2_000);
    assertThat(arrivals).hasSize(5).allSatisfy(a -> assertThat(a.at()).isEqualTo(1_010));
  }

  @Test
  void shouldCarryTheSameGossipOnlyOnce() throws Exception {
    start(new LinkSettings(0, 0, 0.0));
    send(3);
    send(3);
    time.runUntil(100);
    assertThat(arrivals).hasSize(3);
    assertThat(stats().deduped()).isEqualTo(3);
  }

  private static PeerLinkActor.Send vote(int i) {
    return new PeerLinkActor.Send(new Wire.AttestationGossip(new byte[] {(byte) i, (byte) (i >> 8)}), id(i));
  }

  @Test
  void shouldCarryTheVotesOfOneInstantAsOneMessageDedupedVoteByVoteAndSplitAtTheBatchLimit() throws Exception {
    start(new LinkSettings(100, 0, 0.0));
    List<PeerLinkActor.Send> votes = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      votes.add(vote(i));
    }
    link.tell(new PeerLinkActor.SendVotes(votes));
    link.tell(new PeerLinkActor.SendVotes(List.of(vote(3), vote(5)))); // 3 was carried already
    List<PeerLinkActor.Send> many = new ArrayList<>();
    for (int i = 100; i < 100 + PeerLinkActor.MAX_BATCH + 1; i++) {
      many.add(vote(i));
    }
    link.tell(new PeerLinkActor.SendVotes(many));
    time.runUntil(1_000);

    assertThat(arrivals).hasSize(4).allSatisfy(a -> assertThat(a.at()).isEqualTo(100));
    assertThat(((Wire.AttestationBatch) arrivals.get(0).payload()).bytes())
        .containsExactly(new byte[] {0, 0}, new byte[] {1, 0}, new byte[] {2, 0}, new byte[] {3, 0}, new byte[] {4, 0});
    assertThat(((Wire.AttestationGossip) arrivals.get(1).payload()).bytes()).as("a lone vote travels as itself")
        .isEqualTo(new byte[] {5, 0});
    assertThat(((Wire.AttestationBatch) arrivals.get(2).payload()).bytes()).hasSize(PeerLinkActor.MAX_BATCH);
    assertThat(arrivals.get(3).payload()).isInstanceOf(Wire.AttestationGossip.class);
    PeerLinkActor.Stats stats = stats();
    assertThat(stats.sent()).isEqualTo(5 + 1 + PeerLinkActor.MAX_BATCH + 1);
    assertThat(stats.deduped()).isEqualTo(1);
  }

  @Test
  void shouldLoseVotesOfABatchOneByOne() throws Exception {
    start(new LinkSettings(10, 0, 0.5));
    List<PeerLinkActor.Send> votes = new ArrayList<>();
    for (int i = 0; i < 200; i++) {
      votes.add(vote(i));
    }
    link.tell(new PeerLinkActor.SendVotes(votes));
    time.runUntil(1_000);
    int carried = arrivals.stream().mapToInt(a -> a.payload() instanceof Wire.AttestationBatch b ? b.bytes().size() : 1)
        .sum();
    assertThat(carried).isBetween(60, 140);
    assertThat(stats().dropped()).isEqualTo(200 - carried);
  }

  @Test
  void shouldRefuseANonVoteInAVoteBatch() {
    assertThatThrownBy(() -> new PeerLinkActor.SendVotes(List.of(new PeerLinkActor.Send(new Wire.TxGossip(new byte[1]),
        null)))).isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("not a vote");
  }

  @Test
  void shouldApplyARuntimeLatencyFault() throws Exception {
    start(new LinkSettings(10, 0, 0.0));
    link.tell(new PeerLinkActor.ApplyFault(new LinkFault.Latency(2_000, 0)));
    send(1);
    time.runUntil(5_000);
    assertThat(arrivals).singleElement().satisfies(a -> assertThat(a.at()).isEqualTo(2_000));
  }
}
