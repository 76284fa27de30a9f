package io.actorchain.node.consensus;

import io.actorchain.node.net.LocalOnly;
import io.actorchain.core.crypto.Address;
import io.actorchain.core.pow.BlockContext;
import io.actorchain.core.pow.PowBlock;
import io.actorchain.core.pow.PowBlockBuilder;
import io.actorchain.core.pow.PowHasher;
import io.actorchain.core.pow.Targets;
import io.actorchain.core.tx.Fees;
import io.actorchain.core.tx.Transaction;
import io.actorchain.node.NodeContext;
import io.actorchain.node.chain.ChainActor;
import io.actorchain.node.chain.ChainEvent;
import io.actorchain.node.chain.MempoolActor;
import io.actorchain.node.config.PowMode;
import java.math.BigInteger;
import java.time.Duration;
import java.util.List;
import java.util.OptionalLong;
import java.util.SplittableRandom;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.AbstractBehavior;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.javadsl.Receive;
import org.apache.pekko.actor.typed.javadsl.TimerScheduler;

/**
 * A proof-of-work miner (CONSENSUS.md §3, mining modes). It restarts its work on every new head.
 * Simulated: the next block is found after Exp(hashrate / work), drawn from the miner's seeded
 * generator. Real: it searches nonces with SHA-256d in chunks, checking for a new head between chunks.
 */
public final class MinerActor extends AbstractBehavior<MinerActor.Command> {
  static final String FIND_TIMER = "find";

  public sealed interface Command extends LocalOnly {}

  public record GetStats(ActorRef<Stats> replyTo) implements Command {}

  public record Stats(String name, long blocksMined, long hashes) implements LocalOnly {}

  /** A PoW fault (node.fault): hand every block found to {@code withholder} instead of the chain. */
  public record WithholdTo(ActorRef<WithholdingActor.Command> withholder) implements Command {}

  /** The PoW fault is cleared: blocks found go to the chain again. */
  public enum Honest implements Command { INSTANCE }

  private record HeadUpdate(ChainEvent event) implements Command {}

  private record Found(long generation) implements Command {}

  private record Candidates(long generation, List<Transaction> transactions) implements Command {}

  private record Chunk(long generation) implements Command {}

  private final NodeContext node;
  private final MinerSpec spec;
  private final PowMode mode;
  private final Address reward;
  private final ActorRef<ChainActor.Command> chain;
  private final ActorRef<MempoolActor.Command> mempool;
  private final TimerScheduler<Command> timers;
  private final SplittableRandom random;
  private final ActorRef<MempoolActor.Selected> selectedAdapter;
  private BlockContext context;
  private long generation;
  private PowBlock template;
  private PowHasher hasher;
  private long nextNonce;
  private long blocksMined;
  private long hashes;
  /** Where found blocks go: the chain, which announces them, or a PoW fault's withholder. */
  private java.util.function.Consumer<PowBlock> deliver;

  public static Behavior<Command> create(NodeContext node, MinerSpec spec, PowMode mode,
      ActorRef<ChainActor.Command> chain, ActorRef<MempoolActor.Command> mempool) {
    return Behaviors.setup(ctx -> Behaviors.withTimers(timers -> {
      chain.tell(new ChainActor.Subscribe(ctx.messageAdapter(ChainEvent.class, HeadUpdate::new), true));
      return new MinerActor(ctx, node, spec, mode, chain, mempool, timers);
    }));
  }

  private MinerActor(ActorContext<Command> ctx, NodeContext node, MinerSpec spec, PowMode mode,
      ActorRef<ChainActor.Command> chain, ActorRef<MempoolActor.Command> mempool, TimerScheduler<Command> timers) {
    super(ctx);
    this.node = node;
    this.spec = spec;
    this.mode = mode;
    this.reward = node.settings().key(spec.name()).address();
    this.chain = chain;
    this.mempool = mempool;
    this.timers = timers;
    this.random = new SplittableRandom(node.seedFor("miner-" + spec.name()));
    this.selectedAdapter = ctx.messageAdapter(MempoolActor.Selected.class,
        s -> new Candidates(s.requestId(), s.transactions()));
    this.deliver = this::importBlock;
  }

