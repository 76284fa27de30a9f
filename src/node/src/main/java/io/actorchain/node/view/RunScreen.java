package io.actorchain.node.view;

import io.actorchain.core.pos.model.Validator;
import io.actorchain.core.pos.model.ValidatorStatus;
import io.actorchain.core.pos.state.BeaconState;
import io.actorchain.node.NodeStatus;
import io.actorchain.node.chain.PosCommand;
import io.actorchain.node.events.NodeEvent;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The text of {@code run}'s live view, status lines and summary: pure functions of a {@link Frame}. Before the merge
 * it is the PoW table; after it, each node's PoS head with its justified and finalized checkpoints, and the
 * validators' balances and statuses from node 0's head state.
 */
public final class RunScreen {
  /** The live view's validator grid: 4 columns (one per node when 4 nodes host them round-robin), at most 16 rows. */
  static final int GRID_COLUMNS = 4;
  static final int GRID_ROWS = 16;
  static final int EVENTS_SHOWN = 8;

  private static final Set<String> NOTABLE = Set.of("reorg", "pow_block_mined", "peer_linked", "block_rejected",
      "merge", "block_proposed", "attestation_rejected", "pow_block_ignored", "node_failed", "evidence_found",
      "evidence_rejected", "validator_slashed", "correlation_penalty", "validator_exited", "node_crashed",
      "node_restarted");

  private RunScreen() {}

  /** One whole screen for a TTY. */
  public static String render(RunInfo info, Frame f, List<NodeEvent> recent, long startMillis, long nowMillis) {
    long elapsed = (nowMillis - startMillis) / 1000;
    StringBuilder b = new StringBuilder();
    if (f.merged()) {
      b.append(String.format("ActorChain  proof of stake  %s   %ds   (Ctrl-C to stop)%n", clock(info, f), elapsed));
      b.append(info.merges() ? String.format("merged at PoW height %d%n%n", info.mergeAtHeight()) : String.format("%n"));
      b.append(posTable(f.statuses()));
      if (f.pos() != null) {
        b.append(String.format("%n%s%n", validatorsHeading(info, f.pos())));
        b.append(validatorGrid(info, f.pos(), GRID_COLUMNS, GRID_ROWS));
      }
    } else if (info.consensus().equals("pos")) {
      b.append(String.format("ActorChain  proof of stake  starting   %ds   (Ctrl-C to stop)%n", elapsed));
    } else {
      b.append(String.format("ActorChain  proof of work  %ds   (Ctrl-C to stop)%n%n", elapsed));
      b.append(powTable(f.statuses()));
      if (info.merges()) {
        b.append(String.format("%n%s%n", mergeLine(info, f.statuses())));
      }
    }
    b.append(String.format("%nrecent events%n"));
    int shown = 0;
    for (int i = recent.size() - 1; i >= 0 && shown < EVENTS_SHOWN; i--) {
      NodeEvent e = recent.get(i);
      if (NOTABLE.contains(e.type()) || e.type().startsWith("fault")) {
        b.append(String.format("  %7.1fs  node %-2d %-20s %s%n", (e.t() - startMillis) / 1000.0, e.node(), e.type(),
            brief(e)));
        shown++;
      }
    }
    return b.toString();
  }

  /** The end-of-run summary: the node table, then one line per validator once the chain has merged. */
  public static String summary(RunInfo info, Frame f) {
    StringBuilder b = new StringBuilder();
    if (f.merged()) {
      b.append(String.format("%s%s%n", clock(info, f),
          info.merges() ? String.format("  (merged at PoW height %d)", info.mergeAtHeight()) : ""));
      b.append(posTable(f.statuses()));
      if (f.pos() != null) {
        b.append(String.format("%s%n", validatorsHeading(info, f.pos())));
        b.append(validatorLines(info, f.pos()));
      }
    } else {
      b.append(powTable(f.statuses()));
      if (info.merges()) {
        b.append(String.format("%s (not reached)%n", mergeLine(info, f.statuses())));
      }
    }
    return b.toString();
  }

  public static String powTable(Map<Integer, NodeStatus> statuses) {
    StringBuilder b = new StringBuilder();
    b.append(String.format("%-5s %8s  %-10s %-14s %8s %7s %8s%n", "node", "height", "head", "peers", "mempool", "reorgs", "blocks"));
    for (NodeStatus s : statuses.values()) {
      b.append(String.format("%-5d %8d  %-10s %-14s %8d %7d %8d%n", s.node(), s.headHeight(),
          s.headHash().substring(0, 8), s.peers().toString(), s.mempool(), s.reorgs(), s.blocks()));
    }
    return b.toString();
  }

  /** Head slot and root, justified and finalized checkpoints as {@code epoch root}; a node still in PoW shows its height. */
  public static String posTable(Map<Integer, NodeStatus> statuses) {
    StringBuilder b = new StringBuilder();
    b.append(String.format("%-5s %6s  %-9s %-12s %-12s %-14s %8s %7s %8s%n", "node", "slot", "head", "justified",
        "finalized", "peers", "mempool", "reorgs", "blocks"));
    for (NodeStatus s : statuses.values()) {
      String slot = s.slot() == null ? "h" + s.headHeight() : Long.toString(s.slot());
      b.append(String.format("%-5d %6s  %-9s %-12s %-12s %-14s %8d %7d %8d%n", s.node(), slot,
          s.headHash().substring(0, 8), checkpoint(s.justified()), checkpoint(s.finalized()), s.peers().toString(),
          s.mempool(), s.reorgs(), s.blocks()));
    }
    return b.toString();
  }

