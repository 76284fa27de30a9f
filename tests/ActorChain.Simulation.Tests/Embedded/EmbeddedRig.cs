using System.Collections.Immutable;
using ActorChain.Node;
using ActorChain.Node.Configuration;
using ActorChain.Node.Consensus;
using ActorChain.Node.Events;
using ActorChain.Node.Storage;
using ActorChain.Node.Time;
using ActorChain.Simulation.Running;
using Akka.Actor;

namespace ActorChain.Simulation.Tests.Embedded;

/// <summary>
/// An embedded network in virtual time for these tests: PoW nodes in a full mesh (simulated hashrate), every event
/// recorded, each node's PoW head as its last <c>head_changed</c> said. Everything runs on the test's thread.
/// </summary>
internal sealed class EmbeddedRig : IDisposable
{
    /// <summary>A node's PoW head.</summary>
    public sealed record Head(ulong Height, string Hash, string TotalDifficulty);

    private readonly ActorSystem _system;
    private readonly List<NodeEvent> _events = [];
    private readonly SortedDictionary<int, Head> _heads = [];

    /// <summary>
    /// <paramref name="nodes"/> nodes in a full mesh, the miners given (node → hashrate), and <paramref name="validators"/>
    /// validators v0.. of 32 coins spread round-robin; <paramref name="pos"/>: every node starts in PoS at once.
    /// </summary>
    public EmbeddedRig(int nodes, IReadOnlyDictionary<int, ulong> miners, LinkSettings link, ulong seed = 1, int validators = 0,
        bool pos = false)
    {
        var total = miners.Values.Aggregate(0UL, (a, b) => a + b);
        var pow = ChainSettings.Defaults.Pow;
        Settings = ChainSettings.Defaults with
        {
            PowMode = PowMode.Simulated,
            GenesisTimestamp = 0,
            Link = link,
            Validators = [.. Enumerable.Range(0, validators).Select(v => new NamedAmount("v" + v, Core.Units.Coins(32)))],
            Pow = pow.WithCheckProofOfWork(false) // Java withPowMode(SIMULATED): simulated blocks skip the hash ≤ target check
                .WithGenesisTarget(ChainSettings.GenesisTargetFor(Math.Max(1, total), pow.BlockTimeMillis)),
        };
        var peers = Topology.FullMesh(nodes);
        var specs = Enumerable.Range(0, nodes).Select(i => new NodeSpec(i,
            miners.TryGetValue(i, out var h) ? [new MinerSpec("miner-" + i, h)] : [],
            [.. Enumerable.Range(0, validators).Where(v => v % nodes == i).Select(v => "v" + v)], peers[i])).ToImmutableArray();
        _system = ActorSystem.Create("embedded", SimConfig.Config());
        Conductor = new Conductor(_system);
        var genesis = Settings.GenesisBlock().Hash.ToString();
        for (var i = 0; i < nodes; i++)
            _heads[i] = new Head(0, genesis, "0");
        var events = Conductor.ActorOf(Recorder.Create(m => Record((NodeEvent)m)), "events");
        Network = Conductor.ActorOf(EmbeddedNetwork.Create(Settings, specs, SchedulerClock.Of(_system), events, seed), "network");
        Conductor.Drain();
        if (!pos)
            return;
        foreach (var guardian in Nodes().Values)
        {
            guardian.Tell(NodeGuardian.StartPos.Instance); // one node at a time, as Java's fixture
            Conductor.Drain();
        }
    }

    public ChainSettings Settings { get; }

    public Conductor Conductor { get; }

    public IActorRef Network { get; }

    public long NowMillis => (long)Conductor.Elapsed.TotalMilliseconds;

    /// <summary>Sends <paramref name="message"/> (built around a reply address) and runs the actors until they are idle; returns the one reply.</summary>
    public T Ask<T>(IActorRef target, Func<IActorRef, object> message)
        where T : class => Replies.Ask<T>(Conductor, target, message);

    public ImmutableSortedDictionary<int, IActorRef> Nodes() =>
        Ask<EmbeddedNetwork.Nodes>(Network, r => new EmbeddedNetwork.GetNodes(r)).Guardians;

    public IActorRef Node(int id) => Nodes()[id];

    public NodeGuardian.Parts Parts(int id) => Ask<NodeGuardian.Parts>(Node(id), r => new NodeGuardian.GetParts(r));

    public NodeStatus Status(int id) => Ask<NodeStatus>(Node(id), r => new NodeGuardian.GetStatus(r));

    public Head HeadOf(int node) => _heads[node];

    public IReadOnlyList<NodeEvent> AllEvents => _events;

    public IReadOnlyList<NodeEvent> Events(string type) => [.. _events.Where(e => e.Type == type)];

    public void Tell(object message) => Network.Tell(message);

    public void RunFor(TimeSpan span) => Conductor.RunFor(span);

    /// <summary>Runs in steps of 100 ms until <paramref name="condition"/> holds or <paramref name="max"/> passed; returns whether it held.</summary>
    public bool RunUntil(Func<bool> condition, TimeSpan max)
    {
        var end = Conductor.Elapsed + max;
        Conductor.Drain();
        while (!condition() && Conductor.Elapsed < end)
            Conductor.RunFor(TimeSpan.FromMilliseconds(100));
        return condition();
    }

    /// <summary>Whether every live node is on one PoW head.</summary>
    public bool AllOnOneHead() => Nodes().Keys.Select(n => _heads[n].Hash).Distinct().Count() == 1;

    public void Dispose() => Conductor.Shutdown(TimeSpan.FromSeconds(10));

    private void Record(NodeEvent e)
    {
        _events.Add(e);
        if (e.Type == "head_changed" && e["height"] is { } height)
            _heads[e.Node] = new Head(Convert.ToUInt64(height, System.Globalization.CultureInfo.InvariantCulture), (string)e["hash"]!,
                e["totalDifficulty"]?.ToString() ?? "0");
    }

    /// <summary>Hands every message to a sink on the conductor's thread.</summary>
    private sealed class Recorder : ReceiveActor
    {
        public static Props Create(Action<object> sink) => Props.Create(() => new Recorder(sink));

        public Recorder(Action<object> sink) => ReceiveAny(sink);
    }
}
