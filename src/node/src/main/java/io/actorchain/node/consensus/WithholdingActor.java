package io.actorchain.node.consensus;

import io.actorchain.core.pow.PowBlock;
import io.actorchain.node.NodeContext;
import io.actorchain.node.chain.ChainActor;
import io.actorchain.node.chain.ChainEvent;
import io.actorchain.node.fault.Fault;
import io.actorchain.node.fault.Publish;
import io.actorchain.node.fault.WithholdingPolicy;
import io.actorchain.node.net.LocalOnly;
import io.actorchain.node.net.Wire;
import java.time.Duration;
import java.util.EnumSet;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.javadsl.TimerScheduler;

/**
 * A PoW fault's sibling of the node's miners (ARCHITECTURE.md, "Faults", miner faults): while a private-chain or
 * selfish-mining fault is in, the miners hand it their blocks instead of the chain. It imports each one withheld (the
 * node builds on it, peers do not hear of it) and publishes them as its {@link WithholdingPolicy} says. Without a
 * fault, or once the policy is finished, it passes blocks to the chain as an honest miner does.
 */
public final class WithholdingActor {
  static final String RELEASE_TIMER = "release";

  public sealed interface Command extends LocalOnly {}

  /** A block one of the node's miners found. */
  public record Mined(PowBlock block) implements Command {}

  /** Start withholding under {@code fault}'s policy; {@code publish} floods blocks to every peer. */
  public record Start(Fault.PowFault fault, ActorRef<Publish> publish) implements Command {}

  /** The fault is cleared: publish whatever is still withheld, then pass blocks through. */
  public enum Release implements Command { INSTANCE }

  private record ChainNews(ChainEvent event) implements Command {}

  private enum ReleaseTime implements Command { INSTANCE }

  private WithholdingActor() {}

  public static Behavior<Command> create(NodeContext node, ActorRef<ChainActor.Command> chain) {
    return Behaviors.setup(ctx -> {
      chain.tell(new ChainActor.Subscribe(ctx.messageAdapter(ChainEvent.class, ChainNews::new),
          EnumSet.of(ChainEvent.Kind.HEAD, ChainEvent.Kind.BLOCK_IMPORTED)));
      return Behaviors.withTimers(timers -> new Parts(node, chain, timers).passThrough(0));
    });
  }

  private record Parts(NodeContext node, ActorRef<ChainActor.Command> chain, TimerScheduler<Command> timers) {

    /** Honest: every block goes to the chain, which announces it. */
    Behavior<Command> passThrough(long headHeight) {
      return Behaviors.receive(Command.class)
          .onMessage(Mined.class, m -> {
            chain.tell(new ChainActor.ImportBlock(m.block(), -1));
            return Behaviors.same();
          })
          .onMessage(ChainNews.class, n -> n.event() instanceof ChainEvent.HeadChanged h
              ? passThrough(h.head().height()) : Behaviors.same())
          .onMessage(Start.class, s -> withholding(s.fault(), WithholdingPolicy.of(s.fault(), headHeight), s.publish(),
              headHeight))
          .onMessageEquals(Release.INSTANCE, Behaviors::same)
          .onMessageEquals(ReleaseTime.INSTANCE, Behaviors::same)
          .build();
    }

    Behavior<Command> withholding(Fault.PowFault fault, WithholdingPolicy policy, ActorRef<Publish> publish,
        long headHeight) {
      if (fault instanceof Fault.PrivateChain p && p.release() != null
          && p.release().unit() == Fault.Release.Unit.SECOND) {
        long at = node.settings().genesisBlock().timestamp() + p.release().value() * 1000;
        timers.startSingleTimer(RELEASE_TIMER, ReleaseTime.INSTANCE,
            Duration.ofMillis(Math.max(0, at - node.clock().nowMillis())));
      }
      node.emit("withholding_started", "fault", fault.kind(), "headHeight", headHeight);
      return Behaviors.setup(ctx -> {
        ctx.getLog().info("node {}: {}: withholding mined blocks", node.nodeId(), fault.describe());
        return new Withholding(fault, policy, publish).behaviour(headHeight);
      });
    }

    private final class Withholding {
      private final Fault.PowFault fault;
      private final WithholdingPolicy policy;
      private final ActorRef<Publish> publish;

      Withholding(Fault.PowFault fault, WithholdingPolicy policy, ActorRef<Publish> publish) {
        this.fault = fault;
        this.policy = policy;
        this.publish = publish;
      }

      Behavior<Command> behaviour(long headHeight) {
        return Behaviors.receive(Command.class)
            .onMessage(Mined.class, m -> {
              chain.tell(new ChainActor.ImportWithheld(m.block()));
              node.emit("block_withheld", "fault", fault.kind(), "hash", m.block().hash().toHex(),
                  "height", m.block().height());
              return after(policy.onOwnBlock(m.block()), headHeight);
            })
            .onMessage(ChainNews.class, n -> {
              if (n.event() instanceof ChainEvent.BlockImported b && b.fromNode() >= 0) {
                return after(policy.onForeignBlock(b.block().height()), headHeight);
              } else if (n.event() instanceof ChainEvent.HeadChanged h) {
                return after(policy.onHead(h.head().height()), h.head().height());
              }
              return Behaviors.same();
            })
            .onMessage(Start.class, s -> {
              end(policy.releaseAll("replaced by " + s.fault().kind()), headHeight);
              return withholding(s.fault(), WithholdingPolicy.of(s.fault(), headHeight), s.publish(), headHeight);
            })
            .onMessageEquals(Release.INSTANCE, () -> end(policy.releaseAll("cleared"), headHeight))
            .onMessageEquals(ReleaseTime.INSTANCE, () -> end(policy.releaseAll(
                fault instanceof Fault.PrivateChain pc ? "release at " + pc.release() : "release time"), headHeight))
            .build();
      }

      private Behavior<Command> after(WithholdingPolicy.Publication p, long headHeight) {
        if (policy.finished()) {
          return end(p, headHeight);
        }
        announce(p);
        return behaviour(headHeight);
      }

      /** Publishes {@code p} and stops withholding: blocks pass through from now on. */
      private Behavior<Command> end(WithholdingPolicy.Publication p, long headHeight) {
        announce(p);
        timers.cancel(RELEASE_TIMER);
        node.emit("withholding_ended", "fault", fault.kind());
        return passThrough(headHeight);
      }

      private void announce(WithholdingPolicy.Publication p) {
        if (p.isEmpty()) {
          return;
        }
        for (PowBlock b : p.blocks()) {
          publish.tell(new Publish(new Wire.BlockGossip(b.canonical()), b.hash()));
        }
        PowBlock first = p.blocks().get(0);
        PowBlock last = p.blocks().get(p.blocks().size() - 1);
        node.emit("blocks_released", "fault", fault.kind(), "count", p.blocks().size(), "fromHeight", first.height(),
            "toHeight", last.height(), "reason", p.reason(), "stillWithheld", policy.withheldCount());
      }
    }
  }
}
