using System.Collections.Immutable;
using ActorChain.Cluster.Hosting;
using ActorChain.Node;
using ActorChain.Node.Network;
using Akka.Actor;
using Akka.Cluster;
using Akka.Event;

namespace ActorChain.Cluster.Membership;

/// <summary>
/// The peer directory of one process (<c>/user/directory</c>; AKKANET.md §2.2): it logs membership events, greets every
/// other member's directory with this process's <see cref="Wire.Hello"/> (again each second until that member's Hello
/// arrives), and for a member with the same genesis identifies its <c>/user/node</c>, watches it and links the local
/// guardian to it (<see cref="NodeGuardian.Connect"/>); a stopped or removed peer is unlinked. On another genesis (or a
/// duplicate node id) the younger member of the two (<see cref="Member.IsOlderThan"/>) reports the difference through
/// its exit callback and leaves; the older one refuses it and keeps going. It publishes the live members on a
/// <see cref="ClusterViewBoard"/>.
/// </summary>
public sealed class PeerDirectory : ReceiveActor, IWithTimers
{
    /// <summary>The actor name: <c>/user/directory</c> in every process.</summary>
    public const string ActorName = "directory";

    /// <summary>The local node's guardian is now <paramref name="Guardian"/> (null: down, crashed): link it to every known peer.</summary>
    public sealed record SetGuardian(IActorRef? Guardian) : INoSerializationVerificationNeeded;

    /// <summary>Resend Hellos and Identify requests still unanswered; re-decide pending mismatches.</summary>
    private sealed record Tick : INoSerializationVerificationNeeded
    {
        public static Tick Instance { get; } = new();
    }

    /// <summary>How many ticks a genesis mismatch waits for both members' ages to be known before this side gives way.</summary>
    internal const int MismatchRechecks = 20;

    /// <summary>What this directory knows of one member address (one incarnation).</summary>
    private sealed class Peer(Address address)
    {
        public Address Address { get; } = address;
        public Member? Member { get; set; }
        public bool Unreachable { get; set; }
        public Wire.Hello? Hello { get; set; }
        public int? Claimed { get; set; }
        public bool Refused { get; set; }
        public IActorRef? Node { get; set; }
        public (string Line, int Attempts)? Mismatch { get; set; }
    }

    private readonly Wire.Hello _mine;
    private readonly ClusterViewBoard _board;
    private readonly Action<string> _exit;
    private readonly TimeSpan _tick;
    private readonly Akka.Cluster.Cluster _cluster = Akka.Cluster.Cluster.Get(Context.System);
    private readonly Dictionary<Address, Peer> _peers = [];
    private readonly ILoggingAdapter _log = Context.GetLogger();
    private IActorRef? _guardian;
    private bool _leaving;

    /// <inheritdoc />
    public ITimerScheduler Timers { get; set; } = null!;

    /// <summary>
    /// The directory of the process whose Hello is <paramref name="mine"/> and whose node's guardian is
    /// <paramref name="guardian"/>; <paramref name="exit"/> gets the one line of a genesis mismatch this process loses
    /// (it is then leaving the cluster); <paramref name="tick"/> paces the retries (1 s in a process).
    /// </summary>
    public static Props Create(Wire.Hello mine, IActorRef? guardian, ClusterViewBoard board, Action<string> exit, TimeSpan? tick = null) =>
        Props.Create(() => new PeerDirectory(mine, guardian, board, exit, tick ?? TimeSpan.FromSeconds(1)));

    /// <summary>Use <see cref="Create"/>: Akka builds it (its constructor must be public).</summary>
    public PeerDirectory(Wire.Hello mine, IActorRef? guardian, ClusterViewBoard board, Action<string> exit, TimeSpan tick)
    {
        _mine = mine;
        _guardian = guardian;
        _board = board;
        _exit = exit;
        _tick = tick;
        Receive<ClusterEvent.IMemberEvent>(OnMemberEvent);
        Receive<ClusterEvent.UnreachableMember>(u => OnReachability(u.Member, unreachable: true));
        Receive<ClusterEvent.ReachableMember>(r => OnReachability(r.Member, unreachable: false));
        Receive<Wire.Hello>(OnHello);
        Receive<ActorIdentity>(OnIdentity);
        Receive<Terminated>(OnTerminated);
        Receive<SetGuardian>(OnSetGuardian);
        Receive<Tick>(_ => OnTick());
    }

    /// <inheritdoc />
    protected override void PreStart()
    {
        _cluster.Subscribe(Self, ClusterEvent.SubscriptionInitialStateMode.InitialStateAsEvents,
            typeof(ClusterEvent.IMemberEvent), typeof(ClusterEvent.IReachabilityEvent));
        Timers.StartPeriodicTimer("tick", Tick.Instance, _tick);
        Publish();
    }

    /// <inheritdoc />
    protected override void PostStop() => _cluster.Unsubscribe(Self);

    private bool IsSelf(Address a) => a.Equals(_cluster.SelfAddress);

