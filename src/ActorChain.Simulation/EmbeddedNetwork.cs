using System.Collections.Immutable;
using ActorChain.Core.Pos.Block;
using ActorChain.Node;
using ActorChain.Node.Configuration;
using ActorChain.Node.Events;
using ActorChain.Node.Faults;
using ActorChain.Node.Network;
using ActorChain.Node.Storage;
using ActorChain.Node.Time;
using Akka.Actor;
using Akka.Event;

namespace ActorChain.Simulation;

/// <summary>
/// N nodes in one actor system, wired with PeerLinkActors along a topology (ARCHITECTURE.md, "Embedded"). The same
/// NodeGuardian runs here and in a cluster process; only the wiring differs. Each node's stores outlive its actors: a
/// <c>crash</c> fault stops the node's guardian, and so its whole tree, and its peers unlink it; clearing the crash
/// starts a new guardian from the same stores, links it to its peers again both ways with the link faults in force, and
/// resubscribes its <see cref="SubscribeChain"/> watchers. Events <c>node_crashed</c> and <c>node_restarted</c>.
/// </summary>
public sealed class EmbeddedNetwork : ReceiveActor
{
    /// <summary>Reply with <see cref="Nodes"/>.</summary>
    public sealed record GetNodes(IActorRef ReplyTo) : INoSerializationVerificationNeeded;

    /// <summary>The nodes that are up (a crashed node is missing until it restarts), by id.</summary>
    public sealed record Nodes(ImmutableSortedDictionary<int, IActorRef> Guardians) : INoSerializationVerificationNeeded;

    /// <summary>Subscribe <paramref name="Subscriber"/> to node <paramref name="Node"/>'s chain events, and again each time that node restarts.</summary>
    public sealed record SubscribeChain(int Node, IActorRef Subscriber, bool HeadsOnly) : INoSerializationVerificationNeeded;

    /// <summary>Cut every link between different groups; nodes in no group are cut from everyone.</summary>
    public sealed record Partition(ImmutableArray<ImmutableSortedSet<int>> Groups) : INoSerializationVerificationNeeded;

    /// <summary>Restore every link.</summary>
    public sealed record Heal : INoSerializationVerificationNeeded
    {
        /// <summary>The one instance.</summary>
        public static Heal Instance { get; } = new();
    }

    /// <summary>Every node stops producing blocks.</summary>
    public sealed record StopProducing : INoSerializationVerificationNeeded
    {
        /// <summary>The one instance.</summary>
        public static StopProducing Instance { get; } = new();
    }

    /// <summary>A link fault on every link of the network (latency, loss, ...).</summary>
    public sealed record AllLinks(LinkFault Fault) : INoSerializationVerificationNeeded;

    /// <summary>
    /// Inject a fault where it belongs: a validator fault into the node hosting that validator, a node or PoW fault into
    /// that node, a link fault into every node, a crash by stopping the node. <paramref name="ReplyTo"/> (may be
    /// <see cref="ActorRefs.Nobody"/>) gets a <see cref="FaultReply"/>; a refusal is also a <c>fault_rejected</c> event.
    /// </summary>
    public sealed record InjectFault(Fault Fault, IActorRef ReplyTo) : INoSerializationVerificationNeeded;

    /// <summary>End a fault injected before (a cleared crash restarts the node); routed as <see cref="InjectFault"/>.</summary>
    public sealed record ClearFault(Fault Fault, IActorRef ReplyTo) : INoSerializationVerificationNeeded;

    private sealed record NodeReplied(Fault Fault, bool Inject, FaultReply Reply, IActorRef ReplyTo) : INoSerializationVerificationNeeded;

    /// <summary>A node's guardian stopped: crashed by a fault, or failed on its own.</summary>
    private sealed record NodeStopped(int Node, IActorRef Guardian) : INoSerializationVerificationNeeded;

    /// <summary>A crashed node: since when, whether its guardian has stopped yet, and whether it restarts once it has.</summary>
    private sealed record Down(long SinceMillis, bool Stopped, bool RestartWhenStopped);

    /// <summary>How long a node has to answer a fault routed to it.</summary>
    internal static readonly TimeSpan FaultReplyTimeout = TimeSpan.FromSeconds(30);

