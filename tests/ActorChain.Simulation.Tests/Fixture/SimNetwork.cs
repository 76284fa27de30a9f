using System.Collections.Immutable;
using ActorChain.Core.Codec;
using ActorChain.Core.Pos;
using ActorChain.Core.Pos.Epoch;
using ActorChain.Node;
using ActorChain.Node.Chain;
using ActorChain.Node.Configuration;
using ActorChain.Node.Consensus;
using ActorChain.Node.Events;
using ActorChain.Node.Faults;
using ActorChain.Node.Network;
using ActorChain.Node.Storage;
using ActorChain.Node.Time;
using Akka.Actor;

namespace ActorChain.Simulation.Tests.Fixture;

/// <summary>
/// The scenario fixture: N embedded nodes in one actor system on virtual time, driven by a <see cref="Conductor"/> from
/// the test's thread; every event recorded, heads and epoch transitions tracked per node. Tests move time explicitly
/// (<see cref="RunToEpoch"/>, <see cref="RunFor"/>, <see cref="RunUntil(Func{bool}, TimeSpan)"/>) and assert on what
/// happened. Nothing here waits on the wall clock: an ask is a tell to a collector followed by a drain.
/// </summary>
public sealed class SimNetwork : IDisposable
{
    private readonly ActorSystem _system;
    private readonly Conductor _conductor;
    private readonly IActorRef _network;
    private readonly SortedDictionary<int, NodeStores> _stores = [];
    private readonly List<NodeEvent> _events = [];
    private readonly SortedDictionary<int, Head> _heads = [];
    private readonly List<(int Node, EpochTransition Transition)> _transitions = [];
    private ChainEvent.Merged? _merged;
    private ImmutableSortedDictionary<int, IActorRef> _nodes = ImmutableSortedDictionary<int, IActorRef>.Empty;
    private int _actors;
    private bool _disposed;

    private SimNetwork(Builder b)
    {
        Settings = b.Settings();
        Config = b.Consensus;
        var specs = ImmutableArray.CreateBuilder<NodeSpec>(b.NodeCount);
        for (var i = 0; i < b.NodeCount; i++)
        {
            var miners = b.Miners.TryGetValue(i, out var rate) ? ImmutableArray.Create(new MinerSpec("miner-" + i, rate)) : [];
            var validators = new List<string>();
            for (var v = i; v < b.ValidatorCount; v += b.NodeCount)
                validators.Add("v" + v);
            if (b.AlsoHosted.TryGetValue(i, out var extra))
                validators.AddRange(extra);
            specs.Add(new NodeSpec(i, miners, [.. validators], null));
            _stores[i] = b.Stores.TryGetValue(i, out var s) ? s : NodeStores.InMemory();
        }

        _system = ActorSystem.Create("sim-" + Sanitize(b.Name),
            Akka.Configuration.ConfigurationFactory.ParseString("akka.loglevel = " + b.LogLevel).WithFallback(SimConfig.Config()));
        _conductor = new Conductor(_system);
        var log = _conductor.ActorOf(Collector.Create(m => Record((NodeEvent)m)), "events");
        _network = _conductor.ActorOf(EmbeddedNetwork.Create(Settings, specs.MoveToImmutable(), SchedulerClock.Of(_system), log,
            b.SeedValue, id => _stores[id]), "network");
        _conductor.Drain();
        RefreshNodes();
        var genesis = Settings.GenesisBlock().Hash.ToString();
        for (var i = 0; i < b.NodeCount; i++)
            _heads.TryAdd(i, new Head(0, genesis, "0"));
        foreach (var id in _nodes.Keys)
        {
            var node = id;
            var forward = _conductor.ActorOf(Collector.Create(m => OnChainEvent(node, (ChainEvent)m)), "transitions-" + id);
            _network.Tell(new EmbeddedNetwork.SubscribeChain(id, forward, true)); // and again when the node restarts
        }
        _conductor.Drain();
        if (b.StartsInPos)
        {
            foreach (var n in _nodes.Values)
            {
                // One node at a time, so they start in node order.
                n.Tell(NodeGuardian.StartPos.Instance);
                _conductor.Drain();
            }
        }
    }

