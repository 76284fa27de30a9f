using System.Collections.Immutable;
using ActorChain.Cluster.Hosting;
using ActorChain.Cluster.Http;
using ActorChain.Cluster.Telemetry;
using ActorChain.Node;
using ActorChain.Node.Configuration;
using ActorChain.Node.Events;
using ActorChain.Node.Faults;
using ActorChain.Simulation;
using ActorChain.Simulation.Live;
using ActorChain.Simulation.Outputs;
using Akka.Actor;
using Prometheus;

namespace ActorChain.Cluster.Embedded;

/// <summary>
/// The nodes of a <c>run</c> as its HTTP API serves them (<c>?node=N</c>): one <see cref="INodeBackend"/> per embedded node
/// (its current guardian, hosted validators, a members view listing every node, its events, its metrics, a crash by the
/// network's crash fault), every node's events in one feed, and the network-wide faults applied by the
/// <see cref="EmbeddedNetwork"/>. It takes every event of the run as an <see cref="IEventSink"/> (pass it to
/// <see cref="LiveRun.Start"/>) and serves requests from <see cref="Attach"/> on; before, every node is "down".
/// </summary>
public sealed class EmbeddedNodes : INodeDirectory, INetworkFaults, IEventSink
{
    /// <summary>How long the network has to answer.</summary>
    public static readonly TimeSpan AskTimeout = TimeSpan.FromSeconds(5);

    private readonly ImmutableSortedDictionary<int, Backend> _backends;
    private readonly EventFeed _all = new(-1);
    private readonly NodeBook _book = new();
    private readonly ImmutableArray<KnownMiner> _miners;
    private volatile LiveRun? _run;
    private volatile ImmutableSortedDictionary<int, IActorRef> _up = ImmutableSortedDictionary<int, IActorRef>.Empty;

    /// <summary>The nodes of <paramref name="plan"/>.</summary>
    public EmbeddedNodes(LivePlan plan)
    {
        ArgumentNullException.ThrowIfNull(plan);
        Plan = plan;
        _backends = plan.Nodes.ToImmutableSortedDictionary(n => n.NodeId, n => new Backend(this, n.NodeId, [.. n.Validators], plan.Settings));
        Nodes = [.. _backends.Keys];
        _miners = [.. plan.Nodes.OrderBy(n => n.NodeId).SelectMany(n => n.Miners.Select(m => new KnownMiner(m.Name, n.NodeId, m.Hashrate)))];
    }

    /// <summary>The plan served (its settings until <see cref="Attach"/>, then the started run's).</summary>
    public LivePlan Plan { get; private set; }

    /// <summary>The HTTP port the API is served on (members show it), set by the host once bound.</summary>
    public int HttpPort { get; set; }

    /// <inheritdoc />
    public int DefaultNode => Nodes.IsEmpty ? 0 : Nodes[0];

    /// <inheritdoc />
    public ImmutableArray<int> Nodes { get; }

    /// <inheritdoc />
    public IEventFeed? AllEvents => _all;

    /// <inheritdoc />
    public INetworkFaults? Network => this;

    /// <summary>Every node's events, for tests and the host.</summary>
    public EventFeed Feed => _all;

    /// <summary>The started run: from now on the API answers.</summary>
    public void Attach(LiveRun run)
    {
        ArgumentNullException.ThrowIfNull(run);
        Plan = run.Plan;
        foreach (var b in _backends.Values)
            b.Settings = run.Plan.Settings;
        _run = run;
    }

    /// <inheritdoc />
    public async ValueTask<INodeBackend?> FindAsync(int node, CancellationToken ct)
    {
        if (_run is not { } run)
            return null;
        var nodes = await run.Network.Ask<EmbeddedNetwork.Nodes>(r => new EmbeddedNetwork.GetNodes(r), AskTimeout, ct);
        _up = nodes.Guardians;
        return Local(node);
    }

    /// <inheritdoc />
    public INodeBackend? Local(int node) =>
        _backends.TryGetValue(node, out var b) && _up.ContainsKey(node) ? b : null;