    private readonly IClock _clock;
    private readonly IActorRef _events;
    private readonly SortedDictionary<int, NodeSpec> _specs = [];
    private readonly SortedDictionary<int, NodeContext> _contexts = [];
    private readonly SortedDictionary<int, IActorRef> _nodes = [];
    private readonly SortedDictionary<int, Down> _down = [];
    private readonly SortedDictionary<int, List<SubscribeChain>> _watchers = [];
    private readonly ActiveLinkFaults _linkFaults = new();
    private readonly List<KeyValuePair<string, int>> _hostOf = [];
    private readonly ILoggingAdapter _log = Context.GetLogger();

    /// <summary><paramref name="stores"/> gives each node's stores, by id, once: they serve every incarnation of the node.</summary>
    public static Props Create(ChainSettings settings, ImmutableArray<NodeSpec> specs, IClock clock, IActorRef events, ulong seed,
        Func<int, NodeStores> stores) => Props.Create(() => new EmbeddedNetwork(settings, specs, clock, events, seed, stores));

    /// <summary>Every node with its stores in memory.</summary>
    public static Props Create(ChainSettings settings, ImmutableArray<NodeSpec> specs, IClock clock, IActorRef events, ulong seed) =>
        Create(settings, specs, clock, events, seed, _ => NodeStores.InMemory());

    /// <summary>Use <see cref="Create(ChainSettings, ImmutableArray{NodeSpec}, IClock, IActorRef, ulong, Func{int, NodeStores})"/>: Akka builds it (its constructor must be public).</summary>
    public EmbeddedNetwork(ChainSettings settings, ImmutableArray<NodeSpec> specs, IClock clock, IActorRef events, ulong seed,
        Func<int, NodeStores> stores)
    {
        _clock = clock;
        _events = events;
        var transitions = new TransitionMemo(); // the nodes of this network share their state transitions
        foreach (var spec in specs)
            _specs[spec.NodeId] = spec;
        foreach (var spec in specs)
        {
            _contexts[spec.NodeId] = new NodeContext(spec.NodeId, clock, events, settings, seed, transitions, stores(spec.NodeId));
            Spawn(spec.NodeId);
            foreach (var v in spec.Validators)
                _hostOf.Add(new(v, spec.NodeId));
        }
        foreach (var spec in specs)
            foreach (var (peer, guardian) in _nodes)
                if (spec.MayLinkTo(peer))
                    _nodes[spec.NodeId].Tell(new NodeGuardian.Connect(peer, guardian));

        Receive<SubscribeChain>(OnSubscribeChain);
        Receive<NodeStopped>(OnNodeStopped);
        Receive<GetNodes>(g => g.ReplyTo.Tell(new Nodes(_nodes.ToImmutableSortedDictionary())));
        Receive<Partition>(OnPartition);
        Receive<Heal>(_ => OnHeal());
        Receive<StopProducing>(_ => Broadcast(NodeGuardian.StopProducing.Instance));
        Receive<AllLinks>(a =>
        {
            _linkFaults.OnAllLinks(a.Fault);
            Broadcast(new NodeGuardian.ApplyLinkFault(null, a.Fault));
        });
        Receive<InjectFault>(f => OnFault(f.Fault, true, f.ReplyTo));
        Receive<ClearFault>(c => OnFault(c.Fault, false, c.ReplyTo));
        Receive<NodeReplied>(OnNodeReplied);
    }

    /// <inheritdoc />
    protected override SupervisorStrategy SupervisorStrategy() => new GuardianSupervision();

    /// <summary>A guardian for node <paramref name="id"/> from its context (and so its stores), watched.</summary>
    private IActorRef Spawn(int id)
    {
        var guardian = Context.ActorOf(NodeGuardian.Create(_contexts[id], _specs[id]), NodeSpec.ActorName(id));
        Context.WatchWith(guardian, new NodeStopped(id, guardian));
        _nodes[id] = guardian;
        return guardian;
    }

    private void Broadcast(object message)
    {
        foreach (var n in _nodes.Values)
            n.Tell(message);
    }

    private void OnSubscribeChain(SubscribeChain s)
    {
        if (!_watchers.TryGetValue(s.Node, out var list))
            _watchers[s.Node] = list = [];
        list.Add(s);
        if (_nodes.TryGetValue(s.Node, out var node))
            node.Tell(new NodeGuardian.SubscribeChain(s.Subscriber, s.HeadsOnly));
    }