    /// <summary>A node's head as its last head_changed event said: PoW height and hash, or PoS slot and root.</summary>
    public sealed record Head(ulong Height, string Hash, string TotalDifficulty);

    /// <summary>The chain settings the nodes run with.</summary>
    public ChainSettings Settings { get; }

    /// <summary>The PoS constants of this network.</summary>
    public ConsensusConfig Config { get; }

    /// <summary>The conductor driving this network's actor system.</summary>
    public Conductor Conductor => _conductor;

    /// <summary>The actor system (virtual time).</summary>
    public ActorSystem System => _system;

    /// <summary>Virtual now, in milliseconds since genesis time 0.</summary>
    public long Now => _conductor.Elapsed.Ticks / TimeSpan.TicksPerMillisecond;

    /// <summary>Work that reached the virtual-time executor from another thread (should stay empty).</summary>
    public IReadOnlyList<string> Violations => _conductor.Violations;

    /// <summary>A builder of a network called <paramref name="name"/>.</summary>
    public static Builder Create(string name) => new(name);

    /// <summary>Every event so far, in the order the event log received them.</summary>
    public ImmutableArray<NodeEvent> Events() => [.. _events];

    /// <summary>The events of type <paramref name="type"/> so far, in order.</summary>
    public ImmutableArray<NodeEvent> Events(string type) => [.. _events.Where(e => e.Type == type)];

    /// <summary>Every <c>finalized</c> event of <paramref name="node"/>, in order.</summary>
    public ImmutableArray<NodeEvent> Finalized(int node) => [.. _events.Where(e => e.Type == "finalized" && e.Node == node)];

    /// <summary>Node <paramref name="node"/>'s canonical epoch transitions, in order.</summary>
    public ImmutableArray<EpochTransition> Transitions(int node) =>
        [.. _transitions.Where(t => t.Node == node).Select(t => t.Transition)];

    /// <summary>Node <paramref name="node"/>'s last epoch transition; fails when it has none.</summary>
    public EpochTransition LastTransition(int node)
    {
        var ts = Transitions(node);
        return ts.IsEmpty ? throw new InvalidOperationException($"node {node} has no epoch transition yet") : ts[^1];
    }

    /// <summary>The virtual time (ms) at which PoS slot <paramref name="slot"/> starts (after the merge or StartPos).</summary>
    public long SlotStartMillis(ulong slot)
    {
        var merged = _merged ?? throw new InvalidOperationException("no merge yet");
        return (long)Config.SlotStartMillis(merged.GenesisTimeSeconds * 1000, slot);
    }

    /// <summary>Runs until the start of PoS epoch <paramref name="epoch"/> plus <paramref name="extraMillis"/> (may be negative).</summary>
    public void RunToEpoch(ulong epoch, long extraMillis) =>
        RunUntilMillis(SlotStartMillis(Config.StartSlot(epoch)) + extraMillis);

    /// <summary>Runs everything due up to virtual time <paramref name="millis"/>, then sets the clock there.</summary>
    public void RunUntilMillis(long millis) => _conductor.RunUntil(TimeSpan.FromMilliseconds(millis));

    /// <summary>Runs for <paramref name="span"/> of virtual time.</summary>
    public void RunFor(TimeSpan span) => _conductor.RunFor(span);

    /// <summary>
    /// Runs until <paramref name="condition"/> holds (checked whenever every actor is idle, between instants) or
    /// <paramref name="max"/> of virtual time has passed; returns whether it held.
    /// </summary>
    public bool RunUntil(Func<bool> condition, TimeSpan max)
    {
        var horizon = _conductor.Elapsed + max;
        _conductor.Drain();
        while (!condition())
        {
            var next = _conductor.Scheduler.NextDue;
            if (next is null || next.Value > horizon)
            {
                _conductor.RunUntil(horizon);
                return condition();
            }
            _conductor.RunUntil(next.Value);
        }
        return true;
    }

