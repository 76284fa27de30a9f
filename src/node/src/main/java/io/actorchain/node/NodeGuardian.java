package io.actorchain.node;

import io.actorchain.node.net.LocalOnly;
import io.actorchain.core.codec.Hash32;
import io.actorchain.core.codec.MalformedEncodingException;
import io.actorchain.core.pow.BlockTree;
import io.actorchain.core.pow.PowBlock;
import io.actorchain.core.tx.Transaction;
import io.actorchain.node.chain.ChainActor;
import io.actorchain.node.chain.ChainEvent;
import io.actorchain.node.chain.MempoolActor;
import io.actorchain.node.chain.PosCommand;
import io.actorchain.core.pos.model.BeaconBlock;
import io.actorchain.node.chain.SyncActor;
import io.actorchain.node.consensus.ConsensusSupervisor;
import io.actorchain.node.fault.Fault;
import io.actorchain.node.fault.FaultReply;
import io.actorchain.node.net.CborSerializable;
import io.actorchain.node.net.LinkFault;
import io.actorchain.node.net.PeerLinkActor;
import io.actorchain.node.net.Wire;
import io.actorchain.node.pos.DutyReport;
import io.actorchain.node.slashing.SlasherActor;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.ChildFailed;
import org.apache.pekko.actor.typed.SupervisorStrategy;
import org.apache.pekko.actor.typed.Terminated;
import org.apache.pekko.actor.typed.javadsl.AbstractBehavior;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.javadsl.Receive;
import org.apache.pekko.actor.typed.receptionist.Receptionist;
import org.apache.pekko.actor.typed.receptionist.ServiceKey;

/**
 * The root of one node (ARCHITECTURE.md, "Actors of one node"). It spawns the chain, mempool, sync
 * and consensus actors, opens a PeerLinkActor to every peer it discovers through the Receptionist
 * (or is told about), and routes: peer traffic in, gossip out. It decides nothing itself.
 */
public final class NodeGuardian extends AbstractBehavior<NodeGuardian.Command> {
  public static final ServiceKey<Command> SERVICE_KEY = ServiceKey.create(Command.class, "actorchain-node");

  public interface Command {}

  /** Traffic from a peer's link. Crosses processes. */
  public record FromPeer(int fromNode, Wire payload) implements Command, CborSerializable {}

  /** This node's status. Crosses processes, so `status` can gather every node's view. */
  public record GetStatus(ActorRef<NodeStatus> replyTo) implements Command, CborSerializable {}

  /** A client transaction (HTTP API or tests). */
  public record SubmitTx(Transaction tx, ActorRef<MempoolActor.SubmitResult> replyTo) implements Command, LocalOnly {}

  /** A link fault on the link to {@code peer}, or on every link when {@code peer} is null. */
  public record ApplyLinkFault(Integer peer, LinkFault fault) implements Command, CborSerializable {}

  /**
   * Inject a fault here (ARCHITECTURE.md, "Faults"): a validator fault goes to the validator's ValidatorActor, a PoW
   * fault to the miners, a link fault to the PeerLinkActors. Crosses processes, so a peer can route it; {@code replyTo}
   * (nullable) learns whether it was accepted, or why not.
   */
  public record InjectFault(Fault fault, ActorRef<FaultReply> replyTo) implements Command, CborSerializable {}

  /** End a fault injected here; the reply says whether it was in. */
  public record ClearFault(Fault fault, ActorRef<FaultReply> replyTo) implements Command, CborSerializable {}

  /** What the validators hosted here signed last. Crosses processes: any node gathers every node's. */
  public record GetDuties(ActorRef<DutyReport> replyTo) implements Command, CborSerializable {}

  /** Link to a peer directly (embedded networks that wire their nodes explicitly). */
  public record Connect(int peerId, ActorRef<Command> peer) implements Command, LocalOnly {}

  /** Unlink a peer that went down (an embedded node that crashed); a {@link Connect} links it again. */
  public record Disconnect(int peerId) implements Command, LocalOnly {}

  public record SubscribeChain(ActorRef<ChainEvent> subscriber, boolean headsOnly) implements Command, LocalOnly {}

  public record GetParts(ActorRef<Parts> replyTo) implements Command, LocalOnly {}

