using System.Collections.Immutable;
using ActorChain.Core.Codec;
using ActorChain.Core.Pos.Model;
using ActorChain.Core.Transactions;
using ActorChain.Node.Chain;
using ActorChain.Node.Consensus;
using ActorChain.Node.Faults;
using ActorChain.Node.Network;
using ActorChain.Node.Slashing;
using Akka.Actor;
using Akka.Event;

namespace ActorChain.Node;

/// <summary>
/// One node: supervises its chain, mempool, sync, peer links, slasher and consensus supervisor; routes what peers send
/// to the actor concerned and floods what the node publishes over its links.
/// </summary>
public sealed partial class NodeGuardian : ReceiveActor, IWithTimers
{
    /// <summary>A message from peer <paramref name="FromNode"/>, delivered by that peer's link to this node.</summary>
    public sealed record FromPeer(int FromNode, Wire Payload) : IWireMessage;

    /// <summary>Link to peer <paramref name="PeerId"/>, whose guardian is <paramref name="Peer"/>.</summary>
    public sealed record Connect(int PeerId, IActorRef Peer) : INoSerializationVerificationNeeded;

    /// <summary>Drop the link to peer <paramref name="PeerId"/>.</summary>
    public sealed record Disconnect(int PeerId) : INoSerializationVerificationNeeded;

    /// <summary>Reply with a <see cref="NodeStatus"/>.</summary>
    public sealed record GetStatus(IActorRef ReplyTo) : INoSerializationVerificationNeeded;

    /// <summary>Submit a transaction from a local client; the mempool replies a <c>MempoolActor.SubmitResult</c>.</summary>
    public sealed record SubmitTx(Transaction Tx, IActorRef ReplyTo) : INoSerializationVerificationNeeded;

    /// <summary>Apply a link fault to the link to <paramref name="Peer"/>, or to every link when null.</summary>
    public sealed record ApplyLinkFault(int? Peer, LinkFault Fault) : INoSerializationVerificationNeeded;

    /// <summary>Inject a fault this node holds (a validator it hosts, itself, its miners, its links); reply a <see cref="FaultReply"/>.</summary>
    public sealed record InjectFault(Fault Fault, IActorRef ReplyTo) : INoSerializationVerificationNeeded;

    /// <summary>End a fault; reply a <see cref="FaultReply"/>.</summary>
    public sealed record ClearFault(Fault Fault, IActorRef ReplyTo) : INoSerializationVerificationNeeded;

    /// <summary>Reply with the hosted validators' <c>DutyReport</c>.</summary>
    public sealed record GetDuties(IActorRef ReplyTo) : INoSerializationVerificationNeeded;

    /// <summary>Send the chain's events of these kinds to <paramref name="Subscriber"/> (<paramref name="HeadsOnly"/>: head moves only).</summary>
    public sealed record SubscribeChain(IActorRef Subscriber, bool HeadsOnly) : INoSerializationVerificationNeeded;

    /// <summary>Reply with <see cref="Parts"/>.</summary>
    public sealed record GetParts(IActorRef ReplyTo) : INoSerializationVerificationNeeded;

    /// <summary>The node's main actors, for the simulation's recorders and tests.</summary>
    public sealed record Parts(IActorRef Chain, IActorRef Mempool, IActorRef Consensus, IActorRef Slasher, ImmutableSortedDictionary<int, IActorRef> Links)
        : INoSerializationVerificationNeeded;

    /// <summary>Start the PoS chain from genesis now (<c>consensus = pos</c>).</summary>
    public sealed record StartPos : INoSerializationVerificationNeeded
    {
        /// <summary>The one instance.</summary>
        public static StartPos Instance { get; } = new();
    }

    /// <summary>Merge at PoW height <paramref name="Height"/>; a <see cref="MergeReply"/> goes to <paramref name="ReplyTo"/> if given.</summary>
    public sealed record ScheduleMerge(ulong Height, IActorRef? ReplyTo = null) : INoSerializationVerificationNeeded;

    /// <summary>The answer to <see cref="ScheduleMerge"/>: scheduled at <paramref name="AtHeight"/>, or refused for <paramref name="Reason"/>.</summary>
    public sealed record MergeReply(bool Accepted, ulong AtHeight, string? Reason) : INoSerializationVerificationNeeded;

    /// <summary>Stop every block producer (the end of a run).</summary>
    public sealed record StopProducing : INoSerializationVerificationNeeded
    {
        /// <summary>The one instance.</summary>
        public static StopProducing Instance { get; } = new();
    }

    /// <summary>A merge command forwarded by a peer that took it (or told to a peer that linked late): merge at <paramref name="Height"/> too.</summary>
    public sealed record MergeForwarded(ulong Height) : IWireMessage;

