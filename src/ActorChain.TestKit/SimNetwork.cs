using System.Collections.Immutable;
using ActorChain.Core.Pos;
using ActorChain.Core.Pos.Epoch;
using ActorChain.Node;
using ActorChain.Node.Chain;
using ActorChain.Node.Configuration;
using ActorChain.Node.Events;
using ActorChain.Node.Storage;
using ActorChain.Node.Time;
using ActorChain.Simulation;
using ActorChain.Simulation.Running;
using ActorChain.Simulation.Scenarios;
using Akka.Actor;

namespace ActorChain.TestKit;

/// <summary>
/// An embedded ActorChain network for a test: N nodes (the same actors a live node runs) in one actor system on
/// deterministic virtual time, driven from the test's thread by a <see cref="Conductor"/>. Build one from code
/// (<see cref="Create"/>) or from a scenario file (<see cref="LoadScenario"/>); move time explicitly
/// (<see cref="RunToSlot"/>, <see cref="RunToEpoch"/>, <see cref="RunUntil"/>, <see cref="AwaitCondition"/>,
/// <see cref="RunScenario"/>); inject faults (<see cref="Inject"/>, <see cref="Offline"/>, <see cref="Partition"/>, ...);
/// then assert (<see cref="AssertFinalized"/>, <see cref="AssertSlashed"/>, <see cref="AssertExpectations"/>, ...).
/// Every event is recorded, and every read is a tell to a collector followed by a drain: nothing waits on the wall
/// clock, and the same seed gives the same run. A network owns its actor system unless it was started in a
/// <see cref="ConsensusTestKit"/>'s (then the TestKit's probes can watch it). Dispose it at the end of the test.
/// </summary>
public sealed partial class SimNetwork : IDisposable
{
    private static int _started;

    private readonly ActorSystem _system;
    private readonly Conductor _conductor;
    private readonly bool _ownsSystem;
    private readonly string _prefix;
    private readonly IActorRef _network;
    private readonly IActorRef _log;
    private readonly SortedDictionary<int, NodeStores> _stores = [];
    private readonly List<NodeEvent> _events = [];
    private readonly List<IActorRef> _eventSubscribers = [];
    private readonly List<IActorRef> _topLevel = [];
    private readonly SortedDictionary<int, Head> _heads = [];
    private readonly SortedDictionary<int, Finality> _finality = [];
    private readonly List<(int Node, EpochTransition Transition)> _transitions = [];
    private readonly SortedDictionary<int, SortedDictionary<ulong, string>> _finalizedByNode = [];
    private ChainEvent.Merged? _merged;
    private ImmutableSortedDictionary<int, IActorRef> _nodes = ImmutableSortedDictionary<int, IActorRef>.Empty;
    private int _actors;
    private bool _disposed;
    private bool _refreshAfterFault;

    private SimNetwork(Setup s)
    {
        Name = s.Name;
        Settings = s.Settings;
        Config = s.Settings.Consensus.Config;
        Scenario = s.Scenario;
        NodeCount = s.Specs.Length;
        _ownsSystem = s.Host is null;
        _system = s.Host?.System ?? ActorSystem.Create("sim-" + Sanitize(s.Name),
            Akka.Configuration.ConfigurationFactory.ParseString("akka.loglevel = " + s.LogLevel).WithFallback(SimConfig.Config()));
        _conductor = s.Host?.Conductor ?? new Conductor(_system);
        _prefix = _ownsSystem ? "" : $"{Sanitize(s.Name)}-{Interlocked.Increment(ref _started)}-";
        foreach (var spec in s.Specs)
            _stores[spec.NodeId] = s.Stores.TryGetValue(spec.NodeId, out var st) ? st : NodeStores.InMemory();
        _log = TopLevel(Collector.Create(m => Record((NodeEvent)m)), "events");
        _network = TopLevel(EmbeddedNetwork.Create(Settings, s.Specs, SchedulerClock.Of(_system), _log, s.Seed, id => _stores[id]), "network");
        _conductor.Drain();
        RefreshNodes();
        var genesis = Settings.GenesisBlock().Hash.ToString();
        foreach (var spec in s.Specs)
            _heads.TryAdd(spec.NodeId, new Head(0, genesis, "0"));
        foreach (var id in _nodes.Keys)
        {
            var node = id;
            var forward = TopLevel(Collector.Create(m => OnChainEvent(node, (ChainEvent)m)), "transitions-" + id);
            _network.Tell(new EmbeddedNetwork.SubscribeChain(id, forward, true)); // and again when the node restarts
        }

        _conductor.Drain();
        _injector = new FaultInjector(_network, _log, SchedulerClock.Of(_system));
        if (s.Scenario is not null) ScheduleScenarioFaults(s.Scenario, fromGenesis: false);
        if (s.StartsInPos)
        {
            foreach (var n in _nodes.Values)
            {
                // One node at a time, so they start in node order.
                n.Tell(NodeGuardian.StartPos.Instance);
                _conductor.Drain();
            }
        }

        foreach (var f in s.Faults)
            Accepted(Inject(f), f);
    }