  /** The node's children, for tests and views. */
  public record Parts(ActorRef<ChainActor.Command> chain, ActorRef<MempoolActor.Command> mempool,
      ActorRef<ConsensusSupervisor.Command> consensus, Map<Integer, ActorRef<PeerLinkActor.Command>> links,
      ActorRef<SlasherActor.Command> slasher) implements LocalOnly {}

  public record HttpBound(int port) implements Command, LocalOnly {}

  /** Start the PoS chain from the PoW genesis block now ({@code node --pos}). */
  public enum StartPos implements Command, LocalOnly { INSTANCE }

  /**
   * The {@code merge} command (CONSENSUS.md §4): merge at PoW height {@code height} here and, unless {@code forwarded},
   * on every peer. Crosses processes; {@code replyTo} is null when forwarded.
   */
  public record ScheduleMerge(long height, boolean forwarded, ActorRef<MergeReply> replyTo)
      implements Command, CborSerializable {}

  /** Whether the merge was scheduled at {@code atHeight}; {@code reason} says why not. */
  public record MergeReply(boolean accepted, long atHeight, String reason) implements CborSerializable {}

  /** Stop producing blocks (the end of a simulation lets gossip settle without new blocks). */
  public enum StopProducing implements Command, LocalOnly { INSTANCE }

  private record Listing(Receptionist.Listing listing) implements Command, LocalOnly {}

  private record ChainNews(ChainEvent event) implements Command, LocalOnly {}

  private record TxAccepted(MempoolActor.Accepted accepted) implements Command, LocalOnly {}

  private record EvidenceFound(SlasherActor.Gossip gossip) implements Command, LocalOnly {}

  private record SyncRequest(SyncActor.RequestBlocks request) implements Command, LocalOnly {}

  private record Served(ChainActor.BlocksFound found) implements Command, LocalOnly {}

  private record BeaconServed(PosCommand.BeaconBlocksFound found) implements Command, LocalOnly {}

  /** The consensus supervisor answered, so it has subscribed to the chain's news and will see the merge. */
  private enum ConsensusReady implements Command, LocalOnly { INSTANCE }

  /** The end of an instant in which this node flooded votes: send them on (PeerLinks). */
  private enum FlushVotes implements Command, LocalOnly { INSTANCE }

  private final NodeContext node;
  private final NodeSpec spec;
  private final ActorRef<ChainActor.Command> chain;
  private final ActorRef<MempoolActor.Command> mempool;
  private final ActorRef<SyncActor.Command> sync;
  private final ActorRef<ConsensusSupervisor.Command> consensus;
  private final ActorRef<SlasherActor.Command> slasher;
  private final PeerInbox inbox;
  private final PeerLinks peers;
  private final NodeFaults faults;
  private final GenesisHandshake handshake;
  private final StatusBoard status;
  private final boolean discover;
  private final MergePlan mergePlan = new MergePlan();
  private ChainEvent.HeadChanged head;

  public static Behavior<Command> create(NodeContext node, NodeSpec spec, boolean discover) {
    return Behaviors.setup(ctx -> new NodeGuardian(ctx, node, spec, discover));
  }

