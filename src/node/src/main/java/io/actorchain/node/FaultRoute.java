package io.actorchain.node;

import io.actorchain.node.FaultDesk.NodeAnswer;
import io.actorchain.node.FaultDesk.Outcome;
import io.actorchain.node.FaultDesk.Verdict;
import io.actorchain.node.fault.Fault;
import io.actorchain.node.net.LocalOnly;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;

/**
 * One {@link FaultDesk.Route}, for as long as it takes (ARCHITECTURE.md, "Faults"): each fault goes to the nodes
 * concerned, and their answers come back as one {@link FaultDesk.RouteAnswer}. A validator fault goes to this node if it
 * hosts the validator, else to every peer, and the one that hosts it answers (the others say it is not theirs); a node
 * fault goes to that node; a link fault or a partition to every node, each of which cuts or slows its own links.
 */
final class FaultRoute {
  /** How long a node has to answer; a silent one is named in the answer. */
  static final Duration TIMEOUT = Duration.ofSeconds(5);

  interface Command extends LocalOnly {}

  private record Answered(int part, int node, NodeAnswer answer, Throwable failure) implements Command {}

  /** One fault of the route: where it went, and what came back. */
  private static final class Part {
    final Fault fault;
    /** Only the node that has it answers for it (a validator or node fault), or every node must take it. */
    final boolean one;
    final List<Integer> targets = new ArrayList<>();
    final Map<Integer, NodeAnswer> answers = new TreeMap<>();
    final List<Integer> silent = new ArrayList<>();
    Verdict verdict;
    String detail;

    Part(Fault fault) {
      this.fault = fault;
      this.one = fault instanceof Fault.ValidatorFault || fault instanceof Fault.NodeFault;
    }

    void decide(Verdict v, String d) {
      verdict = v;
      detail = d;
    }
  }

  private FaultRoute() {}

  static Behavior<Command> create(FaultDesk.Route route, int self, List<String> hostedHere,
      Map<Integer, ActorRef<NodeGuardian.Command>> nodes) {
    return Behaviors.setup(ctx -> {
      List<Part> parts = new ArrayList<>();
      for (Fault fault : route.faults()) {
        Part part = new Part(fault);
        parts.add(part);
        String bad = problem(fault, route.inject(), nodes);
        if (bad != null) {
          part.decide(Verdict.BAD_REQUEST, bad);
          continue;
        }
        part.targets.addAll(targets(fault, self, hostedHere, nodes));
        if (part.targets.isEmpty()) {
          part.decide(Verdict.NOT_FOUND, notFound(part, route.inject()) + " (node " + self + " has no peers)");
        }
        int index = parts.size() - 1;
        for (int target : part.targets) {
          ctx.ask(NodeAnswer.class, nodes.get(target), TIMEOUT,
              r -> route.inject() ? new FaultDesk.Hold(fault, route.untilMillis(), r) : new FaultDesk.Release(fault, r),
              (answer, failure) -> new Answered(index, target, answer, failure));
        }
      }
      return settled(ctx, route, parts) ? Behaviors.stopped() : Behaviors.receive(Command.class)
          .onMessage(Answered.class, a -> onAnswered(ctx, route, parts, a))
          .build();
    });
  }

  private static Behavior<Command> onAnswered(ActorContext<Command> ctx, FaultDesk.Route route, List<Part> parts,
      Answered a) {
    Part part = parts.get(a.part());
    if (part.verdict != null) {
      return Behaviors.same(); // the node that has it answered already
    }
    if (a.answer() != null) {
      part.answers.put(a.node(), a.answer());
    } else {
      part.silent.add(a.node());
    }
    if (part.one && a.answer() != null && a.answer().outcome() != Outcome.NOT_HERE) {
      part.decide(a.answer().outcome() == Outcome.ACCEPTED ? Verdict.ACCEPTED : Verdict.REFUSED, a.answer().detail());
    } else if (part.answers.size() + part.silent.size() == part.targets.size()) {
      decideWhenAllAnswered(part, route.inject());
    }
    return settled(ctx, route, parts) ? Behaviors.stopped() : Behaviors.same();
  }