    /// <summary>Runs every runnable actor until all are idle, without moving time.</summary>
    public void Drain() => _conductor.Drain();

    /// <summary>
    /// Tells <paramref name="target"/> the message <paramref name="message"/> builds around a reply address, drains,
    /// and returns the one reply of type <typeparamref name="T"/>. Virtual time does not move.
    /// </summary>
    public T Ask<T>(IActorRef target, Func<IActorRef, object> message)
    {
        var replies = new List<object>();
        var reply = _conductor.ActorOf(Collector.Create(replies.Add), "reply-" + ++_actors);
        target.Tell(message(reply));
        _conductor.Drain();
        reply.Tell(PoisonPill.Instance); // stops on the conductor's thread (ActorSystem.Stop would go through the user guardian, on the pool)
        _conductor.Drain();
        var typed = replies.OfType<T>().ToList();
        return typed.Count == 1 ? typed[0]
            : throw new InvalidOperationException($"expected one {typeof(T).Name} in reply, got {replies.Count}: " + string.Join(", ", replies));
    }

    /// <summary>The live node <paramref name="node"/>'s guardian.</summary>
    public IActorRef Node(int node) =>
        _nodes.TryGetValue(node, out var n) ? n : throw new InvalidOperationException($"node {node} is not up");

    /// <summary>Node <paramref name="node"/>'s main actors.</summary>
    public NodeGuardian.Parts Parts(int node) => Ask<NodeGuardian.Parts>(Node(node), r => new NodeGuardian.GetParts(r));

    /// <summary>Node <paramref name="node"/>'s chain actor.</summary>
    public IActorRef ChainOf(int node) => Parts(node).Chain;

    /// <summary>Node <paramref name="node"/>'s PoS view, from its chain actor.</summary>
    public ChainActor.PosStatus PosStatus(int node) => Ask<ChainActor.PosStatus>(ChainOf(node), r => new ChainActor.GetPosStatus(r));

    /// <summary>Every live node's PoS view, by node id.</summary>
    public ImmutableSortedDictionary<int, ChainActor.PosStatus> PosStatuses() =>
        _nodes.Keys.ToImmutableSortedDictionary(n => n, PosStatus);

    /// <summary>Node <paramref name="node"/>'s status (head, peers, counters, checkpoints).</summary>
    public NodeStatus Status(int node) => Ask<NodeStatus>(Node(node), r => new NodeGuardian.GetStatus(r));

    /// <summary>Delivers <paramref name="payload"/> to <paramref name="to"/> as if peer <paramref name="from"/> had gossiped it.</summary>
    public void Gossip(int from, int to, Wire payload) => Node(to).Tell(new NodeGuardian.FromPeer(from, payload));

    /// <summary>
    /// Injects <paramref name="fault"/> where it belongs (the node hosting its validator, the node it names, or every
    /// link) and returns the answer: accepted, or refused naming what is wrong.
    /// </summary>
    public FaultReply Inject(Fault fault)
    {
        var reply = Ask<FaultReply>(_network, r => new EmbeddedNetwork.InjectFault(fault, r));
        RefreshNodes();
        return reply;
    }

    /// <summary>Ends <paramref name="fault"/>, injected before; the answer says whether it was in.</summary>
    public FaultReply Clear(Fault fault)
    {
        var reply = Ask<FaultReply>(_network, r => new EmbeddedNetwork.ClearFault(fault, r));
        RefreshNodes();
        return reply;
    }

    /// <summary>Cuts every link between different groups.</summary>
    public FaultReply Partition(params int[][] groups) =>
        Inject(new Fault.Partition([.. groups.Select(g => g.ToImmutableArray())]));

    /// <summary>Restores every link.</summary>
    public FaultReply Heal() => Inject(new Fault.Link(new LinkFault.Heal()));

