package io.actorchain.node.chain;

import io.actorchain.node.net.LocalOnly;
import io.actorchain.core.codec.Hash32;
import io.actorchain.core.pow.BlockRejection;
import io.actorchain.core.pos.ConsensusConfig;
import io.actorchain.core.pos.epoch.PosGenesis;
import io.actorchain.core.pos.state.BeaconState;
import io.actorchain.core.pow.BlockTree;
import io.actorchain.core.state.LedgerState;
import io.actorchain.core.state.RegistryEntry;
import io.actorchain.core.pow.PowBlockRules;
import io.actorchain.core.pow.ImportResult;
import io.actorchain.core.pow.PowBlock;
import io.actorchain.core.pow.Reorg;
import io.actorchain.node.NodeContext;
import io.actorchain.node.store.ChainStore;
import io.actorchain.core.pos.model.BeaconBlock;
import java.math.BigInteger;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Set;
import java.util.Optional;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.AbstractBehavior;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.javadsl.Receive;

/**
 * The single writer of the node's block tree and fork choice (ARCHITECTURE.md). Core decides every
 * rule; this actor holds the tree, buffers orphans, and publishes what changed.
 */
public final class ChainActor extends AbstractBehavior<ChainActor.Command> {
  static final int ORPHAN_CAPACITY = 4096;
  static final int MAX_SERVED_BLOCKS = 256;
  /** A sync reply stays well under Artery's default 256 KiB frame; the requester continues from its oldest block. */
  static final int MAX_SERVED_BYTES = 192 * 1024;

  /** Not sealed: the proof-of-stake commands ({@link PosCommand}) extend it from their own file. */
  public interface Command extends LocalOnly {}

  /** Import a block; {@code fromNode} is the peer it came from, or -1 if produced on this node. */
  public record ImportBlock(PowBlock block, int fromNode) implements Command {}

  /**
   * Import a block mined on this node without announcing it (no {@link ChainEvent.BlockImported}, so it is not
   * flooded): a withholding miner fault (node.fault) builds on it and publishes it later, or never.
   */
  public record ImportWithheld(PowBlock block) implements Command {}

  /** Events of these kinds go to {@code subscriber}; it first gets the current head (and the merge, if merged). */
  public record Subscribe(ActorRef<ChainEvent> subscriber, Set<ChainEvent.Kind> kinds) implements Command {
    /** {@code headsOnly}: {@link ChainEvent.Kind#HEADS}; otherwise every kind. */
    public Subscribe(ActorRef<ChainEvent> subscriber, boolean headsOnly) {
      this(subscriber, headsOnly ? ChainEvent.Kind.HEADS : ChainEvent.Kind.ALL);
    }
  }

  public record GetHead(ActorRef<HeadInfo> replyTo) implements Command {}

  /** Blocks {@code root} and its ancestors, at most {@code max}, ascending; for a peer's sync request. */
  public record ServeBlocks(Hash32 root, int max, int forNode, ActorRef<BlocksFound> replyTo) implements Command {}

  public record BlocksFound(List<PowBlock> blocks, int forNode) implements LocalOnly {}

  /** A snapshot of the head and counters, for status and views. */
  public record HeadInfo(PowBlock head, BigInteger totalDifficulty, int blocks, long reorgs, long rejected, int orphans,
      ChainEvent.HeadChanged current) implements LocalOnly {}

  private final NodeContext node;
  private final BlockTree tree;
  private final ChainStore store;
  /** The beacon blocks a restarted node reloaded, for the beacon chain to re-import once it has merged again. */
  private List<BeaconBlock> reloadedBeaconBlocks = List.of();
  private final OrphanPool<PowBlock> orphans = new OrphanPool<>(ORPHAN_CAPACITY, PowBlock::hash, PowBlock::parentHash);
  private final Subscribers subscribers = new Subscribers();
  private long reorgs;
  private long rejected;
  private long mergeAtHeight;

  /**
   * The chain of {@code node}, starting from {@code tree} (the genesis) and the blocks its store holds: a restarted node
   * reloads them before it handles anything ({@link ChainReload}), merged again if it had merged.
   */
  public static Behavior<Command> create(NodeContext node, BlockTree tree) {
    return Behaviors.setup(ctx -> new ChainActor(ctx, node, tree).reload());
  }

  private ChainActor(ActorContext<Command> ctx, NodeContext node, BlockTree tree) {
    super(ctx);
    this.node = node;
    this.tree = tree;
    this.store = node.stores().chain();
    this.mergeAtHeight = node.settings().consensus().mergeAtHeight();
  }