    /// <summary>The kinds a head watcher (<see cref="SubscribeChain"/> with HeadsOnly) gets: the head and what moves it.</summary>
    public static ImmutableHashSet<ChainEventKind> HeadKinds { get; } =
        [ChainEventKind.Head, ChainEventKind.Reorg, ChainEventKind.Merged, ChainEventKind.PosHead, ChainEventKind.EpochTransitioned];

    /// <summary>Every kind of chain event.</summary>
    public static ImmutableHashSet<ChainEventKind> AllKinds { get; } = [.. Enum.GetValues<ChainEventKind>()];

    /// <summary>The end of an instant in which this node flooded votes: send them on (<see cref="PeerLinks"/>).</summary>
    private sealed record FlushVotes : INoSerializationVerificationNeeded
    {
        public static FlushVotes Instance { get; } = new();
    }

    private readonly NodeContext _node;
    private readonly NodeSpec _spec;
    private readonly IActorRef _chain;
    private readonly IActorRef _mempool;
    private readonly IActorRef _sync;
    private readonly IActorRef _consensus;
    private readonly IActorRef _slasher;
    private readonly PeerInbox _inbox;
    private readonly PeerLinks _peers;
    private readonly NodeFaults _faults;
    private readonly FaultDesk _desk;
    private readonly StatusBoard _status;
    private readonly NodeSupervision _supervision = new();
    private readonly MergePlan _mergePlan = new();
    private readonly ILoggingAdapter _log = Context.GetLogger();
    private readonly Queue<IActorRef> _statusAsked = new();
    private readonly HashSet<string> _malformedKinds = [];
    private int _startPosAsked;
    private ChainEvent.HeadChanged? _head;

    /// <inheritdoc />
    public ITimerScheduler Timers { get; set; } = null!;

    /// <summary>The guardian of node <paramref name="node"/>, hosting what <paramref name="spec"/> says.</summary>
    public static Props Create(NodeContext node, NodeSpec spec) => Props.Create(() => new NodeGuardian(node, spec));

    /// <summary>Use <see cref="Create"/>: Akka builds it (its constructor must be public).</summary>
    public NodeGuardian(NodeContext node, NodeSpec spec)
    {
        _node = node;
        _spec = spec;
        _chain = Context.ActorOf(ChainActor.Create(node), "chain");
        _mempool = Context.ActorOf(MempoolActor.Create(node, _chain, Self), "mempool");
        _sync = Context.ActorOf(SyncActor.Create(node, _chain, Self), "sync");
        _consensus = Context.ActorOf(ConsensusSupervisor.Create(node, spec.Miners, spec.Validators, _chain, _mempool), "consensus");
        _slasher = Context.ActorOf(SlasherActor.Create(node, _chain, _mempool, Self), "slasher");
        _inbox = new PeerInbox(_chain, _mempool, _slasher, Self);
        _peers = new PeerLinks(Context, node, spec, _sync,
            () => Timers.StartSingleTimer("flush-votes", FlushVotes.Instance, TimeSpan.Zero));
        _faults = new NodeFaults(Context, node, _peers, _consensus, OfferHead);
        _desk = new FaultDesk(Context, Timers, node, spec);
        _status = new StatusBoard(node);
        var news = ImmutableHashSet.Create(ChainEventKind.BlockImported, ChainEventKind.Head, ChainEventKind.Reorg,
            ChainEventKind.BeaconBlockImported, ChainEventKind.LocalAttestation, ChainEventKind.PosHead, ChainEventKind.Merged);
        if (spec.RelayAttestations)
            news = news.Add(ChainEventKind.Attestation); // only relays need the votes that came from peers
        _chain.Tell(new ChainActor.Subscribe(Self, news));
        foreach (var vital in (IActorRef[])[_chain, _mempool, _sync, _consensus])
            Context.Watch(vital); // STYLE.md §9: a failing chain, mempool, sync or consensus actor is fatal to its node

        Receive<FromPeer>(OnFromPeer);
        Receive<MalformedWire>(OnMalformedWire);
        Receive<ChainEvent>(OnChainNews);
        Receive<MempoolActor.Accepted>(a => _peers.Flood(new Wire.TxGossip(a.Tx), a.Tx.Id, a.FromNode));
        Receive<SlasherActor.Gossip>(OnEvidenceFound);
        Receive<SyncActor.RequestBlocks>(OnSyncRequest);
        Receive<ChainActor.BlocksFound>(f => _peers.Send(f.ForNode, new Wire.BlocksResponse(f.Blocks), Hash32.Zero));
        Receive<ChainActor.BeaconBlocksFound>(f => _peers.Send(f.ForNode, new Wire.BeaconBlocksResponse(f.Blocks), Hash32.Zero));
        Receive<Connect>(c => Link(c.PeerId, c.Peer));
        Receive<Disconnect>(d => _peers.Disconnect(d.PeerId));
        Receive<SubmitTx>(s => _mempool.Tell(new MempoolActor.Submit(s.Tx, -1, s.ReplyTo)));
        Receive<ApplyLinkFault>(_faults.ApplyLinkFault);
        Receive<InjectFault>(_faults.Inject);
        Receive<ClearFault>(_faults.Clear);
        Receive<Faults.Publish>(_faults.Publish);
        Receive<FaultDesk.Hold>(_desk.OnHold);
        Receive<FaultDesk.Injected>(_desk.OnInjected);
        Receive<FaultDesk.Release>(_desk.OnRelease);
        Receive<FaultDesk.Cleared>(_desk.OnCleared);
        Receive<FaultDesk.UntilDue>(_desk.OnUntilDue);
        Receive<FaultDesk.GetActive>(_desk.OnGetActive);
        Receive<GetDuties>(g => _consensus.Tell(new ConsensusSupervisor.GetDuties(g.ReplyTo)));
        Receive<GetStatus>(OnGetStatus);
        Receive<int>(OnMempoolSize);
        Receive<SubscribeChain>(s => _chain.Tell(new ChainActor.Subscribe(s.Subscriber, s.HeadsOnly ? HeadKinds : AllKinds)));
        Receive<GetParts>(g => g.ReplyTo.Tell(new Parts(_chain, _mempool, _consensus, _slasher, _peers.Snapshot())));
        Receive<StartPos>(_ => OnStartPos());
        Receive<ConsensusSupervisor.MinerStats>(_ => OnConsensusReady());
        Receive<ScheduleMerge>(m => OnScheduleMerge(m.Height, forwarded: false, m.ReplyTo));
        Receive<MergeForwarded>(m => OnScheduleMerge(m.Height, forwarded: true));
        Receive<FlushVotes>(_ => _peers.FlushVotes());
        Receive<StopProducing>(_ => _consensus.Tell(ConsensusSupervisor.StopProducing.Instance));
        Receive<Terminated>(OnVitalChildStopped);
    }

