package io.actorchain.node.view;

import io.actorchain.node.net.LocalOnly;
import io.actorchain.node.NodeGuardian;
import io.actorchain.node.NodeStatus;
import io.actorchain.node.events.EventLog;
import io.actorchain.node.events.NodeEvent;
import io.actorchain.node.time.Clock;
import java.io.PrintStream;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.Behaviors;

/**
 * The terminal view of {@code run}: every node's head height and hash, peers, mempool and reorgs,
 * plus the latest notable events. On a TTY it redraws in place; otherwise it prints a line now and then.
 */
public final class LiveView {
  private LiveView() {}

  public sealed interface Command extends LocalOnly {}

  private enum Tick implements Command { INSTANCE }

  private record Status(NodeStatus status) implements Command {}

  /** Renders the last known statuses once more (the end-of-run summary uses it). */
  public record Snapshot(ActorRef<Map<Integer, NodeStatus>> replyTo) implements Command {}

  public static Behavior<Command> create(List<ActorRef<NodeGuardian.Command>> nodes, EventLog.Recent recent, Clock clock,
      PrintStream out, boolean tty, Duration every) {
    return Behaviors.setup(ctx -> Behaviors.withTimers(timers -> {
      Map<Integer, NodeStatus> statuses = new TreeMap<>();
      ActorRef<NodeStatus> adapter = ctx.messageAdapter(NodeStatus.class, Status::new);
      long start = clock.nowMillis();
      long[] ticks = {0};
      timers.startTimerWithFixedDelay(Tick.INSTANCE, every);
      return Behaviors.receive(Command.class)
          .onMessageEquals(Tick.INSTANCE, () -> {
            nodes.forEach(n -> n.tell(new NodeGuardian.GetStatus(adapter)));
            ticks[0]++;
            if (tty) {
              out.print("\033[H\033[2J" + render(statuses, recent.snapshot(), start, clock.nowMillis()));
              out.flush();
            } else if (ticks[0] % 10 == 0) {
              out.println(oneLine(statuses, (clock.nowMillis() - start) / 1000));
            }
            return Behaviors.same();
          })
          .onMessage(Status.class, s -> {
            statuses.put(s.status().node(), s.status());
            return Behaviors.same();
          })
          .onMessage(Snapshot.class, s -> {
            s.replyTo().tell(java.util.Collections.unmodifiableMap(new TreeMap<>(statuses)));
            return Behaviors.same();
          })
          .build();
    }));
  }

  public static String render(Map<Integer, NodeStatus> statuses, List<NodeEvent> recent, long startMillis, long nowMillis) {
    long elapsedSeconds = (nowMillis - startMillis) / 1000;
    StringBuilder b = new StringBuilder();
    b.append(String.format("ActorChain  proof of work  %ds   (Ctrl-C to stop)%n%n", elapsedSeconds));
    b.append(table(statuses));
    b.append(String.format("%nrecent events%n"));
    int shown = 0;
    for (int i = recent.size() - 1; i >= 0 && shown < 8; i--) {
      NodeEvent e = recent.get(i);
      if (e.type().equals("reorg") || e.type().equals("pow_block_mined") || e.type().equals("peer_linked")
          || e.type().startsWith("fault") || e.type().equals("block_rejected")) {
        b.append(String.format("  %7.1fs  node %-2d %-16s %s%n", (e.t() - startMillis) / 1000.0, e.node(), e.type(), brief(e)));
        shown++;
      }
    }
    return b.toString();
  }

  public static String table(Map<Integer, NodeStatus> statuses) {
    StringBuilder b = new StringBuilder();
    b.append(String.format("%-5s %8s  %-10s %-14s %8s %7s %8s%n", "node", "height", "head", "peers", "mempool", "reorgs", "blocks"));
    for (NodeStatus s : statuses.values()) {
      b.append(String.format("%-5d %8d  %-10s %-14s %8d %7d %8d%n", s.node(), s.headHeight(),
          s.headHash().substring(0, 8), s.peers().toString(), s.mempool(), s.reorgs(), s.blocks()));
    }
    return b.toString();
  }

  static String oneLine(Map<Integer, NodeStatus> statuses, long elapsed) {
    StringBuilder b = new StringBuilder(elapsed + "s");
    statuses.values().forEach(s -> b.append(String.format("  n%d h%d %s mp%d", s.node(), s.headHeight(),
        s.headHash().substring(0, 8), s.mempool())));
    return b.toString();
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