    /// <summary>Crashes node <paramref name="node"/> now: its actors stop, its stores stay.</summary>
    public FaultReply Crash(int node) => Inject(new Fault.Crash(node));

    /// <summary>Starts crashed node <paramref name="node"/> again from its stores.</summary>
    public FaultReply Restart(int node) => Clear(new Fault.Crash(node));

    /// <summary>Whether node <paramref name="node"/> is up (not crashed).</summary>
    public bool IsUp(int node) => _nodes.ContainsKey(node);

    /// <summary>Node <paramref name="node"/>'s stores, which outlive a crash.</summary>
    public NodeStores Stores(int node) => _stores[node];

    /// <summary>Every node stops producing blocks.</summary>
    public void StopProducing()
    {
        _network.Tell(EmbeddedNetwork.StopProducing.Instance);
        _conductor.Drain();
    }

    /// <summary>Every chain event of node <paramref name="node"/> of these kinds from now on, with the virtual time it arrived.</summary>
    public ChainEvents WatchChain(int node, params ChainEventKind[] kinds)
    {
        var recorded = new ChainEvents();
        var sink = _conductor.ActorOf(Collector.Create(m => recorded.Add(Now, (ChainEvent)m)), $"watch-{node}-{++_actors}");
        ChainOf(node).Tell(new ChainActor.Subscribe(sink, [.. kinds]));
        _conductor.Drain();
        return recorded;
    }

    /// <summary>Node <paramref name="node"/>'s head.</summary>
    public Head HeadOf(int node) => _heads[node];

    /// <summary>Whether every live node is on the same head.</summary>
    public bool AllOnOneHead() =>
        _nodes.Keys.All(_heads.ContainsKey) && _nodes.Keys.Select(n => _heads[n].Hash).Distinct().Count() == 1;

    /// <summary>Beacon block <paramref name="root"/> and its ancestors on node <paramref name="node"/>, at most <paramref name="max"/>, oldest first.</summary>
    public ImmutableArray<Core.Pos.Model.BeaconBlock> BeaconChain(int node, Hash32 root, int max) =>
        Ask<ChainActor.BeaconBlocksFound>(ChainOf(node), r => new ChainActor.ServeBeaconBlocks(root, max, -1, r)).Blocks;

    /// <summary>Shuts the actor system down (the one place that waits on the wall clock, for Akka's own system actors).</summary>
    public void Dispose()
    {
        if (_disposed) return;
        _disposed = true;
        _conductor.Shutdown(TimeSpan.FromSeconds(10));
    }

    private void RefreshNodes() =>
        _nodes = Ask<EmbeddedNetwork.Nodes>(_network, r => new EmbeddedNetwork.GetNodes(r)).Guardians;

    private void Record(NodeEvent e)
    {
        _events.Add(e);
        if (e.Type != "head_changed") return;
        _heads[e.Node] = e["height"] is not null
            ? new Head((ulong)e.Long("height"), e.Text("hash")!, e.Text("totalDifficulty") ?? "0")
            : new Head((ulong)e.Long("slot"), e.Text("root")!, "0");
    }

    private void OnChainEvent(int node, ChainEvent e)
    {
        switch (e)
        {
            case ChainEvent.EpochTransitioned t:
                _transitions.Add((node, t.Transition));
                break;
            case ChainEvent.Merged m:
                _merged ??= m;
                break;
        }
    }

    private static string Sanitize(string name) =>
        new([.. name.Select(c => char.IsAsciiLetterOrDigit(c) || c == '-' ? c : '-')]);

    /// <summary>How a <see cref="SimNetwork"/> is made: nodes, miners, validators, links, seed, consensus.</summary>
    public sealed class Builder(string name)
    {
        private LinkSettings _link = new(50, 20, 0.0);
        private ulong _stakeCoins = 32;
        private ulong? _mergeAt;

