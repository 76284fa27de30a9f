package io.actorchain.node.chain;

import io.actorchain.node.net.LocalOnly;
import io.actorchain.core.mempool.AddResult;
import io.actorchain.core.mempool.Mempool;
import io.actorchain.core.pos.model.Attestation;
import io.actorchain.core.pos.model.AttesterSlashing;
import io.actorchain.core.pos.model.ProposerSlashing;
import io.actorchain.core.pos.model.SlashingEvidence;
import io.actorchain.core.pos.state.BeaconState;
import io.actorchain.core.state.LedgerState;
import io.actorchain.core.tx.Transaction;
import io.actorchain.node.NodeContext;
import java.util.List;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.AbstractBehavior;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.javadsl.Receive;

/**
 * Pending transactions under core's mempool policy, pruned on every new head; the attestations and the slashing
 * evidence a proposer may include (CONSENSUS.md §5.7).
 */
public final class MempoolActor extends AbstractBehavior<MempoolActor.Command> {

  public sealed interface Command extends LocalOnly {}

  /**
   * A transaction from a client ({@code fromNode} -1) or a peer. Accepted ones go to {@code gossip}
   * so the node can flood them; {@code replyTo} may be null.
   */
  public record Submit(Transaction tx, int fromNode, ActorRef<SubmitResult> replyTo) implements Command {}

  public record SubmitResult(Transaction tx, AddResult result) implements LocalOnly {}

  /** Transactions for a block on {@code state}, best first, valid in sequence; {@code requestId} is echoed. */
  public record Select(LedgerState state, int max, long requestId, ActorRef<Selected> replyTo) implements Command {}

  public record Selected(List<Transaction> transactions, long requestId) implements LocalOnly {}

  public record GetSize(ActorRef<Integer> replyTo) implements Command {}

  /** Everything a proposer may include in a beacon block on {@code state} (core picks what is valid and new). */
  public record SelectForBeaconBlock(BeaconState state, ActorRef<BeaconCandidates> replyTo) implements Command {}

  public record BeaconCandidates(List<Attestation> attestations, List<ProposerSlashing> proposerSlashings,
      List<AttesterSlashing> attesterSlashings, List<Transaction> transactions) implements LocalOnly {}

  /**
   * Verified slashing evidence (CONSENSUS.md §6), offered to proposers until its offender is slashed in the state they
   * build on. One piece of evidence per offender is kept.
   */
  public record AddSlashing(SlashingEvidence evidence) implements Command {}

  private record HeadMoved(ChainEvent event) implements Command {}

  /** Where accepted transactions go to be flooded: (tx, fromNode). */
  public record Accepted(Transaction tx, int fromNode) implements LocalOnly {}

  private final NodeContext node;
  private final Mempool pool;
  private final ActorRef<Accepted> gossip;
  private LedgerState headState;
  private List<Transaction> abandoned = List.of();
  /**
   * Attestations that may still be included, by slot, then by root in arrival order (packing orders its candidates
   * itself); pruned once past their inclusion window.
   */
  private final java.util.TreeMap<Long, java.util.Map<io.actorchain.core.codec.Hash32, Attestation>> attestations =
      new java.util.TreeMap<>();
  private long slotsPerEpoch = 8;
  private final PendingSlashings slashings;

  public static Behavior<Command> create(NodeContext node, ActorRef<ChainActor.Command> chain, ActorRef<Accepted> gossip) {
    return Behaviors.setup(ctx -> {
      chain.tell(new ChainActor.Subscribe(ctx.messageAdapter(ChainEvent.class, HeadMoved::new), java.util.EnumSet.of(
          ChainEvent.Kind.HEAD, ChainEvent.Kind.REORG, ChainEvent.Kind.MERGED, ChainEvent.Kind.POS_HEAD,
          ChainEvent.Kind.ATTESTATION, ChainEvent.Kind.LOCAL_ATTESTATION)));
      return new MempoolActor(ctx, node, gossip);
    });
  }