    /// <inheritdoc />
    protected override SupervisorStrategy SupervisorStrategy() => _supervision;

    private void OnVitalChildStopped(Terminated t)
    {
        var name = t.ActorRef.Path.Name;
        var why = _supervision.WhyStopped(name);
        _log.Error("node {0}: {1} failed ({2}); stopping the node", _node.NodeId, name, why);
        _node.Emit("node_failed", "actor", name, "reason", why);
        Context.Stop(Self);
    }

    /// <summary>The chain starts PoS at once; the consensus supervisor must be listening first, which it is once it answers.</summary>
    private void OnStartPos()
    {
        _startPosAsked++;
        _consensus.Tell(new ConsensusSupervisor.GetMinerStats(Self));
    }

    private void OnConsensusReady()
    {
        if (_startPosAsked == 0)
            return;
        _startPosAsked--;
        _chain.Tell(ChainActor.StartPos.Instance);
    }

    private void Link(int peerId, IActorRef guardian)
    {
        if (!_peers.Open(peerId, guardian))
            return;
        if (_mergePlan.ForLatePeer() is { } merge)
            guardian.Tell(merge); // a peer that restarted learns the merge it missed
        OfferHead(peerId); // so that a late joiner syncs at once
    }

    /// <summary>Offers <paramref name="peerId"/> this node's PoW head, if it has one.</summary>
    private void OfferHead(int peerId)
    {
        if (_head is not null)
            _peers.Send(peerId, new Wire.BlockGossip(_head.Head), Hash32.Zero);
    }

    private void OnFromPeer(FromPeer m)
    {
        if (m.Payload is Wire.Hello)
            return; // the genesis handshake is the cluster's (part 4); an embedded network shares one genesis
        if (_peers.LinkTo(m.FromNode) is null)
            return; // not linked (yet, or any more): e.g. a process whose genesis was refused; its traffic is ignored
        if (_inbox.Deliver(m.FromNode, m.Payload) is not { } problem)
            return;
        _status.MalformedMessage();
        _log.Warning("node {0}: dropped malformed message from node {1}: {2}", _node.NodeId, m.FromNode, problem);
        _node.Emit("malformed_message", "from", m.FromNode, "detail", problem);
    }