        internal string Name { get; } = name;
        internal int NodeCount { get; private set; } = 2;
        internal SortedDictionary<int, ulong> Miners { get; } = [];
        internal ulong SeedValue { get; private set; } = 1;
        internal int ValidatorCount { get; private set; }
        internal bool StartsInPos { get; private set; }
        internal ConsensusConfig Consensus { get; private set; } = ConsensusConfig.Minimal;
        internal SortedDictionary<int, NodeStores> Stores { get; } = [];
        internal SortedDictionary<int, List<string>> AlsoHosted { get; } = [];
        internal string LogLevel { get; private set; } = "WARNING";

        /// <summary>Akka's log level for the run (WARNING by default: the nodes' INFO lines are many).</summary>
        public Builder WithLogLevel(string level) { LogLevel = level; return this; }

        /// <summary><paramref name="n"/> nodes (2 by default), in a full mesh.</summary>
        public Builder Nodes(int n) { NodeCount = n; return this; }

        /// <summary>One miner on <paramref name="node"/> with <paramref name="hashrate"/> hashes per second.</summary>
        public Builder Miner(int node, ulong hashrate) { Miners[node] = hashrate; return this; }

        /// <summary>Every link's latency, jitter and loss (50 ± 20 ms, no loss by default).</summary>
        public Builder Link(LinkSettings link) { _link = link; return this; }

        /// <summary>The run's seed (1 by default).</summary>
        public Builder Seed(ulong seed) { SeedValue = seed; return this; }

        /// <summary><paramref name="count"/> validators v0..v{count-1} of <paramref name="stakeCoins"/> each, round-robin over the nodes.</summary>
        public Builder Validators(int count, ulong stakeCoins) { ValidatorCount = count; _stakeCoins = stakeCoins; return this; }

        /// <summary>Also runs validator <paramref name="validator"/> on <paramref name="node"/>: one key on two nodes, each copy with its own protection record.</summary>
        public Builder AlsoHost(int node, string validator)
        {
            if (!AlsoHosted.TryGetValue(node, out var list)) AlsoHosted[node] = list = [];
            list.Add(validator);
            return this;
        }

        /// <summary>Start straight in proof of stake (CONSENSUS.md §4, "Starting straight in PoS").</summary>
        public Builder Pos() { StartsInPos = true; return this; }

        /// <summary>Proof of work until the merge at <paramref name="height"/>.</summary>
        public Builder MergeAt(ulong height) { _mergeAt = height; return this; }

        /// <summary>The PoS constants (minimal by default).</summary>
        public Builder WithConsensus(ConsensusConfig config) { Consensus = config; return this; }

        /// <summary>Node <paramref name="node"/>'s stores (in memory by default; the caller disposes what it gives).</summary>
        public Builder WithStores(int node, NodeStores stores) { Stores[node] = stores; return this; }

        /// <summary>Starts the network: its nodes are up (and in PoS when asked) at virtual time 0.</summary>
        public SimNetwork Start() => new(this);

        /// <summary>The chain settings a network of this builder runs with (the same every time).</summary>
        public ChainSettings Settings()
        {
            var baseSettings = ChainSettings.Defaults;
            var total = Miners.Values.Aggregate(0UL, (a, r) => a + r);
            var stakes = Enumerable.Range(0, ValidatorCount)
                .Select(v => new NamedAmount("v" + v, Core.Units.Coins(_stakeCoins))).ToImmutableArray();
            return baseSettings with
            {
                PowMode = PowMode.Simulated,
                GenesisTimestamp = 0,
                Link = _link,
                // Simulated mining draws block times and checks no proof of work (Java ChainSettings.withPowMode).
                Pow = baseSettings.Pow.WithCheckProofOfWork(false)
                    .WithGenesisTarget(ChainSettings.GenesisTargetFor(Math.Max(1UL, total), baseSettings.Pow.BlockTimeMillis)),
                Validators = stakes,
                Consensus = new ConsensusSettings(Consensus, _mergeAt, 2),
            };
        }
    }
}