  @Override
  public Receive<Command> createReceive() {
    return newReceiveBuilder()
        .onMessage(HeadUpdate.class, this::onHead)
        .onMessage(Found.class, this::onFound)
        .onMessage(Candidates.class, this::onCandidates)
        .onMessage(Chunk.class, this::onChunk)
        .onMessage(GetStats.class, this::onGetStats)
        .onMessage(WithholdTo.class, w -> {
          deliver = b -> w.withholder().tell(new WithholdingActor.Mined(b));
          return this;
        })
        .onMessageEquals(Honest.INSTANCE, () -> {
          deliver = this::importBlock;
          return this;
        })
        .build();
  }

  private Behavior<Command> onHead(HeadUpdate u) {
    if (!(u.event() instanceof ChainEvent.HeadChanged hc)) {
      return this;
    }
    context = hc.next();
    generation++;
    template = null;
    hasher = null;
    timers.cancel(FIND_TIMER);
    if (mode == PowMode.SIMULATED) {
      scheduleFind();
    } else {
      askForCandidates();
    }
    return this;
  }

  /** Exp(hashrate / work): the waiting time of a memoryless search at this miner's rate. */
  private void scheduleFind() {
    BigInteger work = Targets.work(context.target());
    double u = random.nextDouble();
    double seconds = -StrictMath.log1p(-u) * work.doubleValue() / spec.hashrate();
    long millis = Math.max(1, Math.round(seconds * 1000.0));
    timers.startSingleTimer(FIND_TIMER, new Found(generation), Duration.ofMillis(millis));
  }

  private void askForCandidates() {
    mempool.tell(new MempoolActor.Select(context.state(), Fees.MAX_TXS_PER_BLOCK, generation, selectedAdapter));
  }

  private Behavior<Command> onFound(Found f) {
    if (f.generation() == generation) {
      askForCandidates();
    }
    return this;
  }

  private Behavior<Command> onCandidates(Candidates c) {
    if (c.generation() != generation || context == null) {
      return this;
    }
    long timestamp = PowBlockBuilder.timestampFor(context, node.clock().nowMillis());
    PowBlock block = PowBlockBuilder.build(context, reward, timestamp, c.transactions(), node.settings().pow());
    if (mode == PowMode.SIMULATED) {
      submit(block);
      // If our block does not become the head (it lost a race), keep mining on the same parent.
      scheduleFind();
    } else {
      template = block;
      hasher = new PowHasher(block.header());
      nextNonce = random.nextLong() & Long.MAX_VALUE;
      getContext().getSelf().tell(new Chunk(generation));
    }
    return this;
  }

  private Behavior<Command> onChunk(Chunk c) {
    if (c.generation() != generation || hasher == null) {
      return this;
    }
    int chunk = node.settings().miningChunk();
    OptionalLong found = hasher.search(nextNonce, chunk);
    if (found.isPresent()) {
      hashes += found.getAsLong() - nextNonce + 1;
      PowBlock block = new PowBlock(template.header().withNonce(found.getAsLong()), template.coinbase(), template.transactions());
      hasher = null;
      submit(block);
      return this;
    }
    hashes += chunk;
    nextNonce += chunk;
    if (spec.hashrate() > 0) {
      long pauseMillis = Math.max(1, chunk * 1000L / spec.hashrate());
      timers.startSingleTimer(FIND_TIMER, new Chunk(generation), Duration.ofMillis(pauseMillis));
    } else {
      getContext().getSelf().tell(new Chunk(generation));
    }
    return this;
  }

  private void submit(PowBlock block) {
    blocksMined++;
    node.emit("pow_block_mined", "miner", spec.name(), "hash", block.hash().toHex(), "height", block.height(),
        "txs", block.transactions().size());
    deliver.accept(block);
  }

  private void importBlock(PowBlock block) {
    chain.tell(new ChainActor.ImportBlock(block, -1));
  }

  private Behavior<Command> onGetStats(GetStats g) {
    g.replyTo().tell(new Stats(spec.name(), blocksMined, hashes));
    return this;
  }
}
