package io.actorchain.node.events;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.function.Consumer;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.Behaviors;

/** Hands every {@link NodeEvent} to its sinks, in arrival order, on the actor's own thread. */
public final class EventLog {
  private EventLog() {}

  public static Behavior<NodeEvent> create(List<? extends Consumer<NodeEvent>> sinks) {
    List<Consumer<NodeEvent>> copy = List.copyOf(sinks);
    return Behaviors.setup(ctx -> Behaviors.receive(NodeEvent.class)
        .onMessage(NodeEvent.class, e -> {
          for (Consumer<NodeEvent> sink : copy) {
            try {
              sink.accept(e);
            } catch (RuntimeException ex) {
              // A broken sink must not silence the others, nor every event after this one.
              ctx.getLog().error("event sink failed on " + e.type() + " of node " + e.node(), ex);
            }
          }
          return Behaviors.same();
        })
        .build());
  }

  /** A sink that keeps the last {@code capacity} events; {@link #snapshot()} may be read from any thread. */
  public static final class Recent implements Consumer<NodeEvent> {
    private final int capacity;
    private final Deque<NodeEvent> events = new ArrayDeque<>();

    public Recent(int capacity) {
      if (capacity < 1) {
        throw new IllegalArgumentException("capacity must be positive, got " + capacity);
      }
      this.capacity = capacity;
    }

    @Override
    public synchronized void accept(NodeEvent e) {
      if (events.size() == capacity) {
        events.removeFirst();
      }
      events.addLast(e);
    }

    /** The kept events, oldest first. */
    public synchronized List<NodeEvent> snapshot() {
      return List.copyOf(events);
    }
  }
}
