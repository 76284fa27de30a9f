package io.actorchain.node.fault;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import io.actorchain.node.net.CborSerializable;
import io.actorchain.node.net.LinkFault;
import java.util.List;
import java.util.Locale;
import java.util.TreeSet;

/**
 * A fault to inject into a running network (ARCHITECTURE.md, "Faults"): one value, whichever way it comes in (a
 * scenario file, a node's {@code InjectFault}, a TestKit {@code SimNetwork}). Each kind is a behaviour swapped into the
 * actor concerned; this is only the description of what to swap in. Crosses processes, so cluster peers can route it.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "kind")
@JsonSubTypes({
  @JsonSubTypes.Type(value = Fault.Offline.class, name = "offline"),
  @JsonSubTypes.Type(value = Fault.DoubleVote.class, name = "double-vote"),
  @JsonSubTypes.Type(value = Fault.SurroundVote.class, name = "surround-vote"),
  @JsonSubTypes.Type(value = Fault.DoubleProposal.class, name = "double-proposal"),
  @JsonSubTypes.Type(value = Fault.Late.class, name = "late"),
  @JsonSubTypes.Type(value = Fault.Crash.class, name = "crash"),
  @JsonSubTypes.Type(value = Fault.PrivateChain.class, name = "private-chain"),
  @JsonSubTypes.Type(value = Fault.SelfishMining.class, name = "selfish-mining"),
  @JsonSubTypes.Type(value = Fault.Link.class, name = "link"),
  @JsonSubTypes.Type(value = Fault.Partition.class, name = "partition"),
})
public sealed interface Fault extends CborSerializable {

  /** The kind as scenario files name it (SIMULATION.md): {@code double-vote}, {@code latency}, … */
  @JsonIgnore
  String kind();

  /** One line for logs and replies, e.g. {@code "late v4 by 3000 ms"}. */
  @JsonIgnore
  String describe();

  /** A fault of one validator, swapped into the ValidatorActor that hosts it. */
  sealed interface ValidatorFault extends Fault {
    String validator();
  }

  /** A fault of one node, named by its index. */
  sealed interface NodeFault extends Fault {
    int node();
  }

  /** A proof-of-work fault of one node's miners: its mined blocks are withheld and released by a policy. */
  sealed interface PowFault extends NodeFault {}

  /** Skips every duty: no proposals, no attestations. */
  record Offline(String validator) implements ValidatorFault {
    @Override
    public String kind() {
      return "offline";
    }

    @Override
    public String describe() {
      return "offline " + validator;
    }
  }

  /** At each attestation duty, also signs a second, conflicting attestation for the same target epoch. */
  record DoubleVote(String validator) implements ValidatorFault {
    @Override
    public String kind() {
      return "double-vote";
    }

    @Override
    public String describe() {
      return "double-vote " + validator;
    }
  }

  /** At each attestation duty, signs a vote that surrounds (or is surrounded by) one it signed before. */
  record SurroundVote(String validator) implements ValidatorFault {
    @Override
    public String kind() {
      return "surround-vote";
    }

    @Override
    public String describe() {
      return "surround-vote " + validator;
    }
  }

  /** At each proposal duty, signs two different blocks for the slot and sends both. */
  record DoubleProposal(String validator) implements ValidatorFault {
    @Override
    public String kind() {
      return "double-proposal";
    }

    @Override
    public String describe() {
      return "double-proposal " + validator;
    }
  }

  /** Holds each block and attestation back for {@code delayMillis} before sending it. */
  record Late(String validator, long delayMillis) implements ValidatorFault {
    @Override
    public String kind() {
      return "late";
    }

    @Override
    public String describe() {
      return "late " + validator + " by " + delayMillis + " ms";
    }
  }

  /** The node stops, and restarts from its data when cleared. */
  record Crash(int node) implements NodeFault {
    @Override
    public String kind() {
      return "crash";
    }

    @Override
    public String describe() {
      return "crash node " + node;
    }
  }

  /**
   * The node's miners mine on their own chain and withhold it, then publish all of it at {@code release} (or when the
   * fault is cleared, if {@code release} is null): a 51% attack when their hashrate share is large.
   */
  record PrivateChain(int node, Release release) implements PowFault {
    @Override
    public String kind() {
      return "private-chain";
    }

    @Override
    public String describe() {
      return "private-chain on node " + node + (release == null ? ", released when cleared" : ", released at " + release);
    }
  }

  /** The node's miners mine selfishly (Eyal and Sirer): they withhold, and publish to race when the others catch up. */
  record SelfishMining(int node) implements PowFault {
    @Override
    public String kind() {
      return "selfish-mining";
    }

    @Override
    public String describe() {
      return "selfish-mining on node " + node;
    }
  }

  /**
   * A link fault ({@code latency}, {@code loss}, {@code partition} from every peer, {@code heal}) on every link of the
   * node it is sent to, or of every node when sent to a network.
   */
  record Link(LinkFault fault) implements Fault {
    @Override
    public String kind() {
      if (fault instanceof LinkFault.Latency) {
        return "latency";
      } else if (fault instanceof LinkFault.Loss) {
        return "loss";
      } else if (fault instanceof LinkFault.Partition) {
        return "partition";
      } else if (fault instanceof LinkFault.Heal) {
        return "heal";
      }
      return "clear";
    }

    @Override
    public String describe() {
      if (fault instanceof LinkFault.Latency l) {
        return "latency " + l.meanMillis() + " ± " + l.jitterMillis() + " ms";
      } else if (fault instanceof LinkFault.Loss l) {
        return "loss " + l.probability();
      }
      return kind();
    }
  }

  /** Cuts every link between different groups of nodes; a node in no group is cut from everyone. */
  record Partition(List<List<Integer>> groups) implements Fault {
    public Partition {
      groups = groups == null ? null : groups.stream().map(g -> g == null ? null : List.copyOf(g)).toList();
    }

    @Override
    public String kind() {
      return "partition";
    }

    @Override
    public String describe() {
      return "partition " + groups;
    }

    /** The group holding {@code node}, or -1. */
    public int groupOf(int node) {
      for (int g = 0; g < groups.size(); g++) {
        if (groups.get(g).contains(node)) {
          return g;
        }
      }
      return -1;
    }
  }

  /** When a private chain is published: once the node's head reaches a height, or at a second after genesis. */
  record Release(Unit unit, long value) implements CborSerializable {
    public enum Unit { HEIGHT, SECOND }

    @Override
    public String toString() {
      return unit.name().toLowerCase(Locale.ROOT) + " " + value;
    }
  }

  /**
   * Throws IllegalArgumentException naming what is wrong, so that a bad fault never reaches an actor. Names (which
   * validators and nodes exist) are checked by whoever routes the fault.
   */
  static void validate(Fault fault) {
    if (fault == null) {
      throw new IllegalArgumentException("no fault given");
    } else if (fault instanceof ValidatorFault v) {
      if (v.validator() == null || v.validator().isBlank()) {
        throw new IllegalArgumentException(v.kind() + " needs a validator name");
      }
      if (v instanceof Late l && l.delayMillis() <= 0) {
        throw new IllegalArgumentException("late needs a positive delay, got " + l.delayMillis() + " ms");
      }
    } else if (fault instanceof NodeFault n) {
      if (n.node() < 0) {
        throw new IllegalArgumentException(n.kind() + " needs a node index ≥ 0, got " + n.node());
      }
      if (n instanceof PrivateChain p && p.release() != null && (p.release().unit() == null || p.release().value() < 0)) {
        throw new IllegalArgumentException("private-chain release must be \"height H\" or \"second T\" with H, T ≥ 0, got "
            + p.release());
      }
    } else if (fault instanceof Link l) {
      if (l.fault() == null || l.fault() instanceof LinkFault.Clear) {
        throw new IllegalArgumentException("a link fault is latency, loss, partition or heal; to end one, clear it");
      }
      LinkFault.validate(l.fault());
    } else if (fault instanceof Partition p) {
      validateGroups(p.groups());
    }
  }

  private static void validateGroups(List<List<Integer>> groups) {
    if (groups == null || groups.isEmpty()) {
      throw new IllegalArgumentException("partition needs groups of node indices, e.g. [[0, 1], [2, 3]]");
    }
    TreeSet<Integer> seen = new TreeSet<>();
    for (List<Integer> g : groups) {
      if (g == null) {
        throw new IllegalArgumentException("partition groups are lists of node indices, got null");
      }
      for (Integer n : g) {
        if (n == null || n < 0) {
          throw new IllegalArgumentException("partition groups name nodes by index ≥ 0, got " + n);
        }
        if (!seen.add(n)) {
          throw new IllegalArgumentException("node " + n + " is in two partition groups");
        }
      }
    }
  }
}
