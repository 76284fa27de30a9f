package io.actorchain.node.chain;

import io.actorchain.core.codec.Hash32;
import io.actorchain.core.pos.ConsensusConfig;
import io.actorchain.core.pos.block.BlockInvalidReason;
import io.actorchain.core.pos.block.BlockProcessing;
import io.actorchain.core.pos.block.TransitionMemo;
import io.actorchain.core.pos.epoch.EpochTransition;
import io.actorchain.core.pos.forkchoice.ForkChoiceStore;
import io.actorchain.core.pos.model.Attestation;
import io.actorchain.core.pos.model.AttesterSlashing;
import io.actorchain.core.pos.model.BeaconBlock;
import io.actorchain.core.pos.slashing.SlashingRejection;
import io.actorchain.core.pos.slashing.SlashingRules;
import io.actorchain.core.pos.model.Checkpoint;
import io.actorchain.core.pos.state.BeaconState;
import io.actorchain.core.pow.BlockTree;
import io.actorchain.core.state.LedgerState;
import io.actorchain.core.tx.SignatureCheck;
import io.actorchain.node.NodeContext;
import io.actorchain.node.store.ChainStore;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.AbstractBehavior;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Receive;

/**
 * ChainActor after the merge: the single writer of the fork-choice store (CONSENSUS.md §5.6). Core's block
 * processing decides validity and epoch processing decides justification and finalization; this actor holds the
 * store, buffers orphans, tracks the slot clock, and publishes what changed. The PoW tree stays, read-only, so
 * peers that are still behind the terminal block can sync it.
 */
final class BeaconChainActor extends AbstractBehavior<ChainActor.Command> {
  static final int ORPHAN_CAPACITY = 2048;
  static final int MAX_SERVED_BLOCKS = 64;

  private final NodeContext node;
  private final ConsensusConfig config;
  /** Replayed to late subscribers, so an actor that subscribes after the merge still learns of it. */
  private final ChainEvent.Merged merged;
  private final ForkChoiceStore store;
  private final BlockTree powTree;
  private final long genesisTimeMillis;
  private final Subscribers subscribers;
  private final SignatureCheck sigs = SignatureCheck.shared();
  private final TransitionMemo transitions;
  private final SlashingFeed slashing;
  private final OrphanPool<BeaconBlock> orphans =
      new OrphanPool<>(ORPHAN_CAPACITY, BeaconBlock::root, BeaconBlock::parentRoot);
  /** Gossiped votes: dedupe, validation, fork choice, and those waiting for a block they name. */
  private final GossipVotes votes;
  /** Epoch transitions computed while importing each block, until it is pruned or recorded. */
  private final Map<Hash32, List<EpochTransition>> transitionsOf = new TreeMap<>();
  private long currentSlot;
  private long attestationsProcessed;
  private Hash32 head;
  private long lastRecordedEpoch;
  private Hash32 advancedRoot;
  private BeaconState advanced;
  /** Every imported block goes here, and the finalized checkpoint when it advances: a restarted node reloads them. */
  private final ChainStore chainStore;
  private long storedFinalizedEpoch;
  /** True while a restarted node re-imports its stored blocks: nothing is announced, stored again or logged as news. */
  private boolean reimporting;

  /** {@code stored}: the beacon blocks a restarted node reloaded, re-imported here before anything else. */
  BeaconChainActor(ActorContext<ChainActor.Command> ctx, NodeContext node, ConsensusConfig config,
      ChainEvent.Merged merged, BlockTree powTree, Subscribers subscribers, List<BeaconBlock> stored) {
    super(ctx);
    Hash32 anchorRoot = merged.anchorRoot();
    BeaconState genesis = merged.genesisState();
    this.merged = merged;
    this.node = node;
    this.config = config;
    this.powTree = powTree;
    this.store = new ForkChoiceStore(anchorRoot, genesis.copy(), config);
    this.genesisTimeMillis = genesis.genesisTime() * 1000;
    this.subscribers = subscribers;
    this.transitions = node.transitions();
    this.slashing = new SlashingFeed(node, subscribers, sigs);
    this.head = anchorRoot;
    this.votes = new GossipVotes(node, config, store, sigs, slashing, ctx.getLog(), genesis.validatorCount(),
        new GossipVotes.Chain() {
          @Override
          public long currentSlot() {
            return currentSlot;
          }

          @Override
          public BeaconState headStateNow() {
            return advancedHeadState(currentSlot);
          }

          @Override
          public void publish(ChainEvent e) {
            BeaconChainActor.this.publish(e);
          }
        });
    this.chainStore = node.stores().chain();
    this.storedFinalizedEpoch = store.finalized().epoch();
    this.lastRecordedEpoch = ChainReload.lastRecordedEpoch(chainStore); // -1 unless restarted
    if (!stored.isEmpty()) {
      reimport(stored);
    }
  }