  /** Re-imports the stored PoW blocks, then merges if the stored chain had (keeping its beacon blocks for the swap). */
  private Behavior<Command> reload() {
    ChainReload reload = ChainReload.load(store, tree, node.clock().nowMillis());
    if (reload.isEmpty()) {
      return this;
    }
    reload.mergeAtHeight().ifPresent(h -> mergeAtHeight = h);
    reloadedBeaconBlocks = reload.beaconBlocks();
    getContext().getLog().info("node {}: reloaded {} PoW block(s) (head at height {}) and {} beacon block(s) from {}",
        node.nodeId(), reload.powBlocks(), tree.head().height(), reloadedBeaconBlocks.size(), store.location());
    node.emit("chain_reloaded", "powBlocks", reload.powBlocks(), "powHeight", tree.head().height(),
        "powHead", tree.head().hash().toHex(), "beaconBlocks", reloadedBeaconBlocks.size());
    return reload.startedPos() ? merge(tree.genesis()) : checkMerge();
  }

  @Override
  public Receive<Command> createReceive() {
    return newReceiveBuilder()
        .onMessage(ImportBlock.class, this::onImport)
        .onMessage(ImportWithheld.class, w -> {
          importOne(w.block(), -1, false);
          return checkMerge();
        })
        .onMessage(Subscribe.class, this::onSubscribe)
        .onMessage(GetHead.class, this::onGetHead)
        .onMessage(ServeBlocks.class, s -> serve(tree, s))
        .onMessageEquals(PosCommand.StartPos.INSTANCE, () -> {
          ChainReload.startedPos(store);
          return merge(tree.genesis());
        })
        .onMessage(PosCommand.MergeAt.class, this::onMergeAt)
        .build();
  }

  private ChainEvent.HeadChanged headChanged() {
    PowBlock head = tree.head();
    return new ChainEvent.HeadChanged(head, tree.contextFor(head.hash()), tree.totalDifficulty(head.hash()));
  }

  private Behavior<Command> onSubscribe(Subscribe s) {
    subscribers.add(s.subscriber(), s.kinds());
    s.subscriber().tell(headChanged());
    return this;
  }

  private Behavior<Command> onGetHead(GetHead g) {
    return replyHead(tree, g, reorgs, rejected, orphans.size());
  }

  static <T> Behavior<T> replyHead(BlockTree tree, GetHead g, long reorgs, long rejected, int orphans) {
    PowBlock head = tree.head();
    g.replyTo().tell(new HeadInfo(head, tree.totalDifficulty(head.hash()), tree.size(), reorgs, rejected, orphans,
        new ChainEvent.HeadChanged(head, tree.contextFor(head.hash()), tree.totalDifficulty(head.hash()))));
    return Behaviors.same();
  }

  private Behavior<Command> onMergeAt(PosCommand.MergeAt m) {
    mergeAtHeight = m.height();
    ChainReload.mergeScheduled(store, m.height());
    node.emit("merge_scheduled", "atHeight", m.height());
    return checkMerge();
  }

  /** CONSENSUS.md §4: once the canonical head is {@code confirmations} past H, the block at H is terminal. */
  private Behavior<Command> checkMerge() {
    if (mergeAtHeight < 0 || tree.head().height() < mergeAtHeight + node.settings().consensus().mergeConfirmations()) {
      return this;
    }
    return merge(tree.canonicalAt(mergeAtHeight).orElseThrow());
  }

  /** The swap: build the PoS genesis from the terminal block and become the beacon chain. */
  private Behavior<Command> merge(PowBlock terminal) {
    ConsensusConfig config = node.settings().consensus().config();
    LedgerState ledger = tree.stateOf(terminal.hash());
    List<PosGenesis.GenesisValidator> validators = new ArrayList<>();
    for (RegistryEntry e : ledger.registry()) {
      validators.add(new PosGenesis.GenesisValidator(e.pubkey(), e.stake()));
    }
    BeaconState genesis = PosGenesis.create(validators, terminal.hash(), terminal.timestamp(), ledger.accounts(),
        ledger.baseFee(), config);
    getContext().getLog().info("node {}: merge at PoW height {} ({}); {} validators; slot 0 at {} s", node.nodeId(),
        terminal.height(), terminal.hash().shortHex(), validators.size(), genesis.genesisTime());
    node.emit("merge", "terminalHeight", terminal.height(), "terminalHash", terminal.hash().toHex(),
        "validators", validators.size(), "genesisTime", genesis.genesisTime());
    ChainEvent.Merged merged = new ChainEvent.Merged(terminal.hash(), terminal.height(), genesis.genesisTime(), genesis);
    publish(merged);
    List<BeaconBlock> reimport = reloadedBeaconBlocks;
    reloadedBeaconBlocks = List.of();
    return new BeaconChainActor(getContext(), node, config, merged, tree, subscribers, reimport);
  }

