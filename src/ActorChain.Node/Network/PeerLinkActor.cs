using System.Collections.Immutable;
using ActorChain.Core.Codec;
using ActorChain.Core.Pos.Model;
using ActorChain.Node.Configuration;
using ActorChain.Node.Time;
using Akka.Actor;
using Akka.Event;

namespace ActorChain.Node.Network;

/// <summary>
/// One directed link from this node to a peer: adds latency and jitter, drops by loss, cuts on a partition, and
/// dedupes by message id. It does not know whether the peer is local or remote (ARCHITECTURE.md, "Network").
/// </summary>
public sealed class PeerLinkActor : ReceiveActor, IWithTimers
{
    /// <summary>Carry <paramref name="Payload"/> to the peer unless <paramref name="Id"/> already crossed this link (<see cref="Hash32.Zero"/>: no dedupe).</summary>
    public sealed record Send(Wire Payload, Hash32 Id) : INoSerializationVerificationNeeded;

    /// <summary>The votes published in one instant, carried as one <see cref="Wire.AttestationBatch"/> with one latency draw; dedupe and loss apply per vote.</summary>
    public sealed record SendVotes(ImmutableArray<Send> Votes) : INoSerializationVerificationNeeded
    {
        /// <summary>The votes, in order; each payload is a <see cref="Wire.AttestationGossip"/>.</summary>
        public ImmutableArray<Send> Votes { get; init; } = CheckVotes(Votes);

        private static ImmutableArray<Send> CheckVotes(ImmutableArray<Send> votes)
        {
            foreach (var vote in votes)
            {
                if (vote.Payload is not Wire.AttestationGossip)
                    throw new ArgumentException("not a vote: " + vote.Payload, nameof(votes));
            }

            return votes;
        }
    }

    /// <summary>Apply a link fault.</summary>
    public sealed record ApplyFault(LinkFault Fault) : INoSerializationVerificationNeeded;

    /// <summary>Reply with <see cref="Stats"/>.</summary>
    public sealed record GetStats(IActorRef ReplyTo) : INoSerializationVerificationNeeded;

    /// <summary>What crossed this link so far.</summary>
    public sealed record Stats(int Peer, long Sent, long Dropped, long Deduped, bool Partitioned, LinkSettings Settings)
        : INoSerializationVerificationNeeded;

    /// <summary>Deliveries due at <paramref name="AtMillis"/> (clock ms) are due now.</summary>
    private sealed record Due(long AtMillis) : INoSerializationVerificationNeeded;

    /// <summary>How many message ids the link remembers for dedupe.</summary>
    internal const int DedupeCapacity = 8192;

    /// <summary>The most votes in one message: well under a peer's frame limit.</summary>
    public const int MaxBatch = 256;

    private readonly NodeContext _node;
    private readonly int _peerId;
    private readonly IActorRef _peer;
    private readonly LinkSettings _configured;
    private readonly SplitMix64 _random;
    private readonly RecentIds _carried = new(DedupeCapacity);
    private readonly DeliveryQueue _pending = new();
    private readonly List<Attestation> _passed = [];
    private LinkSettings _settings;
    private bool _partitioned;
    private long _sent;
    private long _dropped;
    private long _deduped;

    /// <summary>The link from <paramref name="node"/> to peer <paramref name="peerId"/>, whose guardian is <paramref name="peerGuardian"/>.</summary>
    public static Props Create(NodeContext node, int peerId, IActorRef peerGuardian) =>
        Props.Create(() => new PeerLinkActor(node, peerId, peerGuardian));

    /// <summary>Builds the link; use <see cref="Create"/>.</summary>
    public PeerLinkActor(NodeContext node, int peerId, IActorRef peerGuardian)
    {
        _node = node;
        _peerId = peerId;
        _peer = peerGuardian;
        _configured = node.Settings.Link;
        _settings = _configured;
        _random = new SplitMix64(node.SeedFor("link-" + peerId));
        Receive<Send>(OnSend);
        Receive<SendVotes>(OnSendVotes);
        Receive<Due>(OnDue);
        Receive<ApplyFault>(OnFault);
        Receive<GetStats>(OnGetStats);
    }

    /// <inheritdoc />
    public ITimerScheduler Timers { get; set; } = null!;

