package io.actorchain.node.cluster;

import io.actorchain.node.net.LocalOnly;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import io.actorchain.node.events.NodeEvent;
import java.util.List;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.Terminated;
import org.apache.pekko.actor.typed.javadsl.AbstractBehavior;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.javadsl.Receive;

/**
 * Where a cluster node's {@link NodeEvent}s go: logs each at debug, keeps the most recent ones and
 * forwards new ones to live subscribers (the {@code /api/events} streams). A subscriber that stops
 * is dropped.
 */
public final class EventBuffer extends AbstractBehavior<EventBuffer.Command> {
  public static final int DEFAULT_CAPACITY = 1000;

  /** Never leaves the process. */
  public sealed interface Command extends LocalOnly {}

  /** One event of the node. */
  public record Append(NodeEvent event) implements Command {}

  /** Sends {@code subscriber} the kept events, then every new one until it stops. */
  public record Subscribe(ActorRef<NodeEvent> subscriber) implements Command {}

  public record GetRecent(ActorRef<Recent> replyTo) implements Command {}

  public record Recent(List<NodeEvent> events) implements LocalOnly {}

  private final int capacity;
  private final Deque<NodeEvent> recent = new ArrayDeque<>();
  private final List<ActorRef<NodeEvent>> subscribers = new ArrayList<>();

  public static Behavior<Command> create(int capacity) {
    return Behaviors.setup(ctx -> new EventBuffer(ctx, capacity));
  }

  /** An inbox for {@code NodeContext.events()} that wraps each bare NodeEvent into {@link Append}. */
  public static Behavior<NodeEvent> inbox(ActorRef<Command> buffer) {
    return Behaviors.receive(NodeEvent.class)
        .onMessage(NodeEvent.class, e -> {
          buffer.tell(new Append(e));
          return Behaviors.same();
        })
        .build();
  }

  private EventBuffer(ActorContext<Command> ctx, int capacity) {
    super(ctx);
    if (capacity < 1) {
      throw new IllegalArgumentException("capacity must be positive, got " + capacity);
    }
    this.capacity = capacity;
  }

  @Override
  public Receive<Command> createReceive() {
    return newReceiveBuilder()
        .onMessage(Append.class, this::onAppend)
        .onMessage(Subscribe.class, this::onSubscribe)
        .onMessage(GetRecent.class, this::onGetRecent)
        .onSignal(Terminated.class, this::onTerminated)
        .build();
  }

  private Behavior<Command> onAppend(Append a) {
    NodeEvent e = a.event();
    getContext().getLog().debug("event t={} node={} {} {}", e.t(), e.node(), e.type(), e.fields());
    if (recent.size() == capacity) {
      recent.removeFirst();
    }
    recent.addLast(e);
    for (ActorRef<NodeEvent> s : subscribers) {
      s.tell(e);
    }
    return this;
  }

  private Behavior<Command> onSubscribe(Subscribe s) {
    recent.forEach(s.subscriber()::tell);
    subscribers.add(s.subscriber());
    getContext().watch(s.subscriber());
    return this;
  }

  private Behavior<Command> onGetRecent(GetRecent g) {
    g.replyTo().tell(new Recent(List.copyOf(recent)));
    return this;
  }

  private Behavior<Command> onTerminated(Terminated t) {
    subscribers.remove(t.getRef());
    return this;
  }
}