  /**
   * A restarted node's stored blocks, through the normal import in the order they were stored (parents first), with
   * fork choice at the clock's slot; then the head. Nothing is announced or gossiped: the node only gets back what it
   * had, and SyncActor fetches the rest from peers as blocks arrive. What it had finalized, it finalizes again.
   */
  private void reimport(List<BeaconBlock> stored) {
    long now = node.clock().nowMillis();
    if (now > genesisTimeMillis) {
      currentSlot = config.slotAt(genesisTimeMillis, now);
      store.onTick(currentSlot, config.millisIntoSlot(genesisTimeMillis, now));
    }
    reimporting = true;
    int imported = 0;
    for (BeaconBlock b : stored) {
      imported += importOne(b, -1) ? 1 : 0;
    }
    reimporting = false;
    updateHead();
    long savedFinalized = chainStore.finalized().map(Checkpoint::epoch).orElse(0L);
    storedFinalizedEpoch = Math.max(savedFinalized, store.finalized().epoch()); // never stored lower than it was
    if (store.finalized().epoch() < savedFinalized) {
      getContext().getLog().warn("node {}: re-imported blocks finalize epoch {}, below the stored {}; peers will bring"
          + " the rest", node.nodeId(), store.finalized().epoch(), savedFinalized);
    }
    getContext().getLog().info("node {}: re-imported {} of {} stored beacon block(s); head at slot {}, finalized epoch {}",
        node.nodeId(), imported, stored.size(), store.block(head).map(BeaconBlock::slot).orElse(0L),
        store.finalized().epoch());
    node.emit("beacon_chain_reloaded", "blocks", stored.size(), "imported", imported, "head", head.toHex(),
        "justified", store.justified().epoch(), "finalized", store.finalized().epoch(), "storedFinalized", savedFinalized);
  }

  @Override
  public Receive<ChainActor.Command> createReceive() {
    return newReceiveBuilder()
        .onMessage(PosCommand.ImportBeaconBlock.class, this::onImportBlock)
        .onMessage(PosCommand.ImportAttestation.class, this::onImportAttestation)
        .onMessage(PosCommand.ImportAttestations.class, this::onImportAttestations)
        .onMessage(PosCommand.VerifyEvidence.class, this::onVerifyEvidence)
        .onMessage(PosCommand.SlotTick.class, this::onSlotTick)
        .onMessage(PosCommand.GetSlotContext.class, this::onGetSlotContext)
        .onMessage(PosCommand.ServeBeaconBlocks.class, this::onServeBlocks)
        .onMessage(PosCommand.GetPosStatus.class, g -> {
          g.replyTo().tell(status());
          return this;
        })
        .onMessage(PosCommand.AdvanceHeadTo.class, this::onAdvanceHeadTo)
        .onMessage(ChainActor.Subscribe.class, this::onSubscribe)
        .onMessage(ChainActor.ImportBlock.class, this::onLatePowBlock)
        .onMessage(ChainActor.ServeBlocks.class, s -> ChainActor.serve(powTree, s))
        .onMessage(ChainActor.GetHead.class, g -> ChainActor.replyHead(powTree, g, 0, 0, 0))
        .onMessageEquals(PosCommand.StartPos.INSTANCE, () -> this)
        .onMessage(PosCommand.MergeAt.class, m -> this)
        .build();
  }