    /// <summary>A node's head as its last head_changed event said: PoW height and hash, or PoS slot and root.</summary>
    public sealed record Head(ulong Height, string Hash, string TotalDifficulty);

    /// <summary>
    /// A node's fork-choice checkpoints as its last head_changed event said: the justified and finalized epochs, and
    /// the slot at which the finalized epoch was first seen.
    /// </summary>
    public sealed record Finality(ulong JustifiedEpoch, ulong FinalizedEpoch, ulong FinalizedSinceSlot);

    /// <summary>The network's name (its actor system's, when it owns one).</summary>
    public string Name { get; }

    /// <summary>How many nodes the network was built with (crashed ones included).</summary>
    public int NodeCount { get; }

    /// <summary>The chain settings the nodes run with.</summary>
    public ChainSettings Settings { get; }

    /// <summary>The PoS constants of this network (preset plus overrides).</summary>
    public ConsensusConfig Config { get; }

    /// <summary>The scenario this network was loaded from, or null when it was built from code.</summary>
    public Scenario? Scenario { get; }

    /// <summary>The conductor driving this network's actor system.</summary>
    public Conductor Conductor => _conductor;

    /// <summary>The actor system (virtual time).</summary>
    public ActorSystem System => _system;

    /// <summary>Virtual now, in milliseconds since genesis time 0.</summary>
    public long Now => _conductor.Elapsed.Ticks / TimeSpan.TicksPerMillisecond;

    /// <summary>The current PoS slot (0 before the merge or StartPos).</summary>
    public ulong CurrentSlot => _merged is null ? 0 : Config.SlotAt(_merged.GenesisTimeSeconds * 1000, (ulong)Math.Max(0, Now));

    /// <summary>True once proof of stake has started (the merge, or a network built with <see cref="Builder.Pos"/>).</summary>
    public bool IsPos => _merged is not null;

    /// <summary>Work that reached the virtual-time executor from another thread (should stay empty).</summary>
    public IReadOnlyList<string> Violations => _conductor.Violations;

    /// <summary>A builder of a network called <paramref name="name"/>: 2 nodes, PoW, seed 1, minimal preset until told otherwise.</summary>
    public static Builder Create(string name) => new(name);

    /// <summary>The virtual time (ms) at which PoS slot <paramref name="slot"/> starts (after the merge or StartPos).</summary>
    public long SlotStartMillis(ulong slot)
    {
        var merged = _merged ?? throw new InvalidOperationException("proof of stake has not started yet: no merge, and the network was not built with Pos()");
        return (long)Config.SlotStartMillis(merged.GenesisTimeSeconds * 1000, slot);
    }

    /// <summary>Runs until the start of PoS slot <paramref name="slot"/> plus <paramref name="extraMillis"/> (may be negative).</summary>
    public void RunToSlot(ulong slot, long extraMillis = 0) => RunUntilMillis(SlotStartMillis(slot) + extraMillis);

    /// <summary>Runs until the start of PoS epoch <paramref name="epoch"/> plus <paramref name="extraMillis"/> (may be negative).</summary>
    public void RunToEpoch(ulong epoch, long extraMillis = 0) =>
        RunUntilMillis(SlotStartMillis(Config.StartSlot(epoch)) + extraMillis);

    /// <summary>Runs everything due up to virtual time <paramref name="millis"/>, then sets the clock there; time never goes back.</summary>
    public void RunUntilMillis(long millis)
    {
        if (millis < Now)
            throw new InvalidOperationException($"cannot run back to {millis} ms: virtual time is already at {Now} ms{SlotNote()}");
        _conductor.RunUntil(TimeSpan.FromMilliseconds(millis));
        RefreshIfFaulted();
    }

