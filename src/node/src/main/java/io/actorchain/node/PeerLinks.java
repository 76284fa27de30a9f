package io.actorchain.node;

import io.actorchain.core.codec.Hash32;
import io.actorchain.node.chain.SyncActor;
import io.actorchain.node.net.PeerLinkActor;
import io.actorchain.node.net.Wire;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.SupervisorStrategy;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;

/**
 * A {@link NodeGuardian}'s links: one {@link PeerLinkActor} per peer (restarted with backoff), each peer's guardian,
 * and the peers refused for a different genesis, which are never linked again. A plain helper the guardian owns; it
 * runs only on the guardian's turn.
 */
final class PeerLinks {
  private final ActorContext<NodeGuardian.Command> ctx;
  private final NodeContext node;
  private final NodeSpec spec;
  private final ActorRef<SyncActor.Command> sync;
  private final Map<Integer, ActorRef<PeerLinkActor.Command>> links = new TreeMap<>();
  private final Map<Integer, ActorRef<NodeGuardian.Command>> guardians = new TreeMap<>();
  /** Only ever asked whether it contains a ref; never iterated. */
  private final Set<ActorRef<NodeGuardian.Command>> refused = new HashSet<>();
  /** The peers whose last Hello did not match our genesis (cluster mode); only asked, never iterated. */
  private final Set<Integer> mismatched = new HashSet<>();
  /** Votes flooded in this instant, per peer, sent on at its end by {@link #flushVotes}. */
  private final Map<Integer, List<PeerLinkActor.Send>> votesDue = new TreeMap<>();
  private final Runnable flushAtEndOfInstant;

  /**
   * @param flushAtEndOfInstant asks the guardian to call {@link #flushVotes} once the work queued in this instant is
   *     done (a timer due now: in virtual time it fires when nothing else is left at this time)
   */
  PeerLinks(ActorContext<NodeGuardian.Command> ctx, NodeContext node, NodeSpec spec, ActorRef<SyncActor.Command> sync,
      Runnable flushAtEndOfInstant) {
    this.ctx = ctx;
    this.node = node;
    this.spec = spec;
    this.sync = sync;
    this.flushAtEndOfInstant = flushAtEndOfInstant;
  }

  /** Closes the links to the peers that are no longer listed. */
  void closeUnlisted(Set<Integer> listed) {
    for (Integer gone : new ArrayList<>(guardians.keySet())) {
      if (!listed.contains(gone)) {
        close(gone);
        node.emit("peer_unlinked", "peer", gone);
        ctx.getLog().info("node {}: node {} left; link closed", node.nodeId(), gone);
      }
    }
  }

  /** Opens a link to {@code ref} unless it is this node, already linked, not allowed or refused; true if opened. */
  boolean open(int peerId, ActorRef<NodeGuardian.Command> ref) {
    if (!spec.mayLinkTo(peerId) || ref.equals(guardians.get(peerId)) || refused.contains(ref)) {
      return false;
    }
    ActorRef<PeerLinkActor.Command> old = links.remove(peerId);
    if (old != null) {
      ctx.stop(old); // the peer restarted: a new incarnation gets a new link
    }
    guardians.put(peerId, ref);
    Behavior<PeerLinkActor.Command> link = Behaviors.supervise(
            PeerLinkActor.create(node, peerId, ref, (PeerLinkActor.Envelope<NodeGuardian.Command>) NodeGuardian.FromPeer::new))
        .onFailure(SupervisorStrategy.restartWithBackoff(Duration.ofMillis(200), Duration.ofSeconds(5), 0.0));
    links.put(peerId, ctx.spawnAnonymous(link));
    sync.tell(new SyncActor.PeersChanged(ids()));
    node.emit("peer_linked", "peer", peerId);
    ctx.getLog().info("node {}: linked to node {} at {}", node.nodeId(), peerId, ref.path().address());
    return true;
  }

  /** Closes the link to {@code peerId}, which went down (a crashed node); a restarted one is linked again. */
  void disconnect(int peerId) {
    if (guardians.containsKey(peerId)) {
      close(peerId);
      node.emit("peer_unlinked", "peer", peerId);
      ctx.getLog().info("node {}: node {} is down; link closed", node.nodeId(), peerId);
    }
  }

  /** Closes the link to {@code peerId} and never links to that incarnation again. */
  void refuse(int peerId) {
    ActorRef<NodeGuardian.Command> ref = guardians.get(peerId);
    if (ref != null) {
      refused.add(ref);
      close(peerId);
    }
  }

  /** Peer {@code peerId}'s Hello matched ({@code true}) or did not match ours. */
  void greeted(int peerId, boolean matched) {
    if (matched) {
      mismatched.remove(peerId);
    } else {
      mismatched.add(peerId);
    }
  }

  /**
   * Whether {@code peerId}'s last Hello did not match ours: then nothing else it sends is let in, even after it is
   * refused and gone, until a Hello from that id matches (a new process under that id, started right).
   */
  boolean isMismatched(int peerId) {
    return mismatched.contains(peerId);
  }

  private void close(int peerId) {
    guardians.remove(peerId);
    ActorRef<PeerLinkActor.Command> l = links.remove(peerId);
    if (l != null) {
      ctx.stop(l);
    }
    sync.tell(new SyncActor.PeersChanged(ids()));
  }

  Optional<ActorRef<NodeGuardian.Command>> guardianOf(int peerId) {
    return Optional.ofNullable(guardians.get(peerId));
  }

  Collection<ActorRef<NodeGuardian.Command>> guardians() {
    return List.copyOf(guardians.values());
  }

  Optional<ActorRef<PeerLinkActor.Command>> linkTo(int peerId) {
    return Optional.ofNullable(links.get(peerId));
  }

  List<Integer> ids() {
    return List.copyOf(links.keySet());
  }

  Map<Integer, ActorRef<PeerLinkActor.Command>> snapshot() {
    return Collections.unmodifiableMap(new TreeMap<>(links));
  }

  void send(int peer, Wire payload, Hash32 id) {
    ActorRef<PeerLinkActor.Command> l = links.get(peer);
    if (l != null) {
      l.tell(new PeerLinkActor.Send(payload, id));
    }
  }

  /**
   * Offers {@code payload} to every link but {@code exceptPeer}'s. A vote waits for the end of the instant, so that all
   * the votes this node publishes together cross each link as one message.
   */
  void flood(Wire payload, Hash32 id, int exceptPeer) {
    boolean vote = payload instanceof Wire.AttestationGossip;
    if (vote && votesDue.isEmpty() && !links.isEmpty()) {
      flushAtEndOfInstant.run();
    }
    PeerLinkActor.Send send = new PeerLinkActor.Send(payload, id); // immutable: one for every link
    for (Map.Entry<Integer, ActorRef<PeerLinkActor.Command>> e : links.entrySet()) {
      if (e.getKey() != exceptPeer) {
        if (vote) {
          votesDue.computeIfAbsent(e.getKey(), k -> new ArrayList<>()).add(send);
        } else {
          e.getValue().tell(send);
        }
      }
    }
  }

  /** Sends the votes flooded in this instant, one message per link (links closed since then get none). */
  void flushVotes() {
    votesDue.forEach((peer, votes) -> {
      ActorRef<PeerLinkActor.Command> l = links.get(peer);
      if (l != null) {
        l.tell(new PeerLinkActor.SendVotes(votes));
      }
    });
    votesDue.clear();
  }
}
