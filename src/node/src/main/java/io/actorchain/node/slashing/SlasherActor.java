package io.actorchain.node.slashing;

import io.actorchain.core.codec.Hash32;
import io.actorchain.core.pos.ConsensusConfig;
import io.actorchain.core.pos.model.Attestation;
import io.actorchain.core.pos.model.AttesterSlashing;
import io.actorchain.core.pos.model.BeaconBlock;
import io.actorchain.core.pos.model.ProposerSlashing;
import io.actorchain.core.pos.model.SignedBeaconBlockHeader;
import io.actorchain.core.pos.model.SlashingEvidence;
import io.actorchain.core.pos.slashing.Slasher;
import io.actorchain.core.pos.slashing.SlashingRejection;
import io.actorchain.core.pos.slashing.SlashingRules;
import io.actorchain.node.NodeContext;
import io.actorchain.node.chain.ChainActor;
import io.actorchain.node.chain.ChainEvent;
import io.actorchain.node.chain.MempoolActor;
import io.actorchain.node.chain.PosCommand;
import io.actorchain.node.net.LocalOnly;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.AbstractBehavior;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.javadsl.Receive;

/**
 * The node's slasher (ARCHITECTURE.md, "Actors of one node"; CONSENSUS.md §6). It runs core's {@link Slasher} over
 * every header and attestation the node verified: those of imported blocks, and the chain's per-slot batch of the rest
 * (gossip votes, votes refused for their source or committee, headers of refused blocks). It also takes evidence from
 * peers and from blocks. Evidence new by root goes to the chain, which verifies it and at once leaves an equivocating
 * attester out of fork choice. True evidence against an offender not reported yet is reported once
 * ({@code evidence_found}), handed to the mempool and gossiped once. Evidence that proves nothing is rejected with its
 * reason ({@code evidence_rejected}, counted) and goes nowhere.
 */
public final class SlasherActor extends AbstractBehavior<SlasherActor.Command> {
  /** Evidence roots remembered, so that what peers flood back is neither verified nor reported again. */
  static final int SEEN_CAPACITY = 4096;

  public sealed interface Command extends LocalOnly {}

  /** Evidence gossiped by peer {@code fromNode}. */
  public record FromPeer(SlashingEvidence evidence, int fromNode) implements Command {}

  public record GetStats(ActorRef<Stats> replyTo) implements Command {}

  /**
   * What the slasher has done: evidence {@code found} (reported, from any source), {@code received} from peers,
   * {@code duplicates} dropped (a root already seen, or an offender already reported), {@code rejected} as proving
   * nothing, {@code gossiped} to peers; and the headers and votes core's slasher holds.
   */
  public record Stats(long found, long received, long duplicates, long rejected, long gossiped, int storedHeaders,
      int storedVotes) implements LocalOnly {}

  /** True, newly reported evidence for the node to flood to every peer but {@code fromNode} (-1: to all). */
  public record Gossip(SlashingEvidence evidence, int fromNode) implements LocalOnly {}

  private record ChainNews(ChainEvent event) implements Command {}

  private record Verified(PosCommand.EvidenceVerdict verdict) implements Command {}

  /** Where a piece of evidence came from, as {@code evidence_found} names it in {@code via}. */
  private enum Origin {
    SLASHER, GOSSIP, BLOCK;