  private static void decideWhenAllAnswered(Part part, boolean inject) {
    List<Integer> accepted = nodesWith(part, Outcome.ACCEPTED);
    List<NodeAnswer> refused = part.answers.values().stream().filter(a -> a.outcome() == Outcome.REFUSED).toList();
    String silent = part.silent.isEmpty() ? "" : "; " + nodeList(part.silent) + " did not answer within "
        + TIMEOUT.toSeconds() + " s";
    if (!refused.isEmpty()) {
      part.decide(Verdict.REFUSED, "node " + refused.get(0).node() + " refused: " + refused.get(0).detail()
          + (accepted.isEmpty() ? "" : "; accepted by " + nodeList(accepted)) + silent);
    } else if (!part.silent.isEmpty()) {
      String done = accepted.isEmpty() ? notFound(part, inject) + " among those that answered"
          : describe(part, inject) + " on " + nodeList(accepted);
      part.decide(Verdict.UNAVAILABLE, done + silent);
    } else if (accepted.isEmpty()) {
      part.decide(Verdict.NOT_FOUND, notFound(part, inject) + " (asked " + nodeList(part.targets) + ")");
    } else {
      part.decide(Verdict.ACCEPTED, describe(part, inject) + " on " + nodeList(accepted));
    }
  }

  /** True once every part is decided; then the answer has gone to the caller. */
  private static boolean settled(ActorContext<Command> ctx, FaultDesk.Route route, List<Part> parts) {
    if (parts.stream().anyMatch(p -> p.verdict == null)) {
      return false;
    }
    Verdict verdict = Verdict.ACCEPTED;
    for (Verdict worst : List.of(Verdict.BAD_REQUEST, Verdict.NOT_FOUND, Verdict.REFUSED, Verdict.UNAVAILABLE)) {
      if (parts.stream().anyMatch(p -> p.verdict == worst)) {
        verdict = worst;
        break;
      }
    }
    List<NodeAnswer> answers = new ArrayList<>();
    parts.forEach(p -> answers.addAll(p.answers.values()));
    String detail = parts.stream().map(p -> p.detail).collect(Collectors.joining("; "));
    ctx.getLog().info("{} of {}: {}: {}", route.inject() ? "injection" : "clear", route.faults().size() == 1
        ? route.faults().get(0).kind() : route.faults().size() + " faults", verdict, detail);
    route.replyTo().tell(new FaultDesk.RouteAnswer(verdict, detail, answers));
    return true;
  }

  /** Why {@code fault} cannot be routed: it is invalid, or names a node that is neither this one nor a peer. */
  private static String problem(Fault fault, boolean inject, Map<Integer, ActorRef<NodeGuardian.Command>> nodes) {
    if (inject) {
      try {
        Fault.validate(fault);
      } catch (IllegalArgumentException e) {
        return e.getMessage();
      }
    }
    List<Integer> named = new ArrayList<>();
    if (fault instanceof Fault.NodeFault n) {
      named.add(n.node());
    } else if (fault instanceof Fault.Partition p && inject) {
      p.groups().forEach(named::addAll);
    }
    for (int n : named) {
      if (!nodes.containsKey(n)) {
        return "unknown node " + n + "; the nodes are " + nodes.keySet().stream().map(String::valueOf)
            .collect(Collectors.joining(", ")) + " (this node and the peers it is linked to)";
      }
    }
    return null;
  }

  private static List<Integer> targets(Fault fault, int self, List<String> hostedHere,
      Map<Integer, ActorRef<NodeGuardian.Command>> nodes) {
    if (fault instanceof Fault.ValidatorFault v) {
      return hostedHere.contains(v.validator()) ? List.of(self)
          : nodes.keySet().stream().filter(n -> n != self).toList();
    } else if (fault instanceof Fault.NodeFault n) {
      return List.of(n.node());
    }
    return List.copyOf(nodes.keySet());
  }

  private static String notFound(Part part, boolean inject) {
    if (inject && part.fault instanceof Fault.ValidatorFault v) {
      return "validator " + v.validator() + " is not hosted on any node";
    }
    return "no " + FaultDesk.subjectOf(part.fault) + " is active on any node";
  }

  private static String describe(Part part, boolean inject) {
    return inject ? part.fault.describe() : FaultDesk.subjectOf(part.fault) + " cleared";
  }

  private static List<Integer> nodesWith(Part part, Outcome outcome) {
    return part.answers.values().stream().filter(a -> a.outcome() == outcome).map(NodeAnswer::node).toList();
  }

  private static String nodeList(List<Integer> ids) {
    return (ids.size() == 1 ? "node " : "nodes ") + ids.stream().map(String::valueOf).collect(Collectors.joining(", "));
  }
}
