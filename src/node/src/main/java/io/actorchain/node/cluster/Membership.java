package io.actorchain.node.cluster;

import io.actorchain.node.net.LocalOnly;
import io.actorchain.node.NodeGuardian;
import io.actorchain.node.NodeSpec;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.apache.pekko.actor.Address;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.AbstractBehavior;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.javadsl.Receive;
import org.apache.pekko.actor.typed.receptionist.Receptionist;
import org.apache.pekko.cluster.ClusterEvent;
import org.apache.pekko.cluster.Member;
import org.apache.pekko.cluster.MemberStatus;
import org.apache.pekko.cluster.typed.Cluster;
import org.apache.pekko.cluster.typed.Subscribe;

/**
 * The cluster as this process sees it (ARCHITECTURE.md, "Network and process model"). It logs
 * membership events (up, unreachable, reachable, leaving, down, removed) and keeps, per member
 * address, the node id and NodeGuardian learned from the Receptionist. A removed member stays in
 * the view as {@code Removed}, with its node id, until a new incarnation joins at its address, so
 * {@code status} can still name a node that was killed.
 */
public final class Membership extends AbstractBehavior<Membership.Command> {

  /** Never leaves the process. */
  public sealed interface Command extends LocalOnly {}

  public record GetView(ActorRef<View> replyTo) implements Command {}

  /** One member, by Artery address {@code host:port}; {@code node} and {@code guardian} may be null. */
  public record MemberView(String address, Integer node, String member, ActorRef<NodeGuardian.Command> guardian) {}

  /** Members in ascending node id (unknown ids last), then address. */
  public record View(List<MemberView> members) implements LocalOnly {}

  private record MemberChanged(ClusterEvent.MemberEvent event) implements Command {}

  private record ReachabilityChanged(ClusterEvent.ReachabilityEvent event) implements Command {}

  private record Listing(Receptionist.Listing listing) implements Command {}

  /** What is known about one address. */
  private static final class Entry {
    Integer node;
    MemberStatus status;
    boolean unreachable;
    ActorRef<NodeGuardian.Command> guardian;
  }

  private final Address selfAddress;
  private final Map<String, Entry> byAddress = new TreeMap<>();

  public static Behavior<Command> create() {
    return Behaviors.setup(Membership::new);
  }

  private Membership(ActorContext<Command> ctx) {
    super(ctx);
    Cluster cluster = Cluster.get(ctx.getSystem());
    this.selfAddress = cluster.selfMember().address();
    cluster.subscriptions().tell(Subscribe.create(
        ctx.messageAdapter(ClusterEvent.MemberEvent.class, MemberChanged::new), ClusterEvent.MemberEvent.class));
    cluster.subscriptions().tell(Subscribe.create(
        ctx.messageAdapter(ClusterEvent.ReachabilityEvent.class, ReachabilityChanged::new),
        ClusterEvent.ReachabilityEvent.class));
    ctx.getSystem().receptionist().tell(Receptionist.subscribe(NodeGuardian.SERVICE_KEY,
        ctx.messageAdapter(Receptionist.Listing.class, Listing::new)));
  }

  @Override
  public Receive<Command> createReceive() {
    return newReceiveBuilder()
        .onMessage(MemberChanged.class, this::onMemberChanged)
        .onMessage(ReachabilityChanged.class, this::onReachabilityChanged)
        .onMessage(Listing.class, this::onListing)
        .onMessage(GetView.class, this::onGetView)
        .build();
  }

  /** {@code host:port} of an Artery address; a local address stands for this process's own. */
  public static String hostPort(Address address) {
    return address.getHost().isPresent()
        ? address.getHost().get() + ":" + address.getPort().orElse(0)
        : "local";
  }

  private String key(Address address) {
    return hostPort(address.hasLocalScope() ? selfAddress : address);
  }

