using System.Collections.Immutable;
using ActorChain.Core.Codec;
using Akka.Actor;
using Akka.Event;

namespace ActorChain.Node.Chain;

/// <summary>
/// Fetches missing ancestors by root from peers (ARCHITECTURE.md): after a partition, a restart, or a block that
/// arrived before its parent. One request per missing root at a time; a request that gets no answer in time is retried
/// with the next peer.
/// </summary>
public sealed partial class SyncActor : ReceiveActor, IWithTimers
{
    /// <summary>Told to the node's guardian: ask <paramref name="Peer"/> for <paramref name="Root"/> and up to <paramref name="Max"/> − 1 ancestors.</summary>
    public sealed record RequestBlocks(int Peer, Hash32 Root, int Max, bool Beacon) : INoSerializationVerificationNeeded;

    /// <summary>The peers this node is linked to now, ascending.</summary>
    public sealed record PeersChanged(ImmutableArray<int> Peers) : INoSerializationVerificationNeeded;

    /// <summary>The request for <paramref name="Root"/> got no answer in time.</summary>
    private sealed record Retry(Hash32 Root) : INoSerializationVerificationNeeded;

    /// <summary>How many blocks one request asks for.</summary>
    public const int Batch = 64;

    /// <summary>How long a request waits for its answer before the next peer is asked.</summary>
    internal static readonly TimeSpan RetryAfter = TimeSpan.FromSeconds(3);

    /// <summary>How many peers are asked for one root before giving up.</summary>
    internal const int MaxAttempts = 6;

    private static readonly ImmutableHashSet<ChainEventKind> Kinds =
    [
        ChainEventKind.AncestorMissing, ChainEventKind.BeaconAncestorMissing, ChainEventKind.BlockImported,
        ChainEventKind.BeaconBlockImported,
    ];

    private readonly NodeContext _node;
    private readonly IActorRef _requests;
    private readonly ILoggingAdapter _log = Context.GetLogger();
    private readonly SortedDictionary<Hash32, InFlight> _inFlight = [];
    private ImmutableArray<int> _peers = [];

    /// <inheritdoc />
    public ITimerScheduler Timers { get; set; } = null!;

    /// <summary>The sync of <paramref name="node"/>: subscribes to <paramref name="chain"/>; <paramref name="requests"/> receives <see cref="RequestBlocks"/>.</summary>
    public static Props Create(NodeContext node, IActorRef chain, IActorRef requests)
    {
        ArgumentNullException.ThrowIfNull(node);
        ArgumentNullException.ThrowIfNull(chain);
        ArgumentNullException.ThrowIfNull(requests);
        return Props.Create(() => new SyncActor(node, chain, requests));
    }

    /// <summary>Use <see cref="Create"/>; public for Akka's props activator.</summary>
    public SyncActor(NodeContext node, IActorRef chain, IActorRef requests)
    {
        _node = node;
        _requests = requests;
        chain.Tell(new ChainActor.Subscribe(Self, Kinds));
        Receive<ChainEvent>(OnChainEvent);
        Receive<PeersChanged>(OnPeersChanged);
        Receive<Retry>(OnRetry);
    }

    private void OnPeersChanged(PeersChanged p) => _peers = p.Peers;

    private void OnChainEvent(ChainEvent e)
    {
        switch (e)
        {
            case ChainEvent.AncestorMissing m:
                Missing(m.MissingRoot, m.Held, m.FromNode, beacon: false);
                break;
            case ChainEvent.BeaconAncestorMissing m:
                Missing(m.MissingRoot, m.Held, m.FromNode, beacon: true);
                break;
            case ChainEvent.BlockImported b:
                Arrived(b.Block.Hash);
                break;
            case ChainEvent.BeaconBlockImported b:
                Arrived(b.Block.Root);
                break;
        }
    }

    private void Missing(Hash32 root, Hash32 held, int fromNode, bool beacon)
    {
        Arrived(held); // what we asked for came, even if it cannot be imported yet
        if (!_inFlight.ContainsKey(root) && fromNode >= 0)
        {
            Request(root, fromNode, 1, beacon);
        }
    }

    private void Arrived(Hash32 hash)
    {
        if (_inFlight.Remove(hash))
        {
            Timers.Cancel(hash);
        }
    }

    private void Request(Hash32 root, int peer, int attempt, bool beacon)
    {
        _inFlight[root] = new InFlight(peer, attempt, beacon);
        Timers.StartSingleTimer(root, new Retry(root), RetryAfter);
        _requests.Tell(new RequestBlocks(peer, root, Batch, beacon));
        if (attempt == 1)
        {
            _node.Emit("sync_request", "root", root.ToString(), "peer", peer);
        }
    }

    private void OnRetry(Retry r)
    {
        if (!_inFlight.Remove(r.Root, out var f))
        {
            return;
        }

        if (f.Attempts >= MaxAttempts || _peers.IsEmpty)
        {
            _log.Debug("give up fetching {0} after {1} attempts", r.Root.ShortHex(), f.Attempts);
            return;
        }

        var next = _peers[(_peers.IndexOf(f.Peer) + 1) % _peers.Length];
        Request(r.Root, next, f.Attempts + 1, f.Beacon);
    }

    private sealed record InFlight(int Peer, int Attempts, bool Beacon);
}