  private NodeGuardian(ActorContext<Command> ctx, NodeContext node, NodeSpec spec, boolean discover) {
    super(ctx);
    ctx.setLoggerName(NodeGuardian.class); // else the first helper to log (PeerLinks) would name the guardian's logger
    this.node = node;
    this.spec = spec;
    this.discover = discover;
    BlockTree tree = new BlockTree(node.settings().genesisBlock(), node.settings().genesisState(), node.settings().pow());
    this.chain = ctx.spawn(ChainActor.create(node, tree), "chain");
    this.mempool = ctx.spawn(MempoolActor.create(node, chain, ctx.messageAdapter(MempoolActor.Accepted.class, TxAccepted::new)), "mempool");
    this.sync = ctx.spawn(SyncActor.create(node, chain, ctx.messageAdapter(SyncActor.RequestBlocks.class, SyncRequest::new)), "sync");
    this.consensus = ctx.spawn(ConsensusSupervisor.create(node, spec.miners(), spec.validators(), chain, mempool), "consensus");
    // Not vital: a message it fails on is dropped and it keeps its history (a restart would subscribe twice).
    this.slasher = ctx.spawn(Behaviors.supervise(SlasherActor.create(node, chain, mempool,
        ctx.messageAdapter(SlasherActor.Gossip.class, EvidenceFound::new))).onFailure(SupervisorStrategy.resume()),
        "slasher");
    this.inbox = new PeerInbox(chain, mempool, slasher, ctx.messageAdapter(ChainActor.BlocksFound.class, Served::new),
        ctx.messageAdapter(PosCommand.BeaconBlocksFound.class, BeaconServed::new));
    this.peers = new PeerLinks(ctx, node, spec, sync,
        () -> ctx.scheduleOnce(Duration.ZERO, ctx.getSelf(), FlushVotes.INSTANCE));
    this.faults = new NodeFaults(ctx, node, spec, peers, consensus, this::offerHead);
    this.handshake = new GenesisHandshake(ctx, node, peers);
    this.status = new StatusBoard(ctx, node, mempool, peers);
    java.util.Set<ChainEvent.Kind> news = java.util.EnumSet.of(ChainEvent.Kind.BLOCK_IMPORTED, ChainEvent.Kind.HEAD,
        ChainEvent.Kind.REORG, ChainEvent.Kind.BEACON_BLOCK_IMPORTED, ChainEvent.Kind.LOCAL_ATTESTATION,
        ChainEvent.Kind.POS_HEAD, ChainEvent.Kind.MERGED);
    if (spec.relayAttestations()) {
      news.add(ChainEvent.Kind.ATTESTATION); // only relays need the votes that came from peers
    }
    chain.tell(new ChainActor.Subscribe(ctx.messageAdapter(ChainEvent.class, ChainNews::new), news));
    for (ActorRef<?> vital : List.of(chain, mempool, sync, consensus)) {
      ctx.watch(vital); // STYLE.md 8: a failing chain, mempool, sync or consensus actor is fatal to its node
    }
    ctx.getSystem().receptionist().tell(Receptionist.register(SERVICE_KEY, ctx.getSelf()));
    if (discover) {
      ctx.getSystem().receptionist().tell(Receptionist.subscribe(SERVICE_KEY, ctx.messageAdapter(Receptionist.Listing.class, Listing::new)));
    }
  }

  @Override
  public Receive<Command> createReceive() {
    return newReceiveBuilder()
        .onMessage(FromPeer.class, this::onFromPeer)
        .onMessage(ChainNews.class, this::onChainNews)
        .onMessage(TxAccepted.class, this::onTxAccepted)
        .onMessage(EvidenceFound.class, this::onEvidenceFound)
        .onMessage(SyncRequest.class, this::onSyncRequest)
        .onMessage(Served.class, this::onServed)
        .onMessage(BeaconServed.class, this::onBeaconServed)
        .onMessage(Listing.class, this::onListing)
        .onMessage(Connect.class, c -> link(c.peerId(), c.peer()))
        .onMessage(Disconnect.class, d -> {
          peers.disconnect(d.peerId());
          return this;
        })
        .onMessage(SubmitTx.class, this::onSubmitTx)
        .onMessage(ApplyLinkFault.class, this::onFault)
        .onMessage(InjectFault.class, this::onFault)
        .onMessage(ClearFault.class, this::onFault)
        .onMessage(FaultDesk.Command.class, this::onFault)
        .onMessage(NodeFaults.PublishOwn.class, this::onFault)
        .onMessage(GetDuties.class, g -> {
          consensus.tell(new ConsensusSupervisor.GetDuties(g.replyTo()));
          return this;
        })
        .onMessage(GetStatus.class, g -> {
          status.onGetStatus(g);
          return this;
        })
        .onMessage(StatusBoard.StatusReady.class, s -> {
          status.onStatusReady(s, head);
          return this;
        })
        .onMessage(SubscribeChain.class, s -> {
          chain.tell(new ChainActor.Subscribe(s.subscriber(), s.headsOnly()));
          return this;
        })
        .onMessage(GetParts.class, g -> {
          g.replyTo().tell(new Parts(chain, mempool, consensus, peers.snapshot(), slasher));
          return this;
        })
        .onMessageEquals(StartPos.INSTANCE, this::onStartPos)
        .onMessageEquals(ConsensusReady.INSTANCE, () -> {
          chain.tell(PosCommand.StartPos.INSTANCE);
          return this;
        })
        .onMessage(ScheduleMerge.class, this::onScheduleMerge)
        .onMessage(GenesisHandshake.RecheckHello.class, r -> {
          handshake.onRecheck(r);
          return this;
        })
        .onMessageEquals(FlushVotes.INSTANCE, () -> {
          peers.flushVotes();
          return this;
        })
        .onMessageEquals(StopProducing.INSTANCE, () -> {
          consensus.tell(ConsensusSupervisor.StopMining.INSTANCE);
          return this;
        })
        .onSignal(ChildFailed.class, this::onVitalChildStopped)
        .onSignal(Terminated.class, this::onVitalChildStopped)
        .onMessage(HttpBound.class, h -> {
          status.httpBound(h.port());
          return this;
        })
        .build();
  }