    /// <summary>Bytes from another process that were no message (<see cref="WireSerializer"/>): dropped, counted, logged once per kind.</summary>
    private void OnMalformedWire(MalformedWire m)
    {
        _status.MalformedMessage();
        if (!_malformedKinds.Add(WireSerializer.IsKnownManifest(m.Manifest) ? m.Manifest : "?")) // a peer's manifests are bounded
            return;
        var detail = $"{m.Length} bytes of '{m.Manifest}': {m.Reason}";
        _log.Warning("node {0}: dropped malformed message{1}: {2} (further ones of this kind are only counted)", _node.NodeId,
            m.FromNode is { } f ? " from node " + f : "", detail);
        if (m.FromNode is { } from)
            _node.Emit("malformed_message", "from", from, "detail", detail);
        else
            _node.Emit("malformed_message", "detail", detail);
    }

    private void OnChainNews(ChainEvent e)
    {
        switch (e)
        {
            case ChainEvent.BlockImported b:
                _status.BlockImported();
                _peers.Flood(new Wire.BlockGossip(b.Block), b.Block.Hash, b.FromNode);
                break;
            case ChainEvent.HeadChanged hc:
                _head = hc;
                break;
            case ChainEvent.Reorged:
                _status.Reorged();
                break;
            case ChainEvent.BeaconBlockImported b:
                _status.BlockImported();
                _peers.Flood(new Wire.BeaconBlockGossip(b.Block), b.Block.Root, b.FromNode);
                break;
            case ChainEvent.AttestationsImported votes when votes.FromNode < 0 || _spec.RelayAttestations:
                // The chain publishes each vote once (it dedupes gossip by root), so a vote this node made needs no
                // dedupe on the links; a relayed one does, since the same vote comes back from several peers.
                foreach (var a in votes.Attestations)
                    _peers.Flood(new Wire.AttestationGossip(a.Attestation), votes.FromNode < 0 ? Hash32.Zero : a.Attestation.Root,
                        votes.FromNode);
                break;
            case ChainEvent.PosHeadChanged h:
                _status.PosHeadChanged(h);
                break;
            case ChainEvent.Merged merged:
                _mergePlan.Merged(merged.AnchorHeight);
                break;
        }
    }

    private void OnScheduleMerge(ulong height, bool forwarded, IActorRef? replyTo = null)
    {
        if (_mergePlan.IsRepeat(height, forwarded))
            return; // heard again from another peer
        var headHeight = _head?.Head.Height ?? 0;
        var noValidators = _head is null ? _node.Settings.Validators.IsEmpty : _head.Next.State.Registry.IsEmpty;
        if (_mergePlan.Refusal(height, forwarded, headHeight, noValidators) is { } refusal)
        {
            _log.Info("node {0}: merge at PoW height {1} refused: {2}", _node.NodeId, height, refusal);
            replyTo?.Tell(new MergeReply(false, height, refusal));
            return;
        }
        _mergePlan.Scheduled(height);
        _chain.Tell(new ChainActor.MergeAt(height));
        if (!forwarded)
            foreach (var peer in _peers.Guardians)
                peer.Tell(new MergeForwarded(height));
        _log.Info("node {0}: merge scheduled at PoW height {1}{2}", _node.NodeId, height,
            forwarded ? " (forwarded by a peer)" : $", forwarded to {_peers.Guardians.Count} peer(s)");
        replyTo?.Tell(new MergeReply(true, height, null));
    }

    /// <summary>Verified evidence the slasher reports once: flooded once, to every peer but the one it came from.</summary>
    private void OnEvidenceFound(SlasherActor.Gossip g)
    {
        Wire payload = g.Evidence switch
        {
            ProposerSlashing p => new Wire.ProposerSlashingGossip(p),
            AttesterSlashing a => new Wire.AttesterSlashingGossip(a),
            _ => throw new InvalidOperationException("unknown evidence " + g.Evidence.GetType().Name),
        };
        _peers.Flood(payload, g.Evidence.Root, g.FromNode);
    }

    private void OnSyncRequest(SyncActor.RequestBlocks q) =>
        _peers.Send(q.Peer, q.Beacon ? new Wire.BeaconBlocksRequest(q.Root, q.Max) : new Wire.BlocksRequest(q.Root, q.Max),
            Hash32.Zero);

    /// <summary>Asks the mempool its size; the status goes out when it answers (in order: one answer per question).</summary>
    private void OnGetStatus(GetStatus g)
    {
        _statusAsked.Enqueue(g.ReplyTo);
        _mempool.Tell(new MempoolActor.GetSize(Self));
    }

    private void OnMempoolSize(int size)
    {
        if (_statusAsked.TryDequeue(out var replyTo))
            replyTo.Tell(_status.Status(_head, _peers.Ids(), size));
    }
}
