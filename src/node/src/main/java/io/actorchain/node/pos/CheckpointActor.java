package io.actorchain.node.pos;

import io.actorchain.core.pos.epoch.EpochTransition;
import io.actorchain.core.pos.model.Checkpoint;
import io.actorchain.node.NodeContext;
import io.actorchain.node.net.LocalOnly;
import java.util.BitSet;
import java.util.List;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.AbstractBehavior;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.javadsl.Receive;

/**
 * One live checkpoint (ARCHITECTURE.md): the stake tally of the votes for it, from gossip and blocks, and its status
 * pending → justified → finalized | abandoned. It never decides: core's epoch processing does, and this actor shows
 * that decision when the node's canonical chain crosses an epoch boundary. It stops once finalized or abandoned.
 */
public final class CheckpointActor extends AbstractBehavior<CheckpointActor.Command> {

  public sealed interface Command extends LocalOnly {}

  /** A validator's vote for this checkpoint as target, with its effective balance. */
  public record Vote(int validatorIndex, long stake) {}

  /** Votes for this checkpoint: one from gossip, or all of one block's. */
  public record Votes(List<Vote> votes) implements Command {}

  public record Transition(EpochTransition transition) implements Command {}

  public enum Status { PENDING, JUSTIFIED, FINALIZED, ABANDONED }

  private final NodeContext node;
  private final Checkpoint checkpoint;
  private final BitSet voters = new BitSet();
  private long tally;
  private Status status = Status.PENDING;

  public static Behavior<Command> create(NodeContext node, Checkpoint checkpoint) {
    return Behaviors.setup(ctx -> new CheckpointActor(ctx, node, checkpoint));
  }

  private CheckpointActor(ActorContext<Command> ctx, NodeContext node, Checkpoint checkpoint) {
    super(ctx);
    this.node = node;
    this.checkpoint = checkpoint;
  }

  @Override
  public Receive<Command> createReceive() {
    return newReceiveBuilder()
        .onMessage(Votes.class, this::onVotes)
        .onMessage(Transition.class, this::onTransition)
        .build();
  }

  private Behavior<Command> onVotes(Votes votes) {
    for (Vote v : votes.votes()) {
      if (!voters.get(v.validatorIndex())) {
        voters.set(v.validatorIndex());
        tally += v.stake();
      }
    }
    return this;
  }

  private Behavior<Command> onTransition(Transition t) {
    EpochTransition e = t.transition();
    if (checkpoint.equals(e.finalized())) {
      if (status == Status.PENDING) {
        announce(Status.JUSTIFIED, e);
      }
      announce(Status.FINALIZED, e);
      return Behaviors.stopped();
    }
    if (status == Status.PENDING && (checkpoint.equals(e.currentJustified()) || checkpoint.equals(e.previousJustified()))) {
      announce(Status.JUSTIFIED, e);
    }
    if (Long.compareUnsigned(e.finalized().epoch(), checkpoint.epoch()) >= 0) {
      announce(Status.ABANDONED, e);
      return Behaviors.stopped();
    }
    return this;
  }

  private void announce(Status s, EpochTransition e) {
    status = s;
    node.emit(s.name().toLowerCase(java.util.Locale.ROOT), "epoch", checkpoint.epoch(), "root", checkpoint.root().toHex(),
        "votes", voters.cardinality(), "stake", tally, "totalActiveBalance", e.totalActiveBalance(), "atEpoch", e.epoch());
  }
}