  private PosCommand.PosStatus status() {
    BeaconState headState = store.state(head).orElseThrow();
    return new PosCommand.PosStatus(currentSlot, head, headState.slot(), store.justified(), store.finalized(), headState,
        attestationsProcessed + votes.processed());
  }

  private Behavior<ChainActor.Command> onSubscribe(ChainActor.Subscribe s) {
    subscribers.add(s.subscriber(), s.kinds());
    s.subscriber().tell(merged);
    BeaconState h = store.sharedState(head).orElseThrow();
    s.subscriber().tell(new ChainEvent.PosHeadChanged(head, h.slot(), store.justified(), store.finalized(), ledgerOf(h)));
    return this;
  }

  private Behavior<ChainActor.Command> onLatePowBlock(ChainActor.ImportBlock m) {
    if (!powTree.contains(m.block().hash())) {
      getContext().getLog().info("node {}: ignored PoW block {} at height {} from node {}: the chain has merged",
          node.nodeId(), m.block().hash().shortHex(), m.block().height(), m.fromNode());
      node.emit("pow_block_ignored", "hash", m.block().hash().toHex(), "height", m.block().height(), "from", m.fromNode());
    }
    return this;
  }

  private long millisIntoSlot() {
    return config.millisIntoSlot(genesisTimeMillis, node.clock().nowMillis());
  }

  private Behavior<ChainActor.Command> onSlotTick(PosCommand.SlotTick t) {
    if (t.slot() > currentSlot) {
      currentSlot = t.slot();
    }
    store.onTick(currentSlot, millisIntoSlot());
    slashing.flush();
    if (currentSlot % config.slotsPerEpoch() == 0) {
      advancedHeadState(currentSlot); // records the transition at the epoch boundary even without a new block
      votes.dropWaitingOlderThan(currentSlot - 2 * config.slotsPerEpoch()); // too old to count now
    }
    updateHead();
    return this;
  }

  /**
   * The head state advanced to {@code slot}, shared by every duty of that slot (and, through the transition memo, by
   * every node of this JVM on the same head): read-only. Records canonical transitions.
   */
  private BeaconState advancedHeadState(long slot) {
    if (advanced != null && head.equals(advancedRoot) && advanced.slot() == slot) {
      return advanced;
    }
    TransitionMemo.Advanced a = transitions.advance(head, store.sharedState(head).orElseThrow(), slot, config);
    record(a.transitions());
    advancedRoot = head;
    advanced = a.state();
    return advanced;
  }

  private void record(List<EpochTransition> transitions) {
    for (EpochTransition t : transitions) {
      if (t.epoch() > lastRecordedEpoch) {
        lastRecordedEpoch = t.epoch();
        slashing.transitionRecorded(t);
        ChainReload.recorded(chainStore, lastRecordedEpoch);
        publish(new ChainEvent.EpochTransitioned(t, head, store.block(head).map(BeaconBlock::slot).orElse(0L)));
      }
    }
  }

  private Behavior<ChainActor.Command> onGetSlotContext(PosCommand.GetSlotContext g) {
    g.replyTo().tell(new PosCommand.SlotContext(g.slot(), head, advancedHeadState(Math.max(g.slot(), 0))));
    return this;
  }

  /**
   * The end of a simulation (SIMULATION.md, "Stop"): the head state advanced to {@code slot}; the checkpoints reported
   * are that state's, so they agree with the last epochs.jsonl transition.
   */
  private Behavior<ChainActor.Command> onAdvanceHeadTo(PosCommand.AdvanceHeadTo a) {
    BeaconState advancedState = advancedHeadState(Math.max(a.slot(), store.sharedState(head).orElseThrow().slot()));
    PosCommand.PosStatus s = status();
    a.replyTo().tell(new PosCommand.PosStatus(s.currentSlot(), s.headRoot(), s.headSlot(), advancedState.currentJustified(),
        advancedState.finalized(), s.headState(), s.attestationsProcessed()));
    return this;
  }

