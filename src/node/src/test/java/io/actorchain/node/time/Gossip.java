package io.actorchain.node.time;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.javadsl.TimerScheduler;

/**
 * A small randomised gossip network for determinism tests: each node ticks every 50 ms, sends a
 * rumour to a random peer with a random latency of 1–5 ms, and forwards half of the rumours it hears.
 * All randomness comes from one seeded generator per node.
 */
final class Gossip {

  sealed interface Command {}

  record Peers(List<ActorRef<Command>> all) implements Command {}

  record Rumour(String origin, int number, int hops) implements Command {}

  enum Tick implements Command { INSTANCE }

  private final String name;
  private final Random random;
  private final Clock clock;
  private final List<TraceEvent> trace;
  private final ActorContext<Command> context;
  private List<ActorRef<Command>> peers = List.of();
  private int sent;

  private Gossip(String name, long seed, ActorContext<Command> context, List<TraceEvent> trace) {
    this.name = name;
    this.random = new Random(seed);
    this.clock = Clock.of(context.getSystem());
    this.trace = trace;
    this.context = context;
  }

  /** The guardian: spawns {@code nodes} nodes and introduces them to each other. */
  static Behavior<Void> create(int nodes, long seed, List<TraceEvent> trace) {
    return Behaviors.setup(
        context -> {
          List<ActorRef<Command>> all = new ArrayList<>();
          for (int i = 0; i < nodes; i++) {
            all.add(context.spawn(node("node-" + i, seed * 31 + i, trace), "node-" + i));
          }
          Peers peers = new Peers(List.copyOf(all));
          all.forEach(node -> node.tell(peers));
          return Behaviors.empty();
        });
  }

  private static Behavior<Command> node(String name, long seed, List<TraceEvent> trace) {
    return Behaviors.setup(
        context ->
            Behaviors.withTimers(timers -> new Gossip(name, seed, context, trace).start(timers)));
  }

  private Behavior<Command> start(TimerScheduler<Command> timers) {
    timers.startTimerAtFixedRate(
        Tick.INSTANCE, Duration.ofMillis(random.nextInt(50)), Duration.ofMillis(50));
    return Behaviors.receive(Command.class)
        .onMessage(Peers.class, this::onPeers)
        .onMessageEquals(Tick.INSTANCE, this::onTick)
        .onMessage(Rumour.class, this::onRumour)
        .build();
  }

  private Behavior<Command> onPeers(Peers message) {
    peers = message.all().stream().filter(peer -> !peer.equals(context.getSelf())).toList();
    return Behaviors.same();
  }

  private Behavior<Command> onTick() {
    record("tick");
    sendToRandomPeer(new Rumour(name, ++sent, 0));
    return Behaviors.same();
  }

  private Behavior<Command> onRumour(Rumour rumour) {
    record("rumour " + rumour.origin() + "#" + rumour.number() + " hop " + rumour.hops());
    if (random.nextBoolean()) {
      sendToRandomPeer(new Rumour(rumour.origin(), rumour.number(), rumour.hops() + 1));
    }
    return Behaviors.same();
  }

  private void sendToRandomPeer(Rumour rumour) {
    if (peers.isEmpty()) {
      return;
    }
    ActorRef<Command> peer = peers.get(random.nextInt(peers.size()));
    context.scheduleOnce(Duration.ofMillis(1 + random.nextInt(5)), peer, rumour);
  }

  private void record(String message) {
    trace.add(new TraceEvent(clock.nowMillis(), name, message));
  }
}