  /** A compact grid of {@code name balance status}, row by row; what does not fit is counted. */
  public static String validatorGrid(RunInfo info, PosCommand.PosStatus pos, int columns, int maxRows) {
    BeaconState st = pos.headState();
    long epoch = info.config().epochOf(pos.currentSlot());
    int n = st.validatorCount();
    int nameWidth = 1;
    int balanceWidth = 1;
    for (int i = 0; i < n; i++) {
      nameWidth = Math.max(nameWidth, info.nameOf(i).length());
      balanceWidth = Math.max(balanceWidth, coins(st.balance(i)).length());
    }
    String cell = "%-" + nameWidth + "s %" + balanceWidth + "s %-7s";
    StringBuilder b = new StringBuilder();
    int shown = Math.min(n, columns * maxRows);
    for (int row = 0; row * columns < shown; row++) {
      List<String> cells = new ArrayList<>();
      for (int i = row * columns; i < Math.min(shown, (row + 1) * columns); i++) {
        cells.add(String.format(cell, info.nameOf(i), coins(st.balance(i)),
            ValidatorStatus.of(st.validator(i), epoch).label()));
      }
      b.append("  ").append(String.join("   ", cells).stripTrailing()).append(System.lineSeparator());
    }
    if (shown < n) {
      b.append(String.format("  … and %d more (the summary lists them all)%n", n - shown));
    }
    return b.toString();
  }

  /** One line per validator: name, hosting node, balance, effective balance and status. */
  public static String validatorLines(RunInfo info, PosCommand.PosStatus pos) {
    BeaconState st = pos.headState();
    long epoch = info.config().epochOf(pos.currentSlot());
    int nameWidth = 1;
    for (int i = 0; i < st.validatorCount(); i++) {
      nameWidth = Math.max(nameWidth, info.nameOf(i).length());
    }
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < st.validatorCount(); i++) {
      Validator v = st.validator(i);
      int node = info.nodeOf(i);
      b.append(String.format("  %-" + nameWidth + "s  node %-3s %12s coins  effective %6s  %s%n", info.nameOf(i),
          node < 0 ? "?" : Integer.toString(node), coins(st.balance(i)), coins(v.effectiveBalance()),
          ValidatorStatus.of(v, epoch).label()));
    }
    return b.toString();
  }

  /** The periodic line when there is no TTY. */
  public static String oneLine(RunInfo info, Frame f, long elapsedSeconds) {
    StringBuilder b = new StringBuilder(elapsedSeconds + "s");
    if (f.merged()) {
      if (f.pos() != null) {
        b.append(String.format(" slot %d epoch %d", f.pos().currentSlot(), info.config().epochOf(f.pos().currentSlot())));
      }
      f.statuses().values().forEach(s -> b.append(s.slot() == null
          ? String.format("  n%d h%d %s (pow)", s.node(), s.headHeight(), s.headHash().substring(0, 8))
          : String.format("  n%d s%d %s j%d f%d mp%d", s.node(), s.slot(), s.headHash().substring(0, 8),
              s.justified().epoch(), s.finalized().epoch(), s.mempool())));
    } else {
      f.statuses().values().forEach(s -> b.append(String.format("  n%d h%d %s mp%d", s.node(), s.headHeight(),
          s.headHash().substring(0, 8), s.mempool())));
      if (info.merges()) {
        b.append("  (merge at ").append(info.mergeAtHeight()).append(')');
      }
    }
    return b.toString();
  }

  /** Gwei as coins with three decimals, rounded down (a balance a hair under 32 shows as 31.999). */
  public static String coins(long gwei) {
    return BigDecimal.valueOf(gwei, 9).setScale(3, RoundingMode.DOWN).toPlainString();
  }

  static String mergeLine(RunInfo info, Map<Integer, NodeStatus> statuses) {
    long head = statuses.values().stream().mapToLong(NodeStatus::headHeight).max().orElse(0);
    return String.format("merge at height %d (head %d)", info.mergeAtHeight(), head);
  }

  private static String clock(RunInfo info, Frame f) {
    if (f.pos() == null) {
      return "merging";
    }
    long slot = f.pos().currentSlot();
    long spe = info.config().slotsPerEpoch();
    return String.format("slot %d  epoch %d (slot %d of %d, %d s each)", slot, info.config().epochOf(slot),
        slot % spe + 1, spe, info.config().secondsPerSlot());
  }

  private static String validatorsHeading(RunInfo info, PosCommand.PosStatus pos) {
    BeaconState st = pos.headState();
    long epoch = info.config().epochOf(pos.currentSlot());
    long total = 0;
    int active = 0;
    for (int i = 0; i < st.validatorCount(); i++) {
      total += st.balance(i);
      if (ValidatorStatus.of(st.validator(i), epoch) == ValidatorStatus.ACTIVE) {
        active++;
      }
    }
    return String.format("validators  %d of %d active, %s coins staked  (node 0's head, slot %d)", active,
        st.validatorCount(), coins(total), pos.headSlot());
  }

  private static String checkpoint(NodeStatus.CheckpointView c) {
    return c == null ? "-" : c.epoch() + " " + c.root().substring(0, 8);
  }

  private static String brief(NodeEvent e) {
    StringBuilder b = new StringBuilder();
    e.fields().forEach((k, v) -> {
      String s = String.valueOf(v);
      b.append(k).append('=').append(s.length() > 16 ? s.substring(0, 8) : s).append(' ');
    });
    return b.toString().trim();
  }
}