  private Behavior<ChainActor.Command> onServeBlocks(PosCommand.ServeBeaconBlocks s) {
    List<BeaconBlock> back = new ArrayList<>();
    Hash32 root = s.root();
    int max = Math.max(1, Math.min(s.max(), MAX_SERVED_BLOCKS));
    for (Optional<BeaconBlock> b = store.block(root); b.isPresent() && back.size() < max; b = store.block(root)) {
      back.add(b.get());
      root = b.get().parentRoot();
    }
    Collections.reverse(back);
    s.replyTo().tell(new PosCommand.BeaconBlocksFound(List.copyOf(back), s.forNode()));
    return this;
  }

  private Behavior<ChainActor.Command> onImportBlock(PosCommand.ImportBeaconBlock m) {
    Deque<PosCommand.ImportBeaconBlock> work = new ArrayDeque<>();
    work.add(m);
    while (!work.isEmpty()) {
      PosCommand.ImportBeaconBlock next = work.removeFirst();
      if (importOne(next.block(), next.fromNode())) {
        for (OrphanPool.Pending<BeaconBlock> child : orphans.takeChildrenOf(next.block().root())) {
          work.addLast(new PosCommand.ImportBeaconBlock(child.block(), child.fromNode()));
        }
        votes.blockArrived(next.block().root());
      }
    }
    updateHead();
    return this;
  }

  private boolean importOne(BeaconBlock block, int fromNode) {
    if (store.contains(block.root())) {
      return false;
    }
    Optional<BeaconState> parent = store.sharedState(block.parentRoot()); // processBlock copies before it changes anything
    if (parent.isEmpty()) {
      if (block.slot() <= store.finalized().epoch() * config.slotsPerEpoch()) {
        return false; // older than finality: never importable
      }
      orphans.add(new OrphanPool.Pending<>(block, fromNode));
      if (!reimporting) {
        publish(new ChainEvent.BeaconAncestorMissing(orphans.missingRootOf(block.parentRoot()), block.root(), fromNode));
      }
      return false;
    }
    Optional<?> early = store.checkBlock(block); // e.g. a far-future slot: refuse before any slot processing
    if (early.isPresent()) {
      rejectBlock(block, fromNode, "FORK_CHOICE", String.valueOf(early.get()));
      return false;
    }
    BlockProcessing.Result result = transitions.processBlock(parent.get(), block, config, sigs);
    if (result instanceof BlockProcessing.Rejected r) {
      rejectBlock(block, fromNode, r.rejection().reason().name(), r.rejection().detail());
      if (r.rejection().reason() != BlockInvalidReason.BAD_PROPOSER_SIGNATURE) {
        slashing.blockRefused(parent.get(), block, currentSlot);
      }
      return false;
    }
    BlockProcessing.Applied applied = (BlockProcessing.Applied) result;
    boolean timely = block.slot() == currentSlot && millisIntoSlot() < config.millisPerSlot() / 3;
    Optional<?> refused = store.onBlock(block, applied.postState(), timely);
    if (refused.isPresent()) {
      rejectBlock(block, fromNode, "FORK_CHOICE", String.valueOf(refused.get()));
      slashing.blockRefused(parent.get(), block, currentSlot);
      return false;
    }
    slashing.slashingsApplied(block, applied);
    transitionsOf.put(block.root(), applied.transitions());
    if (reimporting) {
      for (Attestation a : block.body().attestations()) {
        store.onAttestation(a, true);
      }
      return true;
    }
    chainStore.putBeaconBlock(block); // parents first: the order a restarted node re-imports them in
    storeFinalized();
    node.emit("block_imported", "root", block.root().toHex(), "slot", block.slot(), "proposer", block.proposerIndex(),
        "from", fromNode, "attestations", block.body().attestations().size());
    publish(new ChainEvent.BeaconBlockImported(block, fromNode));
    List<ChainEvent.AttestationImported> counted = new ArrayList<>(block.body().attestations().size());
    for (Attestation a : block.body().attestations()) {
      if (store.onAttestation(a, true).isEmpty()) {
        attestationsProcessed++;
        long stake = applied.postState().validator((int) a.validatorIndex()).effectiveBalance();
        counted.add(new ChainEvent.AttestationImported(a, stake, fromNode, true));
      }
    }
    if (!counted.isEmpty()) {
      publish(new ChainEvent.BlockAttestationsImported(block.root(), counted));
    }
    return true;
  }

