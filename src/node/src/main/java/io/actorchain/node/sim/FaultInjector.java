package io.actorchain.node.sim;

import io.actorchain.node.embedded.EmbeddedNetwork;
import io.actorchain.node.events.NodeEvent;
import io.actorchain.node.net.LinkFault;
import io.actorchain.node.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.apache.pekko.actor.typed.ActorRef;

/** Applies a scenario's link faults to an embedded network and logs them; one place for PoW and PoS runs. */
final class FaultInjector {
  private final ActorRef<EmbeddedNetwork.Command> network;
  private final ActorRef<NodeEvent> log;
  private final Clock clock;

  FaultInjector(ActorRef<EmbeddedNetwork.Command> network, ActorRef<NodeEvent> log, Clock clock) {
    this.network = network;
    this.log = log;
    this.clock = clock;
  }

  void inject(Scenario.FaultSpec f) {
    switch (f.kind()) {
      case "partition" -> {
        List<Set<Integer>> groups = new ArrayList<>();
        f.groups().forEach(g -> groups.add(new TreeSet<>(g)));
        network.tell(new EmbeddedNetwork.Partition(groups));
      }
      case "heal" -> network.tell(EmbeddedNetwork.Heal.INSTANCE);
      case "latency" -> network.tell(new EmbeddedNetwork.AllLinks(new LinkFault.Latency(f.meanMillis(), f.jitterMillis())));
      case "loss" -> network.tell(new EmbeddedNetwork.AllLinks(new LinkFault.Loss(f.loss())));
      default -> throw new IllegalStateException("fault kind " + f.kind() + " passed the parser but has no injector");
    }
    log.tell(NodeEvent.of(clock.nowMillis(), -1, "fault_injected", "kind", f.kind(), "spec", f.description()));
  }

  /** Ends this fault only: a partition's end does not undo a latency fault, and so on. */
  void clear(Scenario.FaultSpec f) {
    if (f.kind().equals("heal")) {
      return; // a heal has nothing to undo
    }
    network.tell(new EmbeddedNetwork.AllLinks(new LinkFault.Clear(f.kind())));
    log.tell(NodeEvent.of(clock.nowMillis(), -1, "fault_cleared", "kind", f.kind()));
  }
}
