package io.actorchain.node.embedded;

import io.actorchain.node.NodeGuardian;
import io.actorchain.node.fault.Fault;
import io.actorchain.node.net.LinkFault;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.apache.pekko.actor.typed.ActorRef;

/**
 * The link faults in force on an embedded network (a partition, and latency, loss or partition on every link), so that
 * a node restarted after a crash gets them on its new links, both ways: its links are new actors, which start from
 * the configured settings. A plain helper of {@link EmbeddedNetwork}, touched only on its turn.
 */
final class ActiveLinkFaults {
  /** The groups of the partition in force, or null. */
  private List<Set<Integer>> partition;
  /** Link faults on every link, by kind; a new fault of a kind replaces the one before, as on the links. */
  private final Map<String, LinkFault> everyLink = new TreeMap<>();

  void partitioned(List<Set<Integer>> groups) {
    partition = List.copyOf(groups);
  }

  /** A heal lifts the partition and puts every link back to its configured settings. */
  void healed() {
    partition = null;
    everyLink.clear();
  }

  /** {@code fault} was injected into ({@code inject}) or cleared from every node. */
  void onEveryNode(Fault fault, boolean inject) {
    if (fault instanceof Fault.Partition) {
      if (!inject) { // a link lifts every partition on it when one is cleared
        partition = null;
        everyLink.remove("partition");
      }
    } else if (fault instanceof Fault.Link l && !(l.fault() instanceof LinkFault.Heal)) {
      if (inject) {
        everyLink.put(l.kind(), l.fault());
      } else {
        everyLink.remove(l.kind());
        if (l.fault() instanceof LinkFault.Partition) {
          partition = null;
        }
      }
    }
  }

  /** {@code fault} was applied to every link of every node ({@code EmbeddedNetwork.AllLinks}). */
  void onAllLinks(LinkFault fault) {
    if (fault instanceof LinkFault.Heal) {
      healed();
    } else if (fault instanceof LinkFault.Clear c) {
      if (c.kind().equals("partition")) {
        everyLink.remove("partition");
        partition = null;
      } else {
        everyLink.remove(c.kind());
      }
    } else {
      everyLink.put(new Fault.Link(fault).kind(), fault);
    }
  }

  /** Whether nodes {@code a} and {@code b} are on different sides of the partition in force. */
  boolean cut(int a, int b) {
    if (partition == null) {
      return false;
    }
    Integer ga = groupOf(a);
    Integer gb = groupOf(b);
    return ga == null || gb == null || !ga.equals(gb);
  }

  private Integer groupOf(int node) {
    for (int g = 0; g < partition.size(); g++) {
      if (partition.get(g).contains(node)) {
        return g;
      }
    }
    return null;
  }

  /**
   * Applies what is in force to the links between {@code restarted} and each live peer, both ways. Call after the
   * {@code Connect}s: a guardian handles its messages in order, so the links exist by then.
   */
  void reapply(int restarted, ActorRef<NodeGuardian.Command> node, Map<Integer, ActorRef<NodeGuardian.Command>> peers) {
    for (Map.Entry<Integer, ActorRef<NodeGuardian.Command>> p : peers.entrySet()) {
      int peer = p.getKey();
      if (peer == restarted) {
        continue;
      }
      for (LinkFault f : everyLink.values()) {
        node.tell(new NodeGuardian.ApplyLinkFault(peer, f));
        p.getValue().tell(new NodeGuardian.ApplyLinkFault(restarted, f));
      }
      if (cut(restarted, peer)) {
        node.tell(new NodeGuardian.ApplyLinkFault(peer, new LinkFault.Partition()));
        p.getValue().tell(new NodeGuardian.ApplyLinkFault(restarted, new LinkFault.Partition()));
      }
    }
  }
}