    String label() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }
  }

  private record Pending(Origin origin, int fromNode, long detectedAtSlot) {}

  private final NodeContext node;
  private final ConsensusConfig config;
  private final ActorRef<ChainActor.Command> chain;
  private final ActorRef<MempoolActor.Command> mempool;
  private final ActorRef<Gossip> gossip;
  private final ActorRef<PosCommand.EvidenceVerdict> verdicts;
  private final Slasher slasher;
  private final Map<Hash32, Boolean> seen = new LinkedHashMap<>(256, 0.75f, false) {
    @Override
    protected boolean removeEldestEntry(Map.Entry<Hash32, Boolean> eldest) {
      return size() > SEEN_CAPACITY;
    }
  };
  private final Map<Hash32, Pending> awaitingVerdict = new TreeMap<>();
  private final Set<Long> reported = new TreeSet<>();
  private long genesisMillis = -1;
  private long found;
  private long received;
  private long duplicates;
  private long rejected;
  private long gossiped;

  public static Behavior<Command> create(NodeContext node, ActorRef<ChainActor.Command> chain,
      ActorRef<MempoolActor.Command> mempool, ActorRef<Gossip> gossip) {
    return Behaviors.setup(ctx -> new SlasherActor(ctx, node, chain, mempool, gossip));
  }

  private SlasherActor(ActorContext<Command> ctx, NodeContext node, ActorRef<ChainActor.Command> chain,
      ActorRef<MempoolActor.Command> mempool, ActorRef<Gossip> gossip) {
    super(ctx);
    this.node = node;
    this.config = node.settings().consensus().config();
    this.chain = chain;
    this.mempool = mempool;
    this.gossip = gossip;
    this.slasher = new Slasher(config);
    this.verdicts = ctx.messageAdapter(PosCommand.EvidenceVerdict.class, Verified::new);
    chain.tell(new ChainActor.Subscribe(ctx.messageAdapter(ChainEvent.class, ChainNews::new), EnumSet.of(
        ChainEvent.Kind.MERGED, ChainEvent.Kind.BEACON_BLOCK_IMPORTED, ChainEvent.Kind.SIGNED_MESSAGES)));
  }

  @Override
  public Receive<Command> createReceive() {
    return newReceiveBuilder()
        .onMessage(ChainNews.class, this::onChainNews)
        .onMessage(FromPeer.class, this::onFromPeer)
        .onMessage(Verified.class, this::onVerified)
        .onMessage(GetStats.class, this::onGetStats)
        .build();
  }

  private Behavior<Command> onChainNews(ChainNews n) {
    ChainEvent e = n.event();
    if (e instanceof ChainEvent.Merged m) {
      genesisMillis = m.genesisTimeSeconds() * 1000;
    } else if (e instanceof ChainEvent.BeaconBlockImported b) {
      onBlock(b.block(), b.fromNode());
    } else if (e instanceof ChainEvent.SignedMessagesSeen s) {
      s.headers().forEach(this::onHeader);
      s.attestations().forEach(this::onAttestation);
    }
    return this;
  }

  private void onBlock(BeaconBlock b, int fromNode) {
    onHeader(new SignedBeaconBlockHeader(b.header(), b.sig()));
    b.body().attestations().forEach(this::onAttestation);
    for (ProposerSlashing s : b.body().proposerSlashings()) {
      consider(s, Origin.BLOCK, fromNode);
    }
    for (AttesterSlashing s : b.body().attesterSlashings()) {
      consider(s, Origin.BLOCK, fromNode);
    }
  }

  private void onHeader(SignedBeaconBlockHeader h) {
    slasher.onHeader(h).ifPresent(e -> consider(e, Origin.SLASHER, -1));
  }

  private void onAttestation(Attestation a) {
    slasher.onAttestation(a).ifPresent(e -> consider(e, Origin.SLASHER, -1));
  }

  private Behavior<Command> onFromPeer(FromPeer p) {
    received++;
    if (genesisMillis < 0) {
      getContext().getLog().debug("node {}: ignored slashing evidence from node {}: not in proof of stake yet",
          node.nodeId(), p.fromNode());
      return this;
    }
    consider(p.evidence(), Origin.GOSSIP, p.fromNode());
    return this;
  }

  /** New evidence, by root and by offender, goes to the chain to be verified; the rest is a duplicate. */
  private void consider(SlashingEvidence e, Origin origin, int fromNode) {
    Hash32 root = e.root();
    if (seen.putIfAbsent(root, Boolean.TRUE) != null || reported.contains(e.offender())) {
      duplicates++;
      return;
    }
    awaitingVerdict.put(root, new Pending(origin, fromNode, currentSlot()));
    chain.tell(new PosCommand.VerifyEvidence(e, fromNode, verdicts));
  }

  private Behavior<Command> onVerified(Verified v) {
    PosCommand.EvidenceVerdict verdict = v.verdict();
    SlashingEvidence e = verdict.evidence();
    Pending p = awaitingVerdict.remove(e.root());
    if (p == null) {
      return this; // cannot happen: every verdict answers a request made above
    }
    Optional<SlashingRejection> bad = verdict.rejection();
    if (bad.isPresent()) {
      reject(e, p, bad.get());
    } else if (!reported.add(e.offender())) {
      duplicates++; // another piece of evidence against the same offender was verified first
    } else {
      report(e, p, verdict.equivocating());
    }
    return this;
  }

  private void reject(SlashingEvidence e, Pending p, SlashingRejection why) {
    rejected++;
    getContext().getLog().debug("node {}: reject {} evidence against validator {} via {} from node {}: {} ({})",
        node.nodeId(), SlashingRules.kindOf(e), e.offender(), p.origin().label(), p.fromNode(), why.reason(),
        why.detail());
    node.emit("evidence_rejected", "index", e.offender(), "kind", SlashingRules.kindOf(e), "reason",
        why.reason().name(), "detail", why.detail(), "via", p.origin().label(), "from", p.fromNode(),
        "root", e.root().toHex());
  }

  private void report(SlashingEvidence e, Pending p, boolean equivocating) {
    found++;
    String kind = SlashingRules.kindOf(e);
    long epoch = SlashingRules.offenceEpoch(e, config);
    String name = node.settings().validatorName(e.offender());
    getContext().getLog().info("node {}: {} by validator {} ({}) in epoch {}, found via {}", node.nodeId(), kind,
        e.offender(), name, epoch, p.origin().label());
    List<Object> fields = new ArrayList<>(List.of("index", e.offender(), "name", name, "kind", kind, "epoch", epoch));
    if (e instanceof ProposerSlashing s) {
      fields.addAll(List.of("slot", s.h1().header().slot()));
    } else {
      AttesterSlashing s = (AttesterSlashing) e;
      fields.addAll(List.of("source1", s.a1().data().source().epoch(), "target1", s.a1().data().target().epoch(),
          "source2", s.a2().data().source().epoch(), "target2", s.a2().data().target().epoch()));
    }
    fields.addAll(List.of("detectedAtSlot", p.detectedAtSlot(), "via", p.origin().label(), "from", p.fromNode(),
        "root", e.root().toHex(), "equivocating", equivocating));
    node.emit("evidence_found", fields.toArray());
    mempool.tell(new MempoolActor.AddSlashing(e));
    gossip.tell(new Gossip(e, p.fromNode()));
    gossiped++;
  }

  private long currentSlot() {
    return genesisMillis < 0 ? 0 : config.slotAt(genesisMillis, node.clock().nowMillis());
  }

  private Behavior<Command> onGetStats(GetStats g) {
    g.replyTo().tell(new Stats(found, received, duplicates, rejected, gossiped, slasher.storedHeaders(),
        slasher.storedVotes()));
    return this;
  }
}
