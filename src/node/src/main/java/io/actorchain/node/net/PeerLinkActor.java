package io.actorchain.node.net;

import io.actorchain.core.codec.Hash32;
import io.actorchain.node.NodeContext;
import io.actorchain.node.config.LinkSettings;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.AbstractBehavior;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.javadsl.Receive;

/**
 * One directed link from this node to a peer (ARCHITECTURE.md). It adds latency and jitter, drops
 * by loss or partition, and never carries the same gossip twice. It does not know whether the
 * peer is in this JVM or another process.
 *
 * @param <M> the peer's inbox message type
 */
public final class PeerLinkActor<M> extends AbstractBehavior<PeerLinkActor.Command> {
  static final int DEDUPE_CAPACITY = 8192;
  /** The most votes in one message: about 60 KiB of CBOR, well under a peer's frame limit. */
  public static final int MAX_BATCH = 256;

  public sealed interface Command extends LocalOnly {}

  /** Carry {@code payload}; {@code id} (nullable) dedupes gossip. */
  public record Send(Wire payload, Hash32 id) implements Command {}

  /**
   * Carry votes published in one instant, in order: each is deduped and may be lost on its own, and those left travel
   * together, with one latency draw, in messages of at most {@link #MAX_BATCH} votes.
   */
  public record SendVotes(List<Send> votes) implements Command {
    public SendVotes {
      votes = List.copyOf(votes);
      for (Send vote : votes) {
        if (!(vote.payload() instanceof Wire.AttestationGossip)) {
          throw new IllegalArgumentException("not a vote: " + vote.payload());
        }
      }
    }
  }

  public record ApplyFault(LinkFault fault) implements Command {}

  public record GetStats(ActorRef<Stats> replyTo) implements Command {}

  public record Stats(int peer, long sent, long dropped, long deduped, boolean partitioned, LinkSettings settings) implements LocalOnly {}

  /** How a payload is wrapped for the peer's inbox, e.g. {@code NodeGuardian.FromPeer}. */
  public interface Envelope<M> {
    M wrap(int fromNode, Wire payload);
  }

  private final NodeContext node;
  private final int peerId;
  private final ActorRef<M> peer;
  private final Envelope<M> envelope;
  private final LinkSettings configured;
  private final SplittableRandom random;
  private final RecentIds carried = new RecentIds(DEDUPE_CAPACITY);
  private LinkSettings settings;
  private boolean partitioned;
  private long sent;
  private long dropped;
  private long deduped;

  public static <M> Behavior<Command> create(NodeContext node, int peerId, ActorRef<M> peer, Envelope<M> envelope) {
    return Behaviors.setup(ctx -> new PeerLinkActor<>(ctx, node, peerId, peer, envelope));
  }

  private PeerLinkActor(ActorContext<Command> ctx, NodeContext node, int peerId, ActorRef<M> peer, Envelope<M> envelope) {
    super(ctx);
    this.node = node;
    this.peerId = peerId;
    this.peer = peer;
    this.envelope = envelope;
    this.configured = node.settings().link();
    this.settings = configured;
    this.random = new SplittableRandom(node.seedFor("link-" + peerId));
  }

  @Override
  public Receive<Command> createReceive() {
    return newReceiveBuilder()
        .onMessage(Send.class, this::onSend)
        .onMessage(SendVotes.class, this::onSendVotes)
        .onMessage(ApplyFault.class, this::onFault)
        .onMessage(GetStats.class, this::onGetStats)
        .build();
  }

  private Behavior<Command> onSend(Send s) {
    if (passes(s)) {
      deliver(s.payload());
    }
    return this;
  }

  private Behavior<Command> onSendVotes(SendVotes s) {
    List<Wire.AttestationGossip> passed = new ArrayList<>(s.votes().size());
    for (Send vote : s.votes()) {
      if (passes(vote)) {
        passed.add((Wire.AttestationGossip) vote.payload());
      }
    }
    for (int from = 0; from < passed.size(); from += MAX_BATCH) {
      List<Wire.AttestationGossip> part = passed.subList(from, Math.min(passed.size(), from + MAX_BATCH));
      deliver(part.size() == 1 ? part.get(0) : Wire.AttestationBatch.of(part));
    }
    return this;
  }

  /** Whether {@code s} goes on: not carried before, and neither partitioned nor lost (counting each outcome). */
  private boolean passes(Send s) {
    if (s.id() != null && !carried.add(s.id())) {
      deduped++;
      return false;
    }
    if (partitioned || (settings.loss() > 0 && random.nextDouble() < settings.loss())) {
      dropped++;
      return false;
    }
    sent++;
    return true;
  }

  private void deliver(Wire payload) {
    M msg = envelope.wrap(node.nodeId(), payload);
    long delay = delayMillis();
    if (delay <= 0) {
      peer.tell(msg);
    } else {
      getContext().scheduleOnce(Duration.ofMillis(delay), peer, msg);
    }
  }

  private long delayMillis() {
    long mean = settings.meanLatencyMillis();
    long jitter = settings.jitterMillis();
    if (jitter == 0) {
      return mean;
    }
    return mean - jitter + random.nextLong(2 * jitter + 1);
  }

  private Behavior<Command> onFault(ApplyFault f) {
    LinkFault fault = f.fault();
    if (fault instanceof LinkFault.Latency l) {
      settings = settings.withLatency(l.meanMillis(), l.jitterMillis());
    } else if (fault instanceof LinkFault.Loss l) {
      settings = settings.withLoss(l.probability());
    } else if (fault instanceof LinkFault.Partition) {
      partitioned = true;
    } else if (fault instanceof LinkFault.Heal) {
      liftPartition();
      settings = configured;
    } else if (fault instanceof LinkFault.Clear c) {
      switch (c.kind()) {
        case "partition" -> liftPartition();
        case "latency" -> settings = settings.withLatency(configured.meanLatencyMillis(), configured.jitterMillis());
        case "loss" -> settings = settings.withLoss(configured.loss());
        default -> throw new IllegalStateException("unknown clear kind " + c.kind());
      }
    } else {
      throw new IllegalStateException("unknown link fault " + fault);
    }
    getContext().getLog().debug("link {}->{} now {} partitioned={}", node.nodeId(), peerId, settings, partitioned);
    return this;
  }

  private void liftPartition() {
    partitioned = false;
    carried.clear(); // what was dropped during the partition may be offered again
  }

  private Behavior<Command> onGetStats(GetStats g) {
    g.replyTo().tell(new Stats(peerId, sent, dropped, deduped, partitioned, settings));
    return this;
  }
}