  static <T> Behavior<T> serve(BlockTree tree, ServeBlocks s) {
    int max = Math.max(1, Math.min(s.max(), MAX_SERVED_BLOCKS));
    List<PowBlock> ascending = new ArrayList<>();
    int bytes = 0;
    for (PowBlock b : tree.contains(s.root()) ? tree.ancestors(s.root(), max) : List.<PowBlock>of()) {
      bytes += b.canonical().length;
      if (!ascending.isEmpty() && bytes > MAX_SERVED_BYTES) {
        break;
      }
      ascending.add(b);
    }
    java.util.Collections.reverse(ascending);
    s.replyTo().tell(new BlocksFound(List.copyOf(ascending), s.forNode()));
    return Behaviors.same();
  }

  private Behavior<Command> onImport(ImportBlock m) {
    Behavior<Command> next = importAll(m);
    return next == this ? checkMerge() : next;
  }

  private Behavior<Command> importAll(ImportBlock m) {
    Deque<ImportBlock> work = new ArrayDeque<>();
    work.add(m);
    while (!work.isEmpty()) {
      ImportBlock next = work.removeFirst();
      if (importOne(next.block(), next.fromNode(), true)) {
        for (OrphanPool.Pending<PowBlock> child : orphans.takeChildrenOf(next.block().hash())) {
          work.addLast(new ImportBlock(child.block(), child.fromNode()));
        }
      }
    }
    return this;
  }

  /** Returns true if the block joined the tree; {@code announce} is false for a withheld block of this node. */
  private boolean importOne(PowBlock block, int fromNode, boolean announce) {
    ImportResult result = tree.importBlock(block, node.clock().nowMillis());
    if (result instanceof ImportResult.Imported imported) {
      store.putPowBlock(block); // parents first: the order a restarted node re-imports them in
      if (announce) {
        publish(new ChainEvent.BlockImported(block, fromNode));
      }
      node.emit("block_imported", "hash", block.hash().toHex(), "height", block.height(), "from", fromNode,
          "txs", block.transactions().size());
      imported.reorg().ifPresent(this::onReorg);
      if (imported.headChanged()) {
        ChainEvent.HeadChanged hc = headChanged();
        node.emit("head_changed", "hash", block.hash().toHex(), "height", block.height(),
            "totalDifficulty", hc.totalDifficulty().toString());
        publish(hc);
      }
      return true;
    } else if (result instanceof ImportResult.MissingParent missing) {
      Optional<BlockRejection> bad = PowBlockRules.checkContextFree(block, tree.params());
      if (bad.isPresent()) {
        reject(block, bad.get(), fromNode);
        return false;
      }
      orphans.add(new OrphanPool.Pending<>(block, fromNode));
      // Announced on every offer, so a fetch that was given up is tried again when the block comes again.
      publish(new ChainEvent.AncestorMissing(orphans.missingRootOf(missing.parentHash()), block.hash(), fromNode));
      return false;
    } else if (result instanceof ImportResult.Invalid invalid) {
      reject(block, invalid.rejection(), fromNode);
      return false;
    } else if (result instanceof ImportResult.Duplicate) {
      return false;
    }
    throw new IllegalStateException("unknown import result " + result);
  }

  private void reject(PowBlock block, BlockRejection rejection, int fromNode) {
    rejected++;
    getContext().getLog().debug("reject block {} at height {} from node {}: {} ({})", block.hash().shortHex(),
        block.height(), fromNode, rejection.reason().describe(), rejection.detail());
    node.emit("block_rejected", "hash", block.hash().toHex(), "height", block.height(), "from", fromNode,
        "reason", rejection.reason().name(), "detail", rejection.detail());
    publish(new ChainEvent.BlockRejected(block.hash(), rejection, fromNode));
  }

  private void onReorg(Reorg r) {
    reorgs++;
    getContext().getLog().info("reorg depth {}: {} -> {}", r.depth(), r.oldHead().shortHex(), r.newHead().shortHex());
    node.emit("reorg", "depth", r.depth(), "oldHead", r.oldHead().toHex(), "newHead", r.newHead().toHex(),
        "commonAncestor", r.commonAncestor().toHex());
    List<io.actorchain.core.tx.Transaction> abandoned = new ArrayList<>();
    for (PowBlock b : tree.ancestors(r.oldHead(), r.depth())) {
      abandoned.addAll(b.transactions());
    }
    publish(new ChainEvent.Reorged(r, List.copyOf(abandoned)));
  }

  private void publish(ChainEvent e) {
    subscribers.publish(e);
  }
}