    /// <summary>Whether <paramref name="p"/> is the entry of <paramref name="m"/>'s incarnation (or of none yet).</summary>
    private static bool SameIncarnation(Peer p, Member m) => p.Member is null || p.Member.UniqueAddress.Equals(m.UniqueAddress);

    private void OnMemberEvent(ClusterEvent.IMemberEvent e)
    {
        var m = e.Member;
        if (e is ClusterEvent.MemberRemoved removed)
        {
            // Akka lists a gossip's removals after its other events: an entry of a newer incarnation at the same
            // address (a restarted node already seen Joining/Up) must survive the removal of the old one.
            if (_peers.TryGetValue(m.Address, out var stored) && !SameIncarnation(stored, m))
            {
                _log.Info("cluster: member {0} removed (was {1}), an older incarnation of {2}", HostPort(m.Address),
                    removed.PreviousStatus, NameOf(stored));
                return;
            }
            if (_peers.Remove(m.Address, out var gone) && !IsSelf(m.Address))
                Unlink(gone, "removed");
            _log.Info("cluster: member {0} removed (was {1}) ({2})", HostPort(m.Address), removed.PreviousStatus, NameOf(gone));
            Publish();
            return;
        }
        if (!_peers.TryGetValue(m.Address, out var p) || (p.Member is { } old && old.UniqueAddress.Uid != m.UniqueAddress.Uid))
        {
            if (p is not null)
                Unlink(p, "replaced by a new incarnation");
            _peers[m.Address] = p = new Peer(m.Address);
        }
        p.Member = m;
        _log.Info("cluster: member {0} {1} ({2})", HostPort(m.Address), Describe(e), IsSelf(m.Address) ? "this node " + _mine.NodeId : NameOf(p));
        if (e is ClusterEvent.MemberUp && !IsSelf(m.Address) && p.Hello is null && !p.Refused)
            Greet(m.Address);
        Publish();
    }

    private void OnReachability(Member m, bool unreachable)
    {
        if (!_peers.TryGetValue(m.Address, out var p) || !SameIncarnation(p, m))
            return; // unknown, or an older incarnation than the one stored at this address
        p.Unreachable = unreachable;
        if (unreachable)
            _log.Warning("cluster: member {0} unreachable ({1})", HostPort(m.Address), NameOf(p));
        else
            _log.Info("cluster: member {0} reachable again ({1})", HostPort(m.Address), NameOf(p));
        Publish();
    }

    private void Greet(Address address) =>
        Context.ActorSelection(new RootActorPath(address) / "user" / ActorName).Tell(_mine, Self);

    private void OnHello(Wire.Hello theirs)
    {
        var address = Sender.Path.Address;
        if (IsSelf(address) || _leaving)
            return;
        if (!_peers.TryGetValue(address, out var p))
            _peers[address] = p = new Peer(address); // greeted before its member event arrived here
        if (p.Refused)
            return;
        p.Claimed = theirs.NodeId;
        var first = p.Hello is null && p.Mismatch is null;
        if (first)
            Sender.Tell(_mine, Self); // once: so that a Hello of ours sent before its directory existed is not missed
        var refusal = theirs.NodeId == _mine.NodeId
            ? $"duplicate node id {theirs.NodeId}: the members at {HostPort(_cluster.SelfAddress)} and {HostPort(address)} are both node {theirs.NodeId} (give each process its own --id)"
            : Genesis.Difference(_mine, theirs) is { } difference ? $"genesis mismatch with node {theirs.NodeId}: {difference}" : null;
        if (refusal is not null)
        {
            p.Mismatch ??= (refusal, 0);
            Decide(p);
            return;
        }
        if (p.Hello is not null)
            return;
        if (_peers.Values.FirstOrDefault(o => o != p && o.Hello?.NodeId == theirs.NodeId) is { } holder)
        {
            _log.Warning("cluster: member {0} says it is node {1}, which {2} is already; not linked", HostPort(address),
                theirs.NodeId, HostPort(holder.Address));
            return;
        }
        p.Hello = theirs;
        _log.Info("cluster: member {0} is node {1} (same genesis; http port {2}, hosts {3})", HostPort(address), theirs.NodeId,
            theirs.HttpPort, theirs.Hosted.IsEmpty ? "no validators" : string.Join(", ", theirs.Hosted));
        Identify(p);
        Publish();
    }

    /// <summary>A mismatch with <paramref name="p"/>: the younger member of the two gives way, the older refuses it.</summary>
    private void Decide(Peer p)
    {
        var (line, attempts) = p.Mismatch!.Value;
        var self = _cluster.SelfMember;
        var other = _cluster.State.Members.FirstOrDefault(m => m.Address.Equals(p.Address));
        bool? selfOlder = other is not null && Numbered(self) && Numbered(other) ? self.IsOlderThan(other) : null;
        if (selfOlder is null && attempts < MismatchRechecks)
        {
            p.Mismatch = (line, attempts + 1); // decided again on the next tick
            return;
        }
        p.Mismatch = null;
        if (selfOlder == true)
        {
            p.Refused = true;
            Unlink(p, "refused");
            _log.Warning("cluster: {0}; it joined later, so it leaves and this node ignores it", line);
            Publish();
            return;
        }
        if (_leaving)
            return;
        _leaving = true;
        _log.Error("cluster: {0}; this node joined later, so it leaves the cluster", line);
        _exit(line);
        _cluster.Leave(_cluster.SelfAddress);
    }