  /** The finalized checkpoint, stored when fork choice moved it on (only block import does). */
  private void storeFinalized() {
    Checkpoint finalized = store.finalized();
    if (finalized.epoch() > storedFinalizedEpoch) {
      storedFinalizedEpoch = finalized.epoch();
      chainStore.putFinalized(finalized);
    }
  }

  private void rejectBlock(BeaconBlock block, int fromNode, String reason, String detail) {
    if (reimporting) {
      getContext().getLog().debug("node {}: stored beacon block {} at slot {} not re-imported: {} ({})", node.nodeId(),
          block.root().shortHex(), block.slot(), reason, detail);
      return;
    }
    getContext().getLog().debug("node {}: reject beacon block {} at slot {} from node {}: {} ({})", node.nodeId(),
        block.root().shortHex(), block.slot(), fromNode, reason, detail);
    node.emit("block_rejected", "root", block.root().toHex(), "slot", block.slot(), "from", fromNode, "reason", reason,
        "detail", detail);
  }

  private Behavior<ChainActor.Command> onImportAttestation(PosCommand.ImportAttestation m) {
    votes.importMessage(List.of(m.attestation()), m.fromNode());
    return this;
  }

  private Behavior<ChainActor.Command> onImportAttestations(PosCommand.ImportAttestations m) {
    votes.importMessage(m.attestations(), m.fromNode());
    return this;
  }

  /**
   * Evidence the slasher has not seen before: true if it proves an offence (on the head state's registry, slashed or
   * not); then an attester slashing's offender loses its fork-choice weight at once (CONSENSUS.md §5.6).
   */
  private Behavior<ChainActor.Command> onVerifyEvidence(PosCommand.VerifyEvidence v) {
    Optional<SlashingRejection> bad = SlashingRules.verifyEvidence(store.sharedState(head).orElseThrow(),
        v.evidence(), sigs);
    boolean equivocating = false;
    if (bad.isEmpty() && v.evidence() instanceof AttesterSlashing s) {
      store.onAttesterSlashing(List.of((int) s.offender()));
      equivocating = store.isEquivocating((int) s.offender());
      updateHead();
    }
    v.replyTo().tell(new PosCommand.EvidenceVerdict(v.evidence(), v.fromNode(), bad, equivocating));
    return this;
  }

  private void updateHead() {
    Hash32 newHead = store.getHead();
    if (newHead.equals(head)) {
      return;
    }
    Hash32 oldHead = head;
    head = newHead;
    int depth = store.reorgDepth(oldHead, newHead);
    if (depth > 0) {
      node.emit("reorg", "depth", depth, "oldHead", oldHead.toHex(), "newHead", newHead.toHex());
    }
    BeaconState h = store.sharedState(newHead).orElseThrow();
    List<EpochTransition> crossed = transitionsOf.remove(newHead);
    if (crossed != null) {
      record(crossed);
    }
    node.emit("head_changed", "root", newHead.toHex(), "slot", h.slot(), "justified", store.justified().epoch(),
        "finalized", store.finalized().epoch());
    publish(new ChainEvent.PosHeadChanged(newHead, h.slot(), store.justified(), store.finalized(), ledgerOf(h)));
    pruneTransitions(h.slot());
  }

  private void pruneTransitions(long headSlot) {
    long horizon = headSlot - 4 * config.slotsPerEpoch();
    transitionsOf.keySet().removeIf(root -> store.block(root).map(b -> b.slot() < horizon).orElse(true));
  }

  /** The head state's accounts and base fee: immutable, so subscribers can keep them without copying the state. */
  private static LedgerState ledgerOf(BeaconState s) {
    return new LedgerState(s.accounts(), s.baseFee(), List.of());
  }

  private void publish(ChainEvent e) {
    subscribers.publish(e);
  }

}
