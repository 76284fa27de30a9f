package io.actorchain.node.chain;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.apache.pekko.actor.typed.ActorRef;

/**
 * Who listens to a ChainActor and for which kinds of event. Owned by the chain actor (it survives the merge's
 * behaviour swap). Each event reaches only the subscribers that asked for its kind: in a PoS network most events are
 * attestations, which most subscribers do not need.
 */
final class Subscribers {
  private record Subscription(ActorRef<ChainEvent> subscriber, Set<ChainEvent.Kind> kinds) {}

  private final List<Subscription> subscriptions = new ArrayList<>();

  void add(ActorRef<ChainEvent> subscriber, Set<ChainEvent.Kind> kinds) {
    subscriptions.add(new Subscription(subscriber, kinds.isEmpty() ? Set.of() : EnumSet.copyOf(kinds)));
  }

  void publish(ChainEvent e) {
    ChainEvent.Kind kind = e.kind();
    for (Subscription s : subscriptions) {
      if (s.kinds().contains(kind)) {
        s.subscriber().tell(e);
      }
    }
  }
}