  private Behavior<Command> onMemberChanged(MemberChanged m) {
    Member member = m.event().member();
    String address = key(member.address());
    Entry e = byAddress.computeIfAbsent(address, a -> new Entry());
    if (m.event() instanceof ClusterEvent.MemberJoined || m.event() instanceof ClusterEvent.MemberWeaklyUp) {
      e.unreachable = false; // a new incarnation at a known address
    }
    e.status = member.status();
    getContext().getLog().info("cluster: member {} {} ({})", address, describe(m.event()), nodeName(e));
    if (m.event() instanceof ClusterEvent.MemberRemoved) {
      e.guardian = null;
      e.unreachable = false;
    }
    return this;
  }

  private static String describe(ClusterEvent.MemberEvent event) {
    if (event instanceof ClusterEvent.MemberJoined) {
      return "joining";
    } else if (event instanceof ClusterEvent.MemberWeaklyUp) {
      return "weakly up";
    } else if (event instanceof ClusterEvent.MemberUp) {
      return "up";
    } else if (event instanceof ClusterEvent.MemberLeft) {
      return "leaving";
    } else if (event instanceof ClusterEvent.MemberExited) {
      return "exiting";
    } else if (event instanceof ClusterEvent.MemberDowned) {
      return "down";
    } else if (event instanceof ClusterEvent.MemberRemoved r) {
      return "removed (was " + r.previousStatus() + ")";
    }
    return "is " + event.member().status();
  }

  private Behavior<Command> onReachabilityChanged(ReachabilityChanged r) {
    String address = key(r.event().member().address());
    Entry e = byAddress.computeIfAbsent(address, a -> new Entry());
    if (e.status == null) {
      e.status = r.event().member().status();
    }
    if (r.event() instanceof ClusterEvent.UnreachableMember) {
      e.unreachable = true;
      getContext().getLog().warn("cluster: member {} unreachable ({})", address, nodeName(e));
    } else {
      e.unreachable = false;
      getContext().getLog().info("cluster: member {} reachable again ({})", address, nodeName(e));
    }
    return this;
  }

  private Behavior<Command> onListing(Listing l) {
    Set<String> listed = new HashSet<>();
    for (ActorRef<NodeGuardian.Command> ref : l.listing().getServiceInstances(NodeGuardian.SERVICE_KEY)) {
      String address = key(ref.path().address());
      int id = NodeSpec.idFromActorName(ref.path().name());
      Entry e = byAddress.computeIfAbsent(address, a -> new Entry());
      e.guardian = ref;
      if (id >= 0) {
        e.node = id;
      }
      listed.add(address);
    }
    for (Map.Entry<String, Entry> e : byAddress.entrySet()) {
      if (!listed.contains(e.getKey())) {
        e.getValue().guardian = null;
      }
    }
    return this;
  }

  private Behavior<Command> onGetView(GetView g) {
    List<MemberView> out = new ArrayList<>();
    for (Map.Entry<String, Entry> e : byAddress.entrySet()) {
      Entry v = e.getValue();
      if (v.status == null) {
        continue; // listed by the Receptionist but not (yet) seen as a member
      }
      out.add(new MemberView(e.getKey(), v.node, memberState(v), v.guardian));
    }
    out.sort((a, b) -> {
      if (a.node() != null && b.node() != null && !a.node().equals(b.node())) {
        return Integer.compare(a.node(), b.node());
      }
      if ((a.node() == null) != (b.node() == null)) {
        return a.node() == null ? 1 : -1;
      }
      return a.address().compareTo(b.address());
    });
    g.replyTo().tell(new View(List.copyOf(out)));
    return this;
  }

  /** The member's status name, or {@code Unreachable} while a live member cannot be reached. */
  static String memberState(Entry e) {
    String status = e.status.toString();
    boolean live = e.status != MemberStatus.down() && e.status != MemberStatus.removed();
    return e.unreachable && live ? "Unreachable" : status;
  }

  private static String nodeName(Entry e) {
    return e.node == null ? "node id not yet known" : "node " + e.node;
  }
}
