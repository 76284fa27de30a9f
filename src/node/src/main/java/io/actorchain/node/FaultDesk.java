package io.actorchain.node;

import io.actorchain.node.fault.Fault;
import io.actorchain.node.fault.FaultReply;
import io.actorchain.node.net.CborSerializable;
import io.actorchain.node.net.LinkFault;
import io.actorchain.node.net.LocalOnly;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.pekko.actor.Cancellable;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.javadsl.ActorContext;

/**
 * The faults injected at runtime through a node's API (ARCHITECTURE.md, "Faults"): {@link Route} sends them to the
 * nodes concerned anywhere in the cluster ({@link FaultRoute}); on each of those, {@link Hold} injects one through the
 * node's own {@code InjectFault} path, keeps it as active, and clears it when its {@code until} elapses on the node's
 * timers. A plain helper its {@link NodeGuardian} owns; it runs only on the guardian's turn.
 */
public final class FaultDesk {
  /** How long the node's own actors have to say whether they took a fault. */
  static final Duration LOCAL_TIMEOUT = Duration.ofSeconds(3);

  /** The desk's part of the guardian's protocol. */
  public sealed interface Command extends NodeGuardian.Command {}

  /**
   * From this node's API: inject ({@code inject}) or clear {@code faults} wherever they belong, a validator fault on
   * the node hosting it, a node fault on that node, a link fault or partition on every node; clear each after
   * {@code untilMillis} when given. The answer names the nodes that took each.
   */
  public record Route(List<Fault> faults, boolean inject, Long untilMillis, ActorRef<RouteAnswer> replyTo)
      implements Command, LocalOnly {
    public Route {
      faults = List.copyOf(faults);
    }
  }

  /** Inject {@code fault} here and hold it as active; clear it after {@code untilMillis} if not null. */
  public record Hold(Fault fault, Long untilMillis, ActorRef<NodeAnswer> replyTo) implements Command, CborSerializable {}

  /** End the fault held here that {@code fault} names (its kind, and its validator or node), whatever its values. */
  public record Release(Fault fault, ActorRef<NodeAnswer> replyTo) implements Command, CborSerializable {}

  /** The faults held here. */
  public record GetActive(ActorRef<ActiveFaults> replyTo) implements Command, CborSerializable {}

  public record ActiveFaults(int node, List<ActiveFault> faults) implements CborSerializable {
    public ActiveFaults {
      faults = List.copyOf(faults);
    }
  }

  /** A fault held on a node since {@code sinceMillis} (its clock), until {@code untilMillis} or until cleared. */
  public record ActiveFault(Fault fault, long sinceMillis, Long untilMillis) implements CborSerializable {}

  /** What one node did with a {@link Hold} or {@link Release}. */
  public enum Outcome {
    ACCEPTED,
    REFUSED,
    /** Not this node's to take: it does not host the validator, or holds no such fault. */
    NOT_HERE
  }

  public record NodeAnswer(int node, Outcome outcome, String detail) implements CborSerializable {}

  /** How a {@link Route} ended; the API maps it to a status code. */
  public enum Verdict { ACCEPTED, BAD_REQUEST, NOT_FOUND, REFUSED, UNAVAILABLE }

  /** The answer to a {@link Route}: one line, and each node's answer. */
  public record RouteAnswer(Verdict verdict, String detail, List<NodeAnswer> answers) implements LocalOnly {
    public RouteAnswer {
      answers = List.copyOf(answers);
    }

    /** The nodes that took the faults, in ascending order. */
    public List<Integer> acceptedBy() {
      return answers.stream().filter(a -> a.outcome() == Outcome.ACCEPTED).map(NodeAnswer::node).distinct().sorted()
          .toList();
    }
  }

  private record Injected(Hold hold, FaultReply reply, Throwable failure) implements Command, LocalOnly {}

  private record Cleared(Release release, Held held, FaultReply reply, Throwable failure) implements Command, LocalOnly {}

  private record UntilDue(String key, long generation) implements Command, LocalOnly {}

