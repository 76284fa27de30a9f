package io.actorchain.node.chain;

import io.actorchain.node.net.LocalOnly;
import io.actorchain.core.codec.Hash32;
import io.actorchain.node.NodeContext;
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
 * Fetches missing ancestors by root from peers (ARCHITECTURE.md): after a partition, a restart, or a
 * block that arrived before its parent. One request per missing root at a time; a request that gets
 * no answer in time is retried with the next peer.
 */
public final class SyncActor extends AbstractBehavior<SyncActor.Command> {
  public static final int BATCH = 64;
  static final Duration RETRY_AFTER = Duration.ofSeconds(3);
  static final int MAX_ATTEMPTS = 6;

  public sealed interface Command extends LocalOnly {}

  /** Ask a peer for {@code root} and up to BATCH − 1 of its ancestors. */
  /** {@code beacon}: a proof-of-stake block rather than a PoW block. */
  public record RequestBlocks(int peer, Hash32 root, int max, boolean beacon) implements LocalOnly {}

  public record PeersChanged(List<Integer> peers) implements Command {}

  private record Chain(ChainEvent event) implements Command {}

  private record Retry(Hash32 root) implements Command {}

  private record InFlight(int peer, int attempts, boolean beacon) {}

  private final NodeContext node;
  private final ActorRef<RequestBlocks> requests;
  private final TimerScheduler<Command> timers;
  private final Map<Hash32, InFlight> inFlight = new TreeMap<>();
  private List<Integer> peers = List.of();

  public static Behavior<Command> create(NodeContext node, ActorRef<ChainActor.Command> chain, ActorRef<RequestBlocks> requests) {
    return Behaviors.setup(ctx -> Behaviors.withTimers(timers -> {
      chain.tell(new ChainActor.Subscribe(ctx.messageAdapter(ChainEvent.class, Chain::new), java.util.EnumSet.of(
          ChainEvent.Kind.ANCESTOR_MISSING, ChainEvent.Kind.BEACON_ANCESTOR_MISSING, ChainEvent.Kind.BLOCK_IMPORTED,
          ChainEvent.Kind.BEACON_BLOCK_IMPORTED)));
      return new SyncActor(ctx, node, requests, timers);
    }));
  }

  private SyncActor(ActorContext<Command> ctx, NodeContext node, ActorRef<RequestBlocks> requests, TimerScheduler<Command> timers) {
    super(ctx);
    this.node = node;
    this.requests = requests;
    this.timers = timers;
  }

  @Override
  public Receive<Command> createReceive() {
    return newReceiveBuilder()
        .onMessage(Chain.class, this::onChain)
        .onMessage(PeersChanged.class, this::onPeers)
        .onMessage(Retry.class, this::onRetry)
        .build();
  }

  private Behavior<Command> onPeers(PeersChanged p) {
    peers = List.copyOf(p.peers());
    return this;
  }

  private Behavior<Command> onChain(Chain c) {
    if (c.event() instanceof ChainEvent.AncestorMissing m) {
      missing(m.missingRoot(), m.held(), m.fromNode(), false);
    } else if (c.event() instanceof ChainEvent.BeaconAncestorMissing m) {
      missing(m.missingRoot(), m.held(), m.fromNode(), true);
    } else if (c.event() instanceof ChainEvent.BlockImported b) {
      arrived(b.block().hash());
    } else if (c.event() instanceof ChainEvent.BeaconBlockImported b) {
      arrived(b.block().root());
    }
    return this;
  }

  private void missing(Hash32 root, Hash32 held, int fromNode, boolean beacon) {
    arrived(held); // what we asked for came, even if it cannot be imported yet
    if (!inFlight.containsKey(root) && fromNode >= 0) {
      request(root, fromNode, 1, beacon);
    }
  }

  private void arrived(Hash32 hash) {
    if (inFlight.remove(hash) != null) {
      timers.cancel(hash);
    }
  }

  private void request(Hash32 root, int peer, int attempt, boolean beacon) {
    inFlight.put(root, new InFlight(peer, attempt, beacon));
    requests.tell(new RequestBlocks(peer, root, BATCH, beacon));
    timers.startSingleTimer(root, new Retry(root), RETRY_AFTER);
    if (attempt == 1) {
      node.emit("sync_request", "root", root.toHex(), "peer", peer);
    }
  }

  private Behavior<Command> onRetry(Retry r) {
    InFlight f = inFlight.remove(r.root());
    if (f == null) {
      return this;
    }
    if (f.attempts() >= MAX_ATTEMPTS || peers.isEmpty()) {
      getContext().getLog().debug("give up fetching {} after {} attempts", r.root().shortHex(), f.attempts());
      return this;
    }
    int idx = peers.indexOf(f.peer());
    int next = peers.get((idx + 1) % peers.size());
    request(r.root(), next, f.attempts() + 1, f.beacon());
    return this;
  }
}