    private static bool Numbered(Member m) =>
        m.Status is MemberStatus.Up or MemberStatus.Leaving or MemberStatus.Exiting;

    private static void Identify(Peer p) =>
        Context.ActorSelection(new RootActorPath(p.Address) / "user" / "node").Tell(new Identify(p.Address.ToString()), Context.Self); // a string crosses on Akka's own serializer

    private void OnIdentity(ActorIdentity id)
    {
        var p = _peers.Values.FirstOrDefault(x => id.MessageId is string s && s == x.Address.ToString());
        if (p is null || p.Hello is null || p.Refused || id.Subject is not { } node || p.Node is not null)
            return; // not (yet) there: asked again on the next tick
        var address = p.Address;
        p.Node = node;
        Context.Watch(node);
        _guardian?.Tell(new NodeGuardian.Connect(p.Hello.NodeId, node));
        _log.Info("cluster: linked to node {0} at {1}", p.Hello.NodeId, HostPort(address));
    }

    private void OnTerminated(Terminated t)
    {
        // Equals compares the path's uid too: the Terminated of an old incarnation's guardian never matches the
        // guardian of the new incarnation linked since at the same address.
        var p = _peers.Values.FirstOrDefault(x => x.Node is { } n && n.Path.Uid == t.ActorRef.Path.Uid && t.ActorRef.Equals(n));
        if (p is null)
            return;
        Unlink(p, "its node stopped");
    }

    /// <summary>Drops the link to <paramref name="p"/>'s node, if any (it is identified again while it is a member).</summary>
    private void Unlink(Peer p, string why)
    {
        if (p.Node is not { } node)
            return;
        Context.Unwatch(node);
        p.Node = null;
        if (p.Hello is { } h)
        {
            _guardian?.Tell(new NodeGuardian.Disconnect(h.NodeId));
            _log.Info("cluster: unlinked node {0} at {1} ({2})", h.NodeId, HostPort(p.Address), why);
        }
    }

    private void OnSetGuardian(SetGuardian s)
    {
        _guardian = s.Guardian;
        if (_guardian is null)
            return;
        foreach (var p in _peers.Values.OrderBy(p => p.Hello?.NodeId ?? int.MaxValue))
            if (p is { Node: { } node, Hello: { } h })
                _guardian.Tell(new NodeGuardian.Connect(h.NodeId, node));
    }

    private void OnTick()
    {
        foreach (var p in _peers.Values.ToList())
        {
            if (IsSelf(p.Address) || p.Refused || p.Member is null || !Live(p.Member))
                continue;
            if (p.Mismatch is not null)
                Decide(p);
            else if (p.Hello is null && p.Member.Status == MemberStatus.Up)
                Greet(p.Address);
            else if (p.Hello is not null && p.Node is null && p.Member.Status == MemberStatus.Up)
                Identify(p);
        }
    }

    private static bool Live(Member m) => m.Status is not (MemberStatus.Removed or MemberStatus.Down);

    private void Publish()
    {
        var views = new List<MemberView>();
        foreach (var p in _peers.Values)
        {
            if (p.Member is not { } m || m.Status == MemberStatus.Removed)
                continue;
            var self = IsSelf(p.Address);
            var hello = self ? _mine : p.Hello;
            var status = p.Unreachable && Live(m) ? "Unreachable" : m.Status.ToString();
            views.Add(new MemberView(hello?.NodeId, HostPort(p.Address), hello?.HttpPort, status, hello?.Hosted ?? [], self));
        }
        _board.Publish(ClusterViewBoard.Ordered(views));
    }

    /// <summary><c>host:port</c> of a member's address.</summary>
    public static string HostPort(Address a) => $"{a.Host}:{a.Port}";

    private static string NameOf(Peer? p) =>
        p?.Hello is { } h ? "node " + h.NodeId
        : p?.Claimed is { } c ? $"says node {c}{(p.Refused ? ", refused" : "")}"
        : "node id not yet known";

    private static string Describe(ClusterEvent.IMemberEvent e) => e switch
    {
        ClusterEvent.MemberJoined => "joining",
        ClusterEvent.MemberWeaklyUp => "weakly up",
        ClusterEvent.MemberUp => "up",
        ClusterEvent.MemberLeft => "leaving",
        ClusterEvent.MemberExited => "exiting",
        ClusterEvent.MemberDowned => "down",
        _ => "is " + e.Member.Status,
    };
}