  /** A fault held here; {@code timer} clears it at its {@code until}. */
  private record Held(ActiveFault active, long generation, Cancellable timer) {}

  private final ActorContext<NodeGuardian.Command> ctx;
  private final NodeContext node;
  private final NodeSpec spec;
  private final PeerLinks peers;
  /** By {@link #keyOf}, so iteration (the listing) is in key order. */
  private final Map<String, Held> held = new TreeMap<>();
  private long generations;

  FaultDesk(ActorContext<NodeGuardian.Command> ctx, NodeContext node, NodeSpec spec, PeerLinks peers) {
    this.ctx = ctx;
    this.node = node;
    this.spec = spec;
    this.peers = peers;
  }

  void on(Command c) {
    if (c instanceof Route r) {
      onRoute(r);
    } else if (c instanceof Hold h) {
      onHold(h);
    } else if (c instanceof Injected i) {
      onInjected(i);
    } else if (c instanceof Release r) {
      onRelease(r);
    } else if (c instanceof Cleared cl) {
      onCleared(cl);
    } else if (c instanceof UntilDue u) {
      onUntilDue(u);
    } else if (c instanceof GetActive g) {
      List<ActiveFault> out = new ArrayList<>();
      held.values().forEach(h -> out.add(h.active()));
      g.replyTo().tell(new ActiveFaults(node.nodeId(), out));
    } else {
      throw new IllegalStateException("unhandled fault desk message " + c);
    }
  }

  /** What a fault is held under: one behaviour per validator and kind, one per node, one per link-fault kind. */
  public static String keyOf(Fault fault) {
    if (fault instanceof Fault.ValidatorFault v) {
      return v.kind() + " " + v.validator();
    } else if (fault instanceof Fault.NodeFault n) {
      return n.kind() + " node " + n.node();
    }
    return fault.kind();
  }

  /** The fault as a clear names it, without its values: {@code late fault of validator v4}, {@code partition fault}. */
  public static String subjectOf(Fault fault) {
    if (fault instanceof Fault.ValidatorFault v) {
      return v.kind() + " fault of validator " + v.validator();
    } else if (fault instanceof Fault.NodeFault n) {
      return n.kind() + " fault of node " + n.node();
    }
    return fault.kind() + " fault";
  }

  private void onRoute(Route r) {
    Map<Integer, ActorRef<NodeGuardian.Command>> nodes = new TreeMap<>();
    nodes.put(node.nodeId(), ctx.getSelf());
    for (int peer : peers.ids()) {
      peers.guardianOf(peer).ifPresent(ref -> nodes.put(peer, ref));
    }
    ctx.spawnAnonymous(FaultRoute.create(r, node.nodeId(), spec.validators(), nodes));
  }

  private void onHold(Hold h) {
    Fault fault = h.fault();
    if (fault instanceof Fault.ValidatorFault v && !spec.validators().contains(v.validator())) {
      answer(h.replyTo(), Outcome.NOT_HERE, "validator " + v.validator() + " is not hosted on node " + node.nodeId());
      return;
    }
    if (fault instanceof Fault.NodeFault n && n.node() != node.nodeId()) {
      answer(h.replyTo(), Outcome.NOT_HERE, fault.kind() + " names node " + n.node() + "; this is node " + node.nodeId());
      return;
    }
    Held before = held.get(keyOf(fault));
    if (fault instanceof Fault.Partition && before != null) {
      // A new partition replaces the old one: its cut links must not stay cut.
      ctx.getSelf().tell(new NodeGuardian.ClearFault(before.active().fault(), null));
    }
    ctx.ask(FaultReply.class, ctx.getSelf(), LOCAL_TIMEOUT, r -> new NodeGuardian.InjectFault(fault, r),
        (reply, failure) -> new Injected(h, reply, failure));
  }