    private void OnFault(Fault fault, bool inject, IActorRef replyTo)
    {
        if (ProblemOf(fault) is { } problem)
        {
            OnNodeReplied(new NodeReplied(fault, inject, new FaultReply(false, problem), replyTo));
            return;
        }
        if (fault is Fault.Crash c)
        {
            OnNodeReplied(new NodeReplied(fault, inject, inject ? Crash(c.Node) : Restart(c.Node), replyTo));
            return;
        }
        _linkFaults.OnEveryNode(fault, inject);
        switch (fault)
        {
            case ValidatorFault v:
                AskNode(HostOf(v.Validator)!.Value, fault, inject, replyTo);
                return;
            case NodeFault n:
                AskNode(n.Node, fault, inject, replyTo);
                return;
            case Fault.Partition p when inject:
                OnPartition(new Partition([.. p.Groups.Select(g => g.ToImmutableSortedSet())]));
                break;
            case Fault.Link { Fault: LinkFault.Heal }:
                if (inject)
                    OnHeal();
                break;
            default:
                Broadcast(inject ? new NodeGuardian.InjectFault(fault, ActorRefs.Nobody) : new NodeGuardian.ClearFault(fault, ActorRefs.Nobody));
                break;
        }
        replyTo?.Tell(new FaultReply(true, fault.Describe() + (inject ? "" : " cleared") + " on every node"));
    }

    private int? HostOf(string validator)
    {
        foreach (var (name, node) in _hostOf)
            if (name == validator)
                return node;
        return null;
    }

    /// <summary>What makes <paramref name="fault"/> impossible here, naming the unknown validator or node; null if nothing.</summary>
    private string? ProblemOf(Fault fault)
    {
        if (FaultProblems.Of(fault) is { } bad)
            return bad;
        if (fault is ValidatorFault v && HostOf(v.Validator) is null)
            return $"unknown validator '{v.Validator}'; " + (_hostOf.Count == 0 ? "this network has no validators"
                : "the validators are " + string.Join(", ", _hostOf.Take(8).Select(h => h.Key))
                  + (_hostOf.Count > 8 ? $", … ({_hostOf.Count})" : ""));
        IEnumerable<int> named = fault switch
        {
            NodeFault n => [n.Node],
            Fault.Partition p => p.Groups.SelectMany(g => g),
            _ => [],
        };
        foreach (var n in named)
            if (!_specs.ContainsKey(n))
                return $"unknown node {n}; the nodes are 0..{_specs.Count - 1}";
        int? target = fault is ValidatorFault vf ? HostOf(vf.Validator) : fault is NodeFault nf and not Fault.Crash ? nf.Node : null;
        if (target is { } t && !_nodes.ContainsKey(t))
            return $"node {t} is down (crashed); clear its crash first: {fault.Describe()} needs it running";
        return null;
    }

    /// <summary>Stops node <paramref name="id"/>'s guardian, and so its whole tree; its stores stay.</summary>
    private FaultReply Crash(int id)
    {
        if (_down.TryGetValue(id, out var d))
            return new FaultReply(false, $"node {id} is down already (since {d.SinceMillis} ms)");
        _nodes.Remove(id, out var guardian);
        _down[id] = new Down(_clock.NowMillis, false, false);
        Context.Stop(guardian);
        Broadcast(new NodeGuardian.Disconnect(id));
        _log.Info("node {0} crashed (crash fault); its stores ({1}) stay", id, _contexts[id].Stores.Chain.Location);
        _events.Tell(NodeEvent.Of(_clock.NowMillis, id, "node_crashed"));
        return new FaultReply(true, $"crash node {id}: its actors stop; it restarts from its stores when the crash is cleared");
    }

    /// <summary>Starts a crashed node again from its stores, once its old guardian has stopped.</summary>
    private FaultReply Restart(int id)
    {
        if (!_down.TryGetValue(id, out var d))
            return new FaultReply(false, $"node {id} is not crashed: only a crashed node restarts");
        if (!d.Stopped)
        {
            _down[id] = d with { RestartWhenStopped = true };
            return new FaultReply(true, $"crash node {id} cleared: it restarts once its actors have stopped");
        }
        Start(id);
        return new FaultReply(true, $"crash node {id} cleared: restarted from its stores");
    }

