package io.actorchain.node.view;

import io.actorchain.node.NodeGuardian;
import io.actorchain.node.NodeStatus;
import io.actorchain.node.chain.ChainActor;
import io.actorchain.node.chain.PosCommand;
import io.actorchain.node.events.EventLog;
import io.actorchain.node.net.LocalOnly;
import io.actorchain.node.time.Clock;
import java.io.PrintStream;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.AbstractBehavior;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.javadsl.Receive;
import org.apache.pekko.actor.typed.javadsl.TimerScheduler;

/**
 * The terminal view of {@code run}. Every refresh it asks each node for its status and, once node 0 runs proof of
 * stake, node 0's chain for its PoS view (whose head state holds the validators' balances); one such ask is in flight
 * at a time, so a busy chain is never queued up. On a TTY it redraws in place; otherwise it prints a line every ten
 * refreshes. {@link RunScreen} turns what it holds into text.
 */
public final class LiveView extends AbstractBehavior<LiveView.Command> {
  static final int REFRESHES_PER_LINE = 10;

  public sealed interface Command extends LocalOnly {}

  private enum Tick implements Command { INSTANCE }

  private record Status(NodeStatus status) implements Command {}

  private record Pos(PosCommand.PosStatus status) implements Command {}

  /** Replies with the last frame and stops drawing, so the end-of-run summary is not overdrawn. */
  public record Finish(ActorRef<Frame> replyTo) implements Command {}

  private final List<ActorRef<NodeGuardian.Command>> nodes;
  private final ActorRef<ChainActor.Command> chainOfNode0;
  private final RunInfo info;
  private final EventLog.Recent recent;
  private final Clock clock;
  private final PrintStream out;
  private final boolean tty;
  private final long startMillis;
  private final ActorRef<NodeStatus> statusAdapter;
  private final ActorRef<PosCommand.PosStatus> posAdapter;
  private final Map<Integer, NodeStatus> statuses = new TreeMap<>();
  private PosCommand.PosStatus pos;
  private boolean posAsked;
  private long ticks;

  public static Behavior<Command> create(List<ActorRef<NodeGuardian.Command>> nodes,
      ActorRef<ChainActor.Command> chainOfNode0, RunInfo info, EventLog.Recent recent, Clock clock, PrintStream out,
      boolean tty, Duration every) {
    return Behaviors.setup(ctx -> Behaviors.withTimers(timers ->
        new LiveView(ctx, timers, nodes, chainOfNode0, info, recent, clock, out, tty, every)));
  }

  private LiveView(ActorContext<Command> ctx, TimerScheduler<Command> timers, List<ActorRef<NodeGuardian.Command>> nodes,
      ActorRef<ChainActor.Command> chainOfNode0, RunInfo info, EventLog.Recent recent, Clock clock, PrintStream out,
      boolean tty, Duration every) {
    super(ctx);
    this.nodes = List.copyOf(nodes);
    this.chainOfNode0 = chainOfNode0;
    this.info = info;
    this.recent = recent;
    this.clock = clock;
    this.out = out;
    this.tty = tty;
    this.startMillis = clock.nowMillis();
    this.statusAdapter = ctx.messageAdapter(NodeStatus.class, Status::new);
    this.posAdapter = ctx.messageAdapter(PosCommand.PosStatus.class, Pos::new);
    timers.startTimerWithFixedDelay(Tick.INSTANCE, every);
  }

  @Override
  public Receive<Command> createReceive() {
    return newReceiveBuilder()
        .onMessageEquals(Tick.INSTANCE, this::onTick)
        .onMessage(Status.class, this::onStatus)
        .onMessage(Pos.class, this::onPos)
        .onMessage(Finish.class, this::onFinish)
        .build();
  }

  private Behavior<Command> onTick() {
    nodes.forEach(n -> n.tell(new NodeGuardian.GetStatus(statusAdapter)));
    NodeStatus first = statuses.get(0);
    if (first != null && first.slot() != null && !posAsked) {
      chainOfNode0.tell(new PosCommand.GetPosStatus(posAdapter));
      posAsked = true;
    }
    ticks++;
    Frame frame = frame();
    if (tty) {
      out.print("\033[H\033[2J" + RunScreen.render(info, frame, recent.snapshot(), startMillis, clock.nowMillis()));
      out.flush();
    } else if (ticks % REFRESHES_PER_LINE == 0) {
      out.println(RunScreen.oneLine(info, frame, (clock.nowMillis() - startMillis) / 1000));
    }
    return this;
  }

  private Behavior<Command> onStatus(Status s) {
    statuses.put(s.status().node(), s.status());
    return this;
  }

  private Behavior<Command> onPos(Pos p) {
    pos = p.status();
    posAsked = false;
    return this;
  }

  private Behavior<Command> onFinish(Finish f) {
    f.replyTo().tell(frame());
    return Behaviors.stopped();
  }

  private Frame frame() {
    return new Frame(statuses, pos);
  }
}
