package io.actorchain.node.sim;

import io.actorchain.node.embedded.EmbeddedNetwork;
import io.actorchain.node.events.NodeEvent;
import io.actorchain.node.fault.Fault;
import io.actorchain.node.time.Clock;
import org.apache.pekko.actor.typed.ActorRef;

/**
 * Injects a scenario's faults into an embedded network at their {@code at} and clears them at their {@code until}, and
 * logs both; one place for PoW and PoS runs. The network routes each fault to the actors concerned (and logs a
 * {@code fault_rejected} event if a node refuses one).
 */
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
    log.tell(NodeEvent.of(clock.nowMillis(), -1, "fault_injected", "kind", f.kind(), "spec", f.description()));
    for (Fault fault : f.faults()) {
      network.tell(new EmbeddedNetwork.InjectFault(fault, null));
    }
  }

  /** Ends this fault only: a partition's end does not undo a latency fault, and so on. */
  void clear(Scenario.FaultSpec f) {
    if (f.kind().equals("heal")) {
      return; // a heal has nothing to undo
    }
    log.tell(NodeEvent.of(clock.nowMillis(), -1, "fault_cleared", "kind", f.kind(), "spec", f.description()));
    for (Fault fault : f.faults()) {
      network.tell(new EmbeddedNetwork.ClearFault(fault, null));
    }
  }
}