    private void Start(int id)
    {
        _down.Remove(id, out var d);
        var guardian = Spawn(id);
        foreach (var (p, peer) in _nodes)
        {
            if (p == id)
                continue;
            if (_specs[id].MayLinkTo(p))
                guardian.Tell(new NodeGuardian.Connect(p, peer));
            if (_specs[p].MayLinkTo(id))
                peer.Tell(new NodeGuardian.Connect(id, guardian));
        }
        _linkFaults.Reapply(id, guardian, _nodes);
        foreach (var w in _watchers.GetValueOrDefault(id, []))
            guardian.Tell(new NodeGuardian.SubscribeChain(w.Subscriber, w.HeadsOnly));
        var downMillis = _clock.NowMillis - d!.SinceMillis;
        _log.Info("node {0} restarted from its stores after {1} ms down", id, downMillis);
        _events.Tell(NodeEvent.Of(_clock.NowMillis, id, "node_restarted", "downMillis", downMillis));
    }

    private void OnNodeStopped(NodeStopped s)
    {
        if (_down.TryGetValue(s.Node, out var d) && !d.Stopped)
        {
            _down[s.Node] = d with { Stopped = true, RestartWhenStopped = false };
            if (d.RestartWhenStopped)
                Start(s.Node);
        }
        else if (_nodes.TryGetValue(s.Node, out var live) && live.Equals(s.Guardian))
        {
            // It stopped itself (a crash fault sent to it, or a vital actor failed; it logged why): down until a clear.
            _nodes.Remove(s.Node);
            _down[s.Node] = new Down(_clock.NowMillis, true, false);
            Broadcast(new NodeGuardian.Disconnect(s.Node));
            _log.Warning("node {0} stopped; it stays down until its crash is cleared", s.Node);
        }
    }

    /// <summary>
    /// Hands <paramref name="fault"/> to node <paramref name="nodeId"/>; its answer (or, after
    /// <see cref="FaultReplyTimeout"/>, a refusal) comes back as a <see cref="NodeReplied"/> through a one-off child
    /// rather than Ask, so that a refusal's <c>fault_rejected</c> event keeps its virtual time.
    /// </summary>
    private void AskNode(int nodeId, Fault fault, bool inject, IActorRef replyTo)
    {
        var silence = new FaultReply(false, $"node {nodeId} did not answer within {FaultReplyTimeout.TotalSeconds} s");
        var answer = Context.ActorOf(ReplyRelay.Create(Self, r => new NodeReplied(fault, inject, r as FaultReply ?? silence, replyTo),
            FaultReplyTimeout));
        _nodes[nodeId].Tell(inject ? new NodeGuardian.InjectFault(fault, answer) : new NodeGuardian.ClearFault(fault, answer));
    }

    private void OnNodeReplied(NodeReplied r)
    {
        if (!r.Reply.Accepted)
        {
            _log.Warning("{0} {1} refused: {2}", r.Inject ? "inject" : "clear", r.Fault.Describe(), r.Reply.Detail);
            _events.Tell(NodeEvent.Of(_clock.NowMillis, -1, "fault_rejected", "kind", r.Fault.Kind, "fault", r.Fault.Describe(),
                "action", r.Inject ? "inject" : "clear", "detail", r.Reply.Detail));
        }
        r.ReplyTo?.Tell(r.Reply);
    }

    private void OnPartition(Partition p)
    {
        _linkFaults.Partitioned(p.Groups);
        foreach (var a in _nodes.Keys)
            foreach (var b in _nodes.Keys)
                if (a != b && _linkFaults.Cut(a, b))
                    _nodes[a].Tell(new NodeGuardian.ApplyLinkFault(b, new LinkFault.Partition()));
        var groups = "[" + string.Join(", ", p.Groups.Select(g => "[" + string.Join(", ", g) + "]")) + "]";
        _events.Tell(NodeEvent.Of(_clock.NowMillis, -1, "partition", "groups", groups));
    }

    private void OnHeal()
    {
        _linkFaults.Healed();
        Broadcast(new NodeGuardian.ApplyLinkFault(null, new LinkFault.Heal()));
        _events.Tell(NodeEvent.Of(_clock.NowMillis, -1, "heal"));
    }

    /// <summary>A guardian that fails is stopped (it logged why, or a crash fault was injected into it): the network marks it down.</summary>
    private sealed class GuardianSupervision() : OneForOneStrategy(_ => Directive.Stop)
    {
        /// <inheritdoc />
        protected override void LogFailure(IActorContext context, IActorRef child, Exception cause, Directive directive)
        {
            if (cause is not NodeCrash)
                base.LogFailure(context, child, cause, directive);
        }
    }
}
