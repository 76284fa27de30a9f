package io.actorchain.node;

import java.util.Optional;

/**
 * What one {@link NodeGuardian} knows about the merge (CONSENSUS.md §4) besides what the chain decides: whether it
 * happened, and the height a {@code merge} command asked for. A plain helper the guardian owns.
 */
final class MergePlan {
  /** The terminal PoW height once merged, else -1. */
  private long mergedAt = -1;
  /** The height set by the merge command (here or forwarded by a peer), else -1. */
  private long commanded = -1;

  void merged(long terminalHeight) {
    mergedAt = terminalHeight;
  }

  void scheduled(long height) {
    commanded = height;
  }

  /** A forwarded command this node already follows. */
  boolean isRepeat(NodeGuardian.ScheduleMerge m) {
    return m.forwarded() && m.height() == commanded && mergedAt < 0;
  }

  /** The command to pass on to a peer that links later (it may have restarted and missed it). */
  Optional<NodeGuardian.ScheduleMerge> forLatePeer() {
    return commanded < 0 ? Optional.empty() : Optional.of(new NodeGuardian.ScheduleMerge(commanded, true, null));
  }

  /**
   * Why the merge command cannot be followed here. A forwarded one is checked only against what cannot be undone: its
   * height was checked against the head of the node that took the command.
   */
  Optional<String> refusal(NodeGuardian.ScheduleMerge m, long headHeight, boolean noValidators) {
    if (mergedAt >= 0) {
      return Optional.of("already merged (terminal block at PoW height " + mergedAt + "); cannot merge at " + m.height());
    }
    if (m.height() < 1) {
      return Optional.of("height must be ≥ 1 (height 0 is the genesis block: start with --pos instead), got " + m.height());
    }
    if (m.forwarded()) {
      return Optional.empty();
    }
    if (m.height() < headHeight) {
      return Optional.of("height " + m.height() + " is below the current head height " + headHeight);
    }
    if (noValidators) {
      return Optional.of("no validators are registered (no genesis validators, no deposits), so the PoS chain would"
          + " have none: give every node the same --stake NAME AMOUNT");
    }
    return Optional.empty();
  }

  static void reply(NodeGuardian.ScheduleMerge m, boolean accepted, String reason) {
    if (m.replyTo() != null) {
      m.replyTo().tell(new NodeGuardian.MergeReply(accepted, m.height(), reason));
    }
  }
}
