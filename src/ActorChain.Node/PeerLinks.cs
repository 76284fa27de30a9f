using System.Collections.Immutable;
using ActorChain.Core.Codec;
using ActorChain.Node.Chain;
using ActorChain.Node.Network;
using Akka.Actor;
using Akka.Event;

namespace ActorChain.Node;

/// <summary>
/// A <see cref="NodeGuardian"/>'s links: one <see cref="PeerLinkActor"/> per peer and each peer's guardian, by peer id.
/// Votes flooded in one instant wait in <see cref="FlushVotes"/> so that they cross each link as one message. A plain
/// helper the guardian owns; it runs only on the guardian's turn.
/// </summary>
internal sealed class PeerLinks
{
    private readonly IActorContext _context;
    private readonly NodeContext _node;
    private readonly NodeSpec _spec;
    private readonly IActorRef _sync;
    private readonly Action _flushAtEndOfInstant;
    private readonly SortedDictionary<int, IActorRef> _links = [];
    private readonly SortedDictionary<int, IActorRef> _guardians = [];
    private readonly SortedDictionary<int, List<PeerLinkActor.Send>> _votesDue = [];
    private bool _flushDue;

    /// <summary>A helper for the guardian of <paramref name="context"/>; <paramref name="flushAtEndOfInstant"/> asks it to call <see cref="FlushVotes"/> once this instant's work is done.</summary>
    public PeerLinks(IActorContext context, NodeContext node, NodeSpec spec, IActorRef sync, Action flushAtEndOfInstant)
    {
        _context = context;
        _node = node;
        _spec = spec;
        _sync = sync;
        _flushAtEndOfInstant = flushAtEndOfInstant;
    }

    /// <summary>Opens a link to <paramref name="guardian"/> unless it is not allowed or already linked; true if opened.</summary>
    public bool Open(int peerId, IActorRef guardian)
    {
        if (!_spec.MayLinkTo(peerId) || (_guardians.TryGetValue(peerId, out var known) && known.Equals(guardian)))
            return false;
        if (_links.Remove(peerId, out var old))
            _context.Stop(old); // the peer restarted: a new incarnation gets a new link
        _guardians[peerId] = guardian;
        _links[peerId] = _context.ActorOf(PeerLinkActor.Create(_node, peerId, guardian), LinkName(peerId));
        _sync.Tell(new SyncActor.PeersChanged(Ids()));
        _node.Emit("peer_linked", "peer", peerId);
        _context.GetLogger().Info("node {0}: linked to node {1}", _node.NodeId, peerId);
        return true;
    }

    /// <summary>Closes the link to <paramref name="peerId"/>, which went down (a crashed node); a restarted one is linked again.</summary>
    public void Disconnect(int peerId)
    {
        if (!_guardians.Remove(peerId))
            return;
        if (_links.Remove(peerId, out var link))
            _context.Stop(link);
        _sync.Tell(new SyncActor.PeersChanged(Ids()));
        _node.Emit("peer_unlinked", "peer", peerId);
        _context.GetLogger().Info("node {0}: node {1} is down; link closed", _node.NodeId, peerId);
    }

    /// <summary>The linked peers' guardians, by peer id.</summary>
    public IReadOnlyCollection<IActorRef> Guardians => _guardians.Values;

    /// <summary>The link to <paramref name="peerId"/>, or null.</summary>
    public IActorRef? LinkTo(int peerId) => _links.GetValueOrDefault(peerId);

    /// <summary>The linked peers, ascending.</summary>
    public ImmutableArray<int> Ids() => [.. _links.Keys];

    /// <summary>The links by peer id.</summary>
    public ImmutableSortedDictionary<int, IActorRef> Snapshot() => _links.ToImmutableSortedDictionary();

    /// <summary>Sends <paramref name="payload"/> to one peer, if linked.</summary>
    public void Send(int peer, Wire payload, Hash32 id)
    {
        if (_links.TryGetValue(peer, out var link))
            link.Tell(new PeerLinkActor.Send(payload, id));
    }

    /// <summary>
    /// Offers <paramref name="payload"/> to every link but <paramref name="exceptPeer"/>'s. A vote waits for the end of
    /// the instant, so that all the votes this node publishes together cross each link as one message.
    /// </summary>
    public void Flood(Wire payload, Hash32 id, int exceptPeer)
    {
        var vote = payload is Wire.AttestationGossip;
        if (vote && !_flushDue && _links.Count > 0)
        {
            _flushDue = true;
            _flushAtEndOfInstant();
        }

        var send = new PeerLinkActor.Send(payload, id); // immutable: one for every link
        foreach (var (peer, link) in _links)
        {
            if (peer == exceptPeer)
                continue;
            if (!vote)
            {
                link.Tell(send);
                continue;
            }
            if (!_votesDue.TryGetValue(peer, out var due))
                _votesDue[peer] = due = [];
            due.Add(send);
        }
    }

    /// <summary>Sends the votes flooded in this instant, one message per link (links closed since get none).</summary>
    public void FlushVotes()
    {
        _flushDue = false;
        foreach (var (peer, votes) in _votesDue) // the lists stay, emptied, for the next instant's votes
        {
            if (votes.Count > 0 && _links.TryGetValue(peer, out var link))
                link.Tell(new PeerLinkActor.SendVotes([.. votes]));
            votes.Clear();
        }
    }

    /// <summary>True when <paramref name="child"/> is one of the links.</summary>
    public static bool IsLink(IActorRef child) => child.Path.Name.StartsWith("link-", StringComparison.Ordinal);

    private string LinkName(int peerId)
    {
        // A name stays taken until the old link's Terminated is processed: each incarnation gets a fresh one.
        _incarnation++;
        return $"link-{peerId}-{_incarnation}";
    }

    private long _incarnation;
}