  private Behavior<Command> onVitalChildStopped(Terminated t) {
    String why = t instanceof ChildFailed f ? String.valueOf(f.getCause()) : "stopped";
    getContext().getLog().error("node {}: {} failed ({}); stopping the node", node.nodeId(), t.getRef().path().name(), why);
    node.emit("node_failed", "actor", t.getRef().path().name(), "reason", why);
    return Behaviors.stopped();
  }

  /**
   * The chain merges at once; the consensus supervisor must be listening first, which it is once it answers. Through a
   * message adapter, not {@code ask}: the Java ask completes on a CompletionStage whose callbacks run on the common
   * pool, off the virtual-time loop, so the merge would come at a moment the loop cannot account for.
   */
  private Behavior<Command> onStartPos() {
    handshake.switchToPos();
    consensus.tell(new ConsensusSupervisor.GetMinerStats(getContext().messageAdapter(
        ConsensusSupervisor.MinerStats.class, stats -> ConsensusReady.INSTANCE)));
    return this;
  }

  private Behavior<Command> onListing(Listing l) {
    Map<Integer, ActorRef<Command>> listed = new TreeMap<>();
    for (ActorRef<Command> ref : l.listing().getServiceInstances(SERVICE_KEY)) {
      int id = NodeSpec.idFromActorName(ref.path().name());
      if (id >= 0) {
        listed.put(id, ref);
      }
    }
    peers.closeUnlisted(listed.keySet());
    listed.forEach(this::link);
    return this;
  }

  private Behavior<Command> link(int peerId, ActorRef<Command> ref) {
    if (!peers.open(peerId, ref)) {
      return this;
    }
    if (discover) {
      handshake.greet(peerId);
    }
    mergePlan.forLatePeer().ifPresent(ref::tell); // a peer that restarted learns the merge it missed
    offerHead(peerId); // so that a late joiner syncs at once
    return this;
  }

  /** Offers {@code peerId} this node's PoW head, if it has one. */
  private void offerHead(int peerId) {
    if (head != null) {
      peers.send(peerId, new Wire.BlockGossip(head.head().canonical()), null);
    }
  }

  private Behavior<Command> onFromPeer(FromPeer m) {
    try {
      if (m.payload() instanceof Wire.Hello h) {
        handshake.onHello(m.fromNode(), h);
      } else if (!handshake.drops(m.fromNode(), m.payload())) {
        inbox.deliver(m.fromNode(), m.payload());
      }
    } catch (MalformedEncodingException | NullPointerException e) {
      status.malformedMessage();
      getContext().getLog().warn("node {}: dropped malformed message from node {}: {}", node.nodeId(), m.fromNode(), e.getMessage());
      node.emit("malformed_message", "from", m.fromNode(), "detail", String.valueOf(e.getMessage()));
    }
    return this;
  }

