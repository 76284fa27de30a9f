using ActorChain.Core.Codec;
using ActorChain.Core.Conformance.Golden;
using ActorChain.Core.Pos;
using ActorChain.Core.Pos.Model;
using ActorChain.Core.Pos.Slashing;
using ActorChain.Node.Chain;
using ActorChain.Node.Network;
using Akka.Actor;
using Akka.Event;

namespace ActorChain.Node.Slashing;

/// <summary>
/// Watches every proposal and vote the node sees and turns a double proposal, double vote or surround vote into
/// evidence (core's <c>Slasher</c> decides, CONSENSUS.md §6); reports it once, gossips it once, hands it to the mempool.
/// It runs core's slasher over every header and attestation the node verified: those of imported blocks, and the
/// chain's per-slot batch of the rest. It also takes evidence from peers and from blocks. Evidence new by root goes to
/// the chain, which verifies it; true evidence against an offender not reported yet is reported
/// (<c>evidence_found</c>), handed to the mempool and gossiped once; evidence that proves nothing is rejected with its
/// reason (<c>evidence_rejected</c>) and goes nowhere.
/// </summary>
public sealed partial class SlasherActor : ReceiveActor
{
    /// <summary>Evidence roots remembered, so that what peers flood back is neither verified nor reported again.</summary>
    internal const int SeenCapacity = 4096;

    /// <summary>Evidence gossiped by peer <paramref name="FromNode"/>.</summary>
    public sealed record FromPeer(ISlashingEvidence Evidence, int FromNode) : INoSerializationVerificationNeeded;

    /// <summary>Reply with <see cref="Stats"/>.</summary>
    public sealed record GetStats(IActorRef ReplyTo) : INoSerializationVerificationNeeded;

    /// <summary>Evidence found, received, dropped as duplicates, rejected and gossiped; what core's slasher holds.</summary>
    public sealed record Stats(long Found, long Received, long Duplicates, long Rejected, long Gossiped, int StoredHeaders, int StoredVotes)
        : INoSerializationVerificationNeeded;

    /// <summary>Told to the guardian: true, newly reported evidence to flood to every peer but <paramref name="FromNode"/> (-1: all).</summary>
    public sealed record Gossip(ISlashingEvidence Evidence, int FromNode) : INoSerializationVerificationNeeded;

    /// <summary>Where a piece of evidence came from, as <c>evidence_found</c> names it in <c>via</c>.</summary>
    private enum Origin { Slasher, Gossip, Block }

    private sealed record Pending(Origin Origin, int FromNode, ulong DetectedAtSlot);

    private readonly NodeContext _node;
    private readonly ConsensusConfig _config;
    private readonly IActorRef _chain;
    private readonly IActorRef _mempool;
    private readonly IActorRef _gossip;
    private readonly Slasher _slasher;
    private readonly ILoggingAdapter _log = Context.GetLogger();
    private readonly RecentIds _seen = new(2 * SeenCapacity); // remembers at least the last SeenCapacity roots
    private readonly Dictionary<Hash32, Pending> _awaitingVerdict = [];
    private readonly SortedSet<ulong> _reported = [];
    private long _genesisMillis = -1;
    private long _found;
    private long _received;
    private long _duplicates;
    private long _rejected;
    private long _gossiped;

    /// <summary>The slasher of <paramref name="node"/>; see <see cref="Create"/>.</summary>
    public SlasherActor(NodeContext node, IActorRef chain, IActorRef mempool, IActorRef gossip)
    {
        _node = node;
        _config = node.Settings.Consensus.Config;
        _chain = chain;
        _mempool = mempool;
        _gossip = gossip;
        _slasher = new Slasher(_config);
        Receive<ChainEvent>(OnChainEvent);
        Receive<FromPeer>(OnFromPeer);
        Receive<ChainActor.EvidenceVerdict>(OnVerdict);
        Receive<GetStats>(g => g.ReplyTo.Tell(new Stats(_found, _received, _duplicates, _rejected, _gossiped,
            _slasher.StoredHeaders, _slasher.StoredVotes)));
    }

    /// <summary>The slasher of <paramref name="node"/>; <paramref name="gossip"/> receives <see cref="Gossip"/>.</summary>
    public static Props Create(NodeContext node, IActorRef chain, IActorRef mempool, IActorRef gossip) =>
        Props.Create(() => new SlasherActor(node, chain, mempool, gossip));

    /// <inheritdoc />
    protected override void PreStart() =>
        _chain.Tell(new ChainActor.Subscribe(Self, [ChainEventKind.Merged, ChainEventKind.BeaconBlockImported, ChainEventKind.SignedMessages]));

    private void OnChainEvent(ChainEvent e)
    {
        switch (e)
        {
            case ChainEvent.Merged m:
                _genesisMillis = (long)m.GenesisTimeSeconds * 1000;
                break;
            case ChainEvent.BeaconBlockImported b:
                OnBlock(b.Block, b.FromNode);
                break;
            case ChainEvent.SignedMessagesSeen s:
                foreach (var h in s.Headers) OnHeader(h);
                foreach (var a in s.Attestations) OnAttestation(a);
                break;
        }
    }