  private void onInjected(Injected i) {
    if (i.reply() == null || !i.reply().accepted()) {
      answer(i.hold().replyTo(), Outcome.REFUSED, i.reply() != null ? i.reply().detail()
          : "node " + node.nodeId() + " did not take " + i.hold().fault().describe() + " in time: " + i.failure());
      return;
    }
    Fault fault = i.hold().fault();
    if (fault instanceof Fault.Link l && l.fault() instanceof LinkFault.Heal) {
      List.of("partition", "latency", "loss").forEach(kind -> drop(kind)); // a heal ends every link fault
    } else {
      hold(fault, i.hold().untilMillis());
    }
    Long until = i.hold().untilMillis();
    node.emit("fault_injected", "kind", fault.kind(), "fault", fault.describe(), "untilMillis", until);
    answer(i.hold().replyTo(), Outcome.ACCEPTED, i.reply().detail() + (until == null ? "" : ", cleared in " + until
        + " ms"));
  }

  /** Holds {@code fault}, replacing what it supersedes: a validator or a node has one fault behaviour at a time. */
  private void hold(Fault fault, Long untilMillis) {
    for (Map.Entry<String, Held> e : List.copyOf(held.entrySet())) {
      Fault old = e.getValue().active().fault();
      boolean sameValidator = fault instanceof Fault.ValidatorFault v && old instanceof Fault.ValidatorFault o
          && v.validator().equals(o.validator());
      boolean sameMiners = fault instanceof Fault.PowFault && old instanceof Fault.PowFault;
      if (sameValidator || sameMiners || e.getKey().equals(keyOf(fault))) {
        drop(e.getKey());
      }
    }
    long generation = ++generations;
    String key = keyOf(fault);
    long now = node.clock().nowMillis();
    Cancellable timer = untilMillis == null ? null
        : ctx.scheduleOnce(Duration.ofMillis(untilMillis), ctx.getSelf(), new UntilDue(key, generation));
    held.put(key, new Held(new ActiveFault(fault, now, untilMillis == null ? null : now + untilMillis), generation,
        timer));
  }

  private void drop(String key) {
    Held h = held.remove(key);
    if (h != null && h.timer() != null) {
      h.timer().cancel();
    }
  }

  private void onRelease(Release r) {
    Held h = held.get(keyOf(r.fault()));
    if (h == null) {
      answer(r.replyTo(), Outcome.NOT_HERE, "no " + subjectOf(r.fault()) + " is active on node " + node.nodeId());
      return;
    }
    Fault fault = h.active().fault();
    ctx.ask(FaultReply.class, ctx.getSelf(), LOCAL_TIMEOUT, reply -> new NodeGuardian.ClearFault(fault, reply),
        (reply, failure) -> new Cleared(r, h, reply, failure));
  }

  private void onCleared(Cleared c) {
    Fault fault = c.held().active().fault();
    if (c.reply() == null || !c.reply().accepted()) {
      answer(c.release().replyTo(), Outcome.REFUSED, c.reply() != null ? c.reply().detail()
          : "node " + node.nodeId() + " did not clear " + fault.describe() + " in time: " + c.failure());
      return;
    }
    String key = keyOf(fault);
    if (held.get(key) == c.held()) {
      drop(key);
    }
    node.emit("fault_cleared", "kind", fault.kind(), "fault", fault.describe(), "reason", "api");
    answer(c.release().replyTo(), Outcome.ACCEPTED, c.reply().detail());
  }

  private void onUntilDue(UntilDue u) {
    Held h = held.get(u.key());
    if (h == null || h.generation() != u.generation()) {
      return; // cleared or replaced since
    }
    held.remove(u.key());
    Fault fault = h.active().fault();
    ctx.getLog().info("node {}: {} ends: its until elapsed", node.nodeId(), fault.describe());
    ctx.getSelf().tell(new NodeGuardian.ClearFault(fault, null));
    node.emit("fault_cleared", "kind", fault.kind(), "fault", fault.describe(), "reason", "until");
  }

  private void answer(ActorRef<NodeAnswer> replyTo, Outcome outcome, String detail) {
    ctx.getLog().info("node {}: fault {}: {}", node.nodeId(), outcome.name().toLowerCase(java.util.Locale.ROOT), detail);
    replyTo.tell(new NodeAnswer(node.nodeId(), outcome, detail));
  }
}