  private Behavior<Command> onChainNews(ChainNews n) {
    ChainEvent e = n.event();
    if (e instanceof ChainEvent.BlockImported b) {
      status.blockImported();
      peers.flood(new Wire.BlockGossip(b.block().canonical()), b.block().hash(), b.fromNode());
    } else if (e instanceof ChainEvent.HeadChanged hc) {
      head = hc;
    } else if (e instanceof ChainEvent.Reorged) {
      status.reorged();
    } else if (e instanceof ChainEvent.BeaconBlockImported b) {
      status.blockImported();
      peers.flood(Wire.BeaconBlockGossip.of(b.block()), b.block().root(), b.fromNode());
    } else if (e instanceof ChainEvent.AttestationsImported votes && (votes.fromNode() < 0 || spec.relayAttestations())) {
      // The chain publishes each attestation once (it dedupes gossip by root), so a vote this node made needs no
      // dedupe on the links; a relayed one does, since the same vote comes back from several peers.
      for (ChainEvent.AttestationImported a : votes.attestations()) {
        Hash32 dedupe = votes.fromNode() < 0 ? null : a.attestation().root();
        peers.flood(Wire.AttestationGossip.of(a.attestation()), dedupe, votes.fromNode());
      }
    } else if (e instanceof ChainEvent.PosHeadChanged h) {
      status.posHeadChanged(h);
    } else if (e instanceof ChainEvent.Merged merged) {
      mergePlan.merged(merged.anchorHeight());
    }
    return this;
  }

  private Behavior<Command> onScheduleMerge(ScheduleMerge m) {
    if (mergePlan.isRepeat(m)) {
      return this; // heard again from another peer
    }
    long headHeight = head == null ? 0 : head.head().height();
    boolean noValidators = head == null ? node.settings().validators().isEmpty()
        : head.next().state().registry().isEmpty();
    Optional<String> refusal = mergePlan.refusal(m, headHeight, noValidators);
    if (refusal.isPresent()) {
      getContext().getLog().info("node {}: merge at PoW height {} refused: {}", node.nodeId(), m.height(), refusal.get());
      MergePlan.reply(m, false, refusal.get());
      return this;
    }
    mergePlan.scheduled(m.height());
    chain.tell(new PosCommand.MergeAt(m.height()));
    if (!m.forwarded()) {
      peers.guardians().forEach(p -> p.tell(new ScheduleMerge(m.height(), true, null)));
    }
    getContext().getLog().info("node {}: merge scheduled at PoW height {}{}", node.nodeId(), m.height(),
        m.forwarded() ? " (forwarded by a peer)" : ", forwarded to " + peers.guardians().size() + " peer(s)");
    MergePlan.reply(m, true, null);
    return this;
  }

  private Behavior<Command> onTxAccepted(TxAccepted t) {
    peers.flood(new Wire.TxGossip(t.accepted().tx().canonical()), t.accepted().tx().id(), t.accepted().fromNode());
    return this;
  }

  /** Verified evidence the slasher reports once: flooded once, to every peer but the one it came from. */
  private Behavior<Command> onEvidenceFound(EvidenceFound f) {
    peers.flood(Wire.ofEvidence(f.gossip().evidence()), f.gossip().evidence().root(), f.gossip().fromNode());
    return this;
  }

  private Behavior<Command> onSyncRequest(SyncRequest r) {
    SyncActor.RequestBlocks q = r.request();
    peers.send(q.peer(), q.beacon() ? new Wire.BeaconBlocksRequest(q.root().toArray(), q.max())
        : new Wire.BlocksRequest(q.root().toArray(), q.max()), null);
    return this;
  }

  private Behavior<Command> onBeaconServed(BeaconServed s) {
    List<byte[]> encoded = new ArrayList<>(s.found().blocks().size());
    for (BeaconBlock b : s.found().blocks()) {
      encoded.add(b.canonical());
    }
    peers.send(s.found().forNode(), new Wire.BeaconBlocksResponse(encoded), null);
    return this;
  }

  private Behavior<Command> onServed(Served s) {
    List<byte[]> encoded = new ArrayList<>(s.found().blocks().size());
    for (PowBlock b : s.found().blocks()) {
      encoded.add(b.canonical());
    }
    peers.send(s.found().forNode(), new Wire.BlocksResponse(encoded), null);
    return this;
  }

  private Behavior<Command> onSubmitTx(SubmitTx s) {
    mempool.tell(new MempoolActor.Submit(s.tx(), -1, s.replyTo()));
    return this;
  }

  /** Injected, cleared and link faults, and what fault behaviours publish (NodeFaults); a crash stops the node. */
  private Behavior<Command> onFault(Command c) {
    faults.on(c);
    return this;
  }
}