    /// <inheritdoc />
    public IEventFeed EventsOf(int node) => _backends[node].Feed;

    /// <inheritdoc />
    public string Unknown(int node) => $"no node {node} in this run; the nodes are {string.Join(", ", Nodes)}";

    /// <inheritdoc />
    public void Accept(NodeEvent e)
    {
        ArgumentNullException.ThrowIfNull(e);
        var line = _all.Append(e);
        _book.Accept(e);
        if (_backends.TryGetValue(e.Node, out var b))
        {
            b.Feed.Append(line, e.T);
            b.NodeMetrics.Accept(e);
        }
        else if (e.Node < 0)
        {
            foreach (var each in _backends.Values)
                each.Feed.Append(line, e.T); // the network's own events (partition, heal, a refused fault) concern every node
        }
    }

    /// <inheritdoc />
    public async Task<(bool Accepted, string Detail)> ApplyAsync(Fault fault, bool inject, long? untilMillis, CancellationToken ct)
    {
        var run = _run ?? throw new InvalidOperationException("the run has not started yet");
        var reply = await run.Network.Ask<FaultReply>(
            r => inject ? new EmbeddedNetwork.InjectFault(fault, r) : new EmbeddedNetwork.ClearFault(fault, r), AskTimeout, ct);
        if (inject && reply.Accepted && untilMillis is { } until)
            ClearLater(run, fault, TimeSpan.FromMilliseconds(until));
        return (reply.Accepted, reply.Detail);
    }

    /// <summary>Clears <paramref name="fault"/> after <paramref name="delay"/>, by the run's scheduler (no thread waits).</summary>
    private static void ClearLater(LiveRun run, Fault fault, TimeSpan delay) =>
        run.System.Scheduler.ScheduleTellOnce(delay, run.Network, new EmbeddedNetwork.ClearFault(fault, ActorRefs.Nobody), ActorRefs.Nobody);

    private ImmutableArray<MemberView> MembersFor(int self)
    {
        var up = _up;
        return [.. _backends.Values.Select(b => new MemberView(b.NodeId, $"embedded node {b.NodeId}", HttpPort,
            up.ContainsKey(b.NodeId) ? "Up" : "Down", b.Hosted, b.NodeId == self))];
    }

    /// <summary>One embedded node as the API sees it.</summary>
    private sealed class Backend(EmbeddedNodes owner, int id, ImmutableArray<string> hosted, ChainSettings settings)
        : INodeBackend, IClusterView
    {
        public EventFeed Feed { get; } = new(id);

        public NodeMetrics NodeMetrics { get; } = new(id, settings);

        public int NodeId => id;

        public ActorSystem System => owner._run?.System ?? throw new InvalidOperationException("the run has not started yet");

        public IActorRef Guardian => owner._up.TryGetValue(id, out var g) ? g : ActorRefs.Nobody;

        public ChainSettings Settings { get; set; } = settings;

        public ImmutableArray<string> Hosted => hosted;

        public IClusterView Cluster => this;

        public IEventFeed Events => Feed;

        public CollectorRegistry Metrics => NodeMetrics.Registry;

        public ImmutableArray<MemberView> Members() => owner.MembersFor(id);

        public NodeBook? Book => owner._book;

        public ImmutableArray<KnownMiner> Miners => owner._miners;

        public async Task<string> CrashAsync(TimeSpan? downFor, CancellationToken ct)
        {
            var run = owner._run ?? throw new InvalidOperationException("the run has not started yet");
            var crash = new Fault.Crash(id);
            var reply = await run.Network.Ask<FaultReply>(r => new EmbeddedNetwork.InjectFault(crash, r), AskTimeout, ct);
            if (!reply.Accepted)
                throw new InvalidOperationException(reply.Detail);
            var down = downFor ?? TimeSpan.Zero;
            ClearLater(run, crash, down);
            return down > TimeSpan.Zero
                ? $"node {id} crashed; restarts in {ClusterNode.Describe(down)} from its stores"
                : $"node {id} crashed; restarts at once from its stores";
        }
    }
}