  private MempoolActor(ActorContext<Command> ctx, NodeContext node, ActorRef<Accepted> gossip) {
    super(ctx);
    this.node = node;
    this.pool = new Mempool(node.settings().mempool());
    this.gossip = gossip;
    this.headState = node.settings().genesisState();
    this.slashings = new PendingSlashings(node.settings().consensus().config());
  }

  @Override
  public Receive<Command> createReceive() {
    return newReceiveBuilder()
        .onMessage(Submit.class, this::onSubmit)
        .onMessage(Select.class, this::onSelect)
        .onMessage(GetSize.class, this::onGetSize)
        .onMessage(SelectForBeaconBlock.class, this::onSelectForBeaconBlock)
        .onMessage(AddSlashing.class, this::onAddSlashing)
        .onMessage(HeadMoved.class, this::onHeadMoved)
        .build();
  }

  private Behavior<Command> onSubmit(Submit s) {
    AddResult r = pool.add(s.tx(), headState);
    if (r instanceof AddResult.Rejected rej) {
      getContext().getLog().debug("reject tx {} from node {}: {} ({})", s.tx().id().shortHex(), s.fromNode(),
          rej.rejection().kind(), rej.rejection().detail());
    } else {
      gossip.tell(new Accepted(s.tx(), s.fromNode()));
      if (s.fromNode() < 0) {
        node.emit("tx_accepted", "id", s.tx().id().toHex());
      }
    }
    if (s.replyTo() != null) {
      s.replyTo().tell(new SubmitResult(s.tx(), r));
    }
    return this;
  }

  private Behavior<Command> onSelect(Select s) {
    s.replyTo().tell(new Selected(pool.select(s.state(), s.max()), s.requestId()));
    return this;
  }

  private Behavior<Command> onSelectForBeaconBlock(SelectForBeaconBlock s) {
    LedgerState ledger = new LedgerState(s.state().accounts(), s.state().baseFee(), List.of());
    List<Attestation> pooled = new java.util.ArrayList<>();
    attestations.values().forEach(bySlot -> pooled.addAll(bySlot.values()));
    slashings.prune(s.state());
    s.replyTo().tell(new BeaconCandidates(List.copyOf(pooled), slashings.proposerSlashings(),
        slashings.attesterSlashings(), pool.select(ledger, io.actorchain.core.tx.Fees.MAX_TXS_PER_BLOCK)));
    return this;
  }

  private Behavior<Command> onAddSlashing(AddSlashing a) {
    if (!slashings.add(a.evidence())) {
      getContext().getLog().debug("node {}: slashing evidence against validator {} not kept: {}", node.nodeId(),
          a.evidence().offender(), slashings.isFull() ? "the pool is full" : "evidence against it is held already");
    }
    return this;
  }

  private Behavior<Command> onGetSize(GetSize g) {
    g.replyTo().tell(pool.size());
    return this;
  }

  private Behavior<Command> onHeadMoved(HeadMoved m) {
    if (m.event() instanceof ChainEvent.AttestationsImported votes) {
      for (ChainEvent.AttestationImported a : votes.attestations()) {
        attestations.computeIfAbsent(a.attestation().data().slot(), k -> new java.util.LinkedHashMap<>())
            .put(a.attestation().root(), a.attestation());
      }
    } else if (m.event() instanceof ChainEvent.Merged merged) {
      slotsPerEpoch = node.settings().consensus().config().slotsPerEpoch();
    } else if (m.event() instanceof ChainEvent.PosHeadChanged h) {
      attestations.headMap(h.slot() - slotsPerEpoch - 1).clear();
      headState = h.ledger();
      pool.onNewHead(headState);
    } else if (m.event() instanceof ChainEvent.Reorged r) {
      abandoned = r.abandoned(); // re-offered once the new head's state is known
    } else if (m.event() instanceof ChainEvent.HeadChanged hc) {
      headState = hc.next().state();
      pool.onNewHead(headState);
      for (Transaction tx : abandoned) {
        pool.add(tx, headState); // those already on the new branch fail their nonce check and are dropped
      }
      abandoned = List.of();
    }
    return this;
  }
}