    private void OnSend(Send s)
    {
        if (Passes(s)) Deliver(s.Payload, DelayMillis());
    }

    private void OnSendVotes(SendVotes s)
    {
        _passed.Clear();
        foreach (var vote in s.Votes)
        {
            if (Passes(vote)) _passed.Add(((Wire.AttestationGossip)vote.Payload).Attestation);
        }

        if (_passed.Count == 0) return;
        var delay = DelayMillis(); // one draw for the whole instant, whatever the number of parts
        for (var from = 0; from < _passed.Count; from += MaxBatch)
        {
            var count = Math.Min(MaxBatch, _passed.Count - from);
            Wire part = count == 1
                ? new Wire.AttestationGossip(_passed[from])
                : new Wire.AttestationBatch([.. _passed.GetRange(from, count)]);
            Deliver(part, delay);
        }
    }

    /// <summary>Whether <paramref name="s"/> goes on: not carried before, and neither partitioned nor lost (counting each outcome).</summary>
    private bool Passes(Send s)
    {
        if (!s.Id.IsZero && !_carried.Add(s.Id))
        {
            _deduped++;
            return false;
        }

        if (_partitioned || (_settings.Loss > 0 && _random.NextDouble() < _settings.Loss))
        {
            _dropped++;
            return false;
        }

        _sent++;
        return true;
    }

    /// <summary>
    /// Hands <paramref name="payload"/> to the peer after <paramref name="delay"/> ms. Deliveries leave in (due time,
    /// send order): what is due now goes at once, after anything pending that is due too; the rest waits for the timer
    /// of its due time (one timer per due time, keyed by it).
    /// </summary>
    private void Deliver(Wire payload, long delay)
    {
        var msg = new NodeGuardian.FromPeer(_node.NodeId, payload);
        var now = _node.Clock.NowMillis;
        if (delay <= 0)
        {
            Flush(now);
            _peer.Tell(msg);
            return;
        }

        var due = now + delay;
        _pending.Add(due, msg);
        if (!Timers.IsTimerActive(due)) Timers.StartSingleTimer(due, new Due(due), TimeSpan.FromMilliseconds(delay));
    }

    private void OnDue(Due d) => Flush(d.AtMillis);

    /// <summary>Delivers, in (due, send) order, every pending message due at or before <paramref name="due"/>.</summary>
    private void Flush(long due)
    {
        while (_pending.TryTakeDue(due, out var msg)) _peer.Tell(msg);
    }

    private long DelayMillis()
    {
        var mean = _settings.MeanLatencyMillis;
        var jitter = _settings.JitterMillis;
        if (jitter == 0) return mean;
        return mean - jitter + (long)_random.NextBelow((ulong)(2 * jitter + 1));
    }

    private void OnFault(ApplyFault f)
    {
        switch (f.Fault)
        {
            case LinkFault.Latency l:
                _settings = _settings with { MeanLatencyMillis = l.MeanMillis, JitterMillis = l.JitterMillis };
                break;
            case LinkFault.Loss l:
                _settings = _settings with { Loss = l.Probability };
                break;
            case LinkFault.Partition:
                _partitioned = true;
                break;
            case LinkFault.Heal:
                LiftPartition();
                _settings = _configured;
                break;
            case LinkFault.Clear { Kind: "partition" }:
                LiftPartition();
                break;
            case LinkFault.Clear { Kind: "latency" }:
                _settings = _settings with { MeanLatencyMillis = _configured.MeanLatencyMillis, JitterMillis = _configured.JitterMillis };
                break;
            case LinkFault.Clear { Kind: "loss" }:
                _settings = _settings with { Loss = _configured.Loss };
                break;
            default:
                throw new InvalidOperationException("unknown link fault " + f.Fault);
        }

        Context.GetLogger().Debug("link {0}->{1} now {2} partitioned={3}", _node.NodeId, _peerId, _settings, _partitioned);
    }

    private void LiftPartition()
    {
        _partitioned = false;
        _carried.Clear(); // what was dropped during the partition may be offered again
    }

    private void OnGetStats(GetStats g) =>
        g.ReplyTo.Tell(new Stats(_peerId, _sent, _dropped, _deduped, _partitioned, _settings));
}