    /// <summary>Runs for <paramref name="span"/> of virtual time.</summary>
    public void RunFor(TimeSpan span)
    {
        _conductor.RunFor(span);
        RefreshIfFaulted();
    }

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
                RefreshIfFaulted();
                return condition();
            }

            _conductor.RunUntil(next.Value);
            RefreshIfFaulted();
        }

        return true;
    }

    /// <summary>
    /// As TestKit's <c>AwaitCondition</c>, in virtual time: runs until <paramref name="condition"/> holds, or fails with
    /// <paramref name="message"/> once <paramref name="max"/> of virtual time has passed.
    /// </summary>
    public void AwaitCondition(Func<bool> condition, TimeSpan max, string message)
    {
        if (!RunUntil(condition, max))
            throw new SimAssertionException($"expected {message} within {Describe(max)} of virtual time; it did not hold at {Describe(TimeSpan.FromMilliseconds(Now))}{SlotNote()}");
    }

    /// <summary>Runs every runnable actor until all are idle, without moving time.</summary>
    public void Drain() => _conductor.Drain();

    /// <summary>
    /// Tells <paramref name="target"/> the message <paramref name="message"/> builds around a reply address, drains,
    /// and returns the one reply of type <typeparamref name="T"/>. Virtual time does not move.
    /// </summary>
    public T Ask<T>(IActorRef target, Func<IActorRef, object> message)
        where T : class => Replies.Ask<T>(_conductor, target, message);

    /// <summary>Sends every event from now on to <paramref name="subscriber"/> too (e.g. a TestKit probe), as a <see cref="NodeEvent"/>.</summary>
    public void SubscribeEvents(IActorRef subscriber) => _eventSubscribers.Add(subscriber);

    /// <summary>
    /// Shuts the actor system down when the network owns it (the one place that waits on the wall clock, for Akka's
    /// own system actors); a network in a TestKit's system stops its own actors (its nodes with them) and leaves the
    /// system to the TestKit.
    /// </summary>
    public void Dispose()
    {
        if (_disposed) return;
        _disposed = true;
        if (_ownsSystem)
        {
            _conductor.Shutdown(TimeSpan.FromSeconds(10));
            return;
        }

        if (_system.WhenTerminated.IsCompleted) return;
        foreach (var actor in _topLevel) actor.Tell(PoisonPill.Instance);
        _conductor.Drain();
    }

    /// <summary>A top-level actor of this network, named with its prefix, stopped with it.</summary>
    private IActorRef TopLevel(Props props, string name)
    {
        var actor = _conductor.ActorOf(props, _prefix + name);
        _topLevel.Add(actor);
        return actor;
    }

    /// <summary>A scheduled fault may have crashed or restarted a node: learn the live nodes again (an ask; time does not move).</summary>
    private void RefreshIfFaulted()
    {
        if (!_refreshAfterFault) return;
        _refreshAfterFault = false;
        RefreshNodes();
    }

    private void RefreshNodes() =>
        _nodes = Ask<EmbeddedNetwork.Nodes>(_network, r => new EmbeddedNetwork.GetNodes(r)).Guardians;

    private void Record(NodeEvent e)
    {
        _events.Add(e);
        foreach (var s in _eventSubscribers) s.Tell(e);
        if (e.Type != "head_changed") return;
        if (e["height"] is not null)
        {
            var height = (ulong)e.Long("height");
            _heads[e.Node] = new Head(height, e.Text("hash")!, e.Text("totalDifficulty") ?? "0");
            OnPowHeight(height);
            return;
        }

        var slot = (ulong)e.Long("slot");
        _heads[e.Node] = new Head(slot, e.Text("root")!, "0");
        var finalized = (ulong)e.Long("finalized");
        var since = _finality.TryGetValue(e.Node, out var f) && f.FinalizedEpoch == finalized ? f.FinalizedSinceSlot : slot;
        _finality[e.Node] = new Finality((ulong)e.Long("justified"), finalized, since);
    }

    private void OnChainEvent(int node, ChainEvent e)
    {
        switch (e)
        {
            case ChainEvent.EpochTransitioned t:
                _transitions.Add((node, t.Transition));
                if (!_finalizedByNode.TryGetValue(node, out var finalized)) _finalizedByNode[node] = finalized = [];
                finalized[t.Transition.Finalized.Epoch] = t.Transition.Finalized.Root.ToString();
                break;
            case ChainEvent.Merged m when _merged is null:
                _merged = m;
                if (Scenario is not null) ScheduleScenarioFaults(Scenario, fromGenesis: true);
                break;
        }
    }

    private string SlotNote() => _merged is null ? "" : $" (slot {CurrentSlot})";

    private static string Describe(TimeSpan t) =>
        t.TotalSeconds >= 1 ? $"{t.TotalSeconds:0.###} s" : $"{t.TotalMilliseconds:0} ms";

    private static string Sanitize(string name) =>
        new([.. name.Select(c => char.IsAsciiLetterOrDigit(c) || c == '-' ? c : '-')]);

    /// <summary>Everything a network is started from, whether a builder or a scenario made it.</summary>
    private sealed record Setup(string Name, ChainSettings Settings, ImmutableArray<NodeSpec> Specs, ulong Seed, bool StartsInPos,
        string LogLevel, IReadOnlyDictionary<int, NodeStores> Stores, ImmutableArray<Node.Faults.Fault> Faults, Scenario? Scenario,
        HostSystem? Host);

    /// <summary>An actor system (on virtual time) and its conductor that a network joins instead of making its own.</summary>
    private sealed record HostSystem(ActorSystem System, Conductor Conductor);
}