    private void OnBlock(BeaconBlock b, int fromNode)
    {
        OnHeader(new SignedBeaconBlockHeader(b.Header, b.Sig));
        foreach (var a in b.Body.Attestations) OnAttestation(a);
        foreach (var s in b.Body.ProposerSlashings) Consider(s, Origin.Block, fromNode);
        foreach (var s in b.Body.AttesterSlashings) Consider(s, Origin.Block, fromNode);
    }

    private void OnHeader(SignedBeaconBlockHeader h)
    {
        if (_slasher.OnHeader(h) is { } e) Consider(e, Origin.Slasher, -1);
    }

    private void OnAttestation(Attestation a)
    {
        if (_slasher.OnAttestation(a) is { } e) Consider(e, Origin.Slasher, -1);
    }

    private void OnFromPeer(FromPeer p)
    {
        _received++;
        if (_genesisMillis < 0)
        {
            _log.Debug("node {0}: ignored slashing evidence from node {1}: not in proof of stake yet", _node.NodeId, p.FromNode);
            return;
        }

        Consider(p.Evidence, Origin.Gossip, p.FromNode);
    }

    /// <summary>New evidence, by root and by offender, goes to the chain to be verified; the rest is a duplicate.</summary>
    private void Consider(ISlashingEvidence e, Origin origin, int fromNode)
    {
        var root = e.Root;
        if (!_seen.Add(root) || _reported.Contains(e.Offender))
        {
            _duplicates++;
            return;
        }

        _awaitingVerdict[root] = new Pending(origin, fromNode, CurrentSlot());
        _chain.Tell(new ChainActor.VerifyEvidence(e, fromNode, Self));
    }

    private void OnVerdict(ChainActor.EvidenceVerdict v)
    {
        var e = v.Evidence;
        if (!_awaitingVerdict.Remove(e.Root, out var p))
            return; // cannot happen: every verdict answers a request made above
        if (v.Rejection is { } bad) Reject(e, p, bad);
        else if (!_reported.Add(e.Offender)) _duplicates++; // other evidence against the same offender was verified first
        else Report(e, p, v.Equivocating);
    }

    private void Reject(ISlashingEvidence e, Pending p, SlashingRejection why)
    {
        _rejected++;
        var kind = SlashingRules.KindName(SlashingRules.KindOf(e));
        _log.Debug("node {0}: reject {1} evidence against validator {2} via {3} from node {4}: {5} ({6})",
            [_node.NodeId, kind, e.Offender, Label(p.Origin), p.FromNode, why.Reason, why.Detail]);
        _node.Emit("evidence_rejected", "index", e.Offender, "kind", kind, "reason", GoldenEnum.Name(why.Reason),
            "detail", why.Detail, "via", Label(p.Origin), "from", p.FromNode, "root", e.Root.ToString());
    }

    private void Report(ISlashingEvidence e, Pending p, bool equivocating)
    {
        _found++;
        var kind = SlashingRules.KindName(SlashingRules.KindOf(e));
        var epoch = SlashingRules.OffenceEpoch(e, _config);
        var name = _node.Settings.ValidatorName(e.Offender);
        _log.Info("node {0}: {1} by validator {2} ({3}) in epoch {4}, found via {5}",
            [_node.NodeId, kind, e.Offender, name, epoch, Label(p.Origin)]);
        List<object?> fields = ["index", e.Offender, "name", name, "kind", kind, "epoch", epoch];
        if (e is ProposerSlashing ps)
        {
            fields.AddRange(["slot", ps.H1.Header.Slot]);
        }
        else
        {
            var s = (AttesterSlashing)e;
            fields.AddRange(["source1", s.A1.Data.Source.Epoch, "target1", s.A1.Data.Target.Epoch,
                "source2", s.A2.Data.Source.Epoch, "target2", s.A2.Data.Target.Epoch,
                "data1", DataFields(s.A1.Data), "data2", DataFields(s.A2.Data)]);
        }

        fields.AddRange(["detectedAtSlot", p.DetectedAtSlot, "via", Label(p.Origin), "from", p.FromNode, "root", e.Root.ToString(),
            "equivocating", equivocating]);
        _node.Emit("evidence_found", [.. fields]);
        _mempool.Tell(new MempoolActor.AddSlashing(e));
        _gossip.Tell(new Gossip(e, p.FromNode));
        _gossiped++;
    }

    /// <summary>An attestation's data as an event field: slot, committeeIndex, headRoot, source and target.</summary>
    internal static KeyValuePair<string, object?>[] DataFields(AttestationData d) =>
    [
        new("slot", d.Slot), new("committeeIndex", d.CommitteeIndex), new("headRoot", d.HeadRoot.ToString()),
        new("source", CheckpointFields(d.Source)), new("target", CheckpointFields(d.Target)),
    ];

    private static KeyValuePair<string, object?>[] CheckpointFields(Checkpoint c) => [new("epoch", c.Epoch), new("root", c.Root.ToString())];

    private static string Label(Origin o) => o switch
    {
        Origin.Slasher => "slasher",
        Origin.Gossip => "gossip",
        _ => "block",
    };

    private ulong CurrentSlot() =>
        _genesisMillis < 0 ? 0 : _config.SlotAt((ulong)_genesisMillis, (ulong)Math.Max(0, _node.Clock.NowMillis));
}
