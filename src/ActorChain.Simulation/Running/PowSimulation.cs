using System.Collections.Immutable;
using System.Numerics;
using ActorChain.Core.Codec;
using Address = ActorChain.Core.Crypto.Address;
using ActorChain.Node;
using ActorChain.Node.Chain;
using ActorChain.Node.Configuration;
using ActorChain.Node.Time;
using ActorChain.Simulation.Outputs;
using ActorChain.Simulation.Scenarios;
using Akka.Actor;

namespace ActorChain.Simulation.Running;

/// <summary>
/// Runs a <c>consensus = pow</c> scenario in virtual time with the same actors as <c>run</c> and the cluster, and writes
/// summary.json and events.jsonl (SIMULATION.md).
/// </summary>
public static class PowSimulation
{
    /// <summary>After the stop condition, miners stop and in-flight gossip gets this long to land (virtual ms).</summary>
    public const long SettleMillis = 30_000;

    /// <summary>Runs <paramref name="sc"/> on <paramref name="base"/>'s chain defaults and writes its outputs to <paramref name="outDir"/>.</summary>
    public static SimulationResult Run(Scenario sc, ChainSettings @base, string outDir, IRunProgress? progress)
    {
        var settings = RunSetup.PowSettings(sc, @base);
        settings.DeriveGenesisKeys();
        var blockTime = (long)settings.Pow.BlockTimeMillis;
        Directory.CreateDirectory(outDir);
        var wall = new WallClock();
        var heightActions = new HeightSchedule<Action>();
        var stopHeight = sc.Stop.Kind == StopKind.Height ? sc.Stop.Value : 0UL;
        using var events = EventsFile.Open(Path.Combine(outDir, "events.jsonl"));
        var system = ActorSystem.Create("actorchain-sim", StderrLogger.SystemConfig());
        var conductor = new Conductor(system);
        try
        {
            var clock = SchedulerClock.Of(system);
            var outcomes = new FaultOutcomes(sc.Faults);
            var monitor = new SimulationMonitor(sc.Network.Nodes, stopHeight, 10 * blockTime, clock, wall, progress,
                h => heightActions.Reached(h).ForEach(action => action()));
            var log = conductor.ActorOf(EventLog.Create([events, monitor, outcomes]), "events");
            var network = conductor.ActorOf(EmbeddedNetwork.Create(settings, RunSetup.NodeSpecs(sc), clock, log, sc.Seed), "network");
            conductor.Drain();
            var faults = new FaultInjector(network, log, clock);
            foreach (var f in sc.Faults)
            {
                Schedule(conductor, heightActions, f.At, () => faults.Inject(f));
                if (f.Until is { } until) Schedule(conductor, heightActions, until, () => faults.Clear(f));
            }

            var limit = sc.Stop.Kind == StopKind.Seconds
                ? checked((long)sc.Stop.Value * 1000)
                : Math.Max(60_000, checked((long)stopHeight * blockTime * 50));
            conductor.RunUntil(TimeSpan.FromMilliseconds(limit), monitor.ShouldStop);
            network.Tell(EmbeddedNetwork.StopProducing.Instance);
            conductor.RunUntil(TimeSpan.FromMilliseconds(clock.NowMillis + SettleMillis), static () => false);
            monitor.Draw(true);
            events.Seal(); // what the system does while it shuts down (timers fire on the wall clock) is not part of the run
            var virtualSeconds = clock.NowMillis / 1000.0;
            var wallSeconds = wall.Seconds;
            var canonical = CanonicalByMiner(conductor, network, monitor);
            return Summarize(sc, settings, monitor, canonical, outcomes, outDir, virtualSeconds, wallSeconds);
        }
        finally
        {
            conductor.Shutdown(TimeSpan.FromSeconds(10));
        }
    }

    private static void Schedule(Conductor conductor, HeightSchedule<Action> heightActions, ScenarioTime at, Action action)
    {
        if (at.Kind == TimeKind.Height)
            heightActions.Add(at.Value, action);
        else
            VirtualRun.At(conductor, checked((long)at.Value * 1000), action); // a PoW scenario's times are heights and seconds
    }

    /// <summary>
    /// The blocks of the heaviest head's chain (the lowest node on a tie), counted by the miner they pay: what share of
    /// the canonical chain each miner got, selfish or not. Asked from that node's chain in batches.
    /// </summary>
    private static SortedDictionary<Address, long> CanonicalByMiner(Conductor conductor, IActorRef network, SimulationMonitor monitor)
    {
        var byMiner = new SortedDictionary<Address, long>();
        var live = Replies.Ask<EmbeddedNetwork.Nodes>(conductor, network, r => new EmbeddedNetwork.GetNodes(r)).Guardians;
        var best = -1;
        var bestWork = BigInteger.MinusOne;
        foreach (var (node, head) in monitor.Heads)
        {
            if (!live.ContainsKey(node)) continue; // a crashed node still down has no chain to read
            var work = BigInteger.Parse(head.TotalDifficulty, System.Globalization.CultureInfo.InvariantCulture);
            if (work > bestWork)
            {
                best = node;
                bestWork = work;
            }
        }

        if (best < 0) return byMiner;
        var chain = Replies.Ask<NodeGuardian.Parts>(conductor, live[best], r => new NodeGuardian.GetParts(r)).Chain;
        var root = Hash32.FromHex(monitor.Heads[best].Hash);
        while (true)
        {
            var from = root;
            var blocks = Replies.Ask<ChainActor.BlocksFound>(conductor, chain, r => new ChainActor.ServeBlocks(from, 256, -1, r)).Blocks;
            foreach (var b in blocks)
            {
                if (b.Height > 0) byMiner[b.Miner] = byMiner.GetValueOrDefault(b.Miner) + 1;
            }

            if (blocks.IsEmpty || blocks[0].Height == 0) return byMiner;
            root = blocks[0].ParentHash;
        }
    }

    private static ImmutableArray<JsonMap> MinerShares(Scenario sc, ChainSettings settings, SortedDictionary<Address, long> canonical)
    {
        var total = canonical.Values.Sum();
        var output = ImmutableArray.CreateBuilder<JsonMap>();
        for (var m = 0; m < sc.Miners.Length; m++)
        {
            var miner = sc.Miners[m];
            var blocks = canonical.GetValueOrDefault(settings.Key(RunSetup.MinerName(m)).Address);
            output.Add(new JsonMap
            {
                ["miner"] = RunSetup.MinerName(m),
                ["node"] = miner.Node,
                ["hashrate"] = miner.Hashrate,
                ["hashrateShare"] = sc.TotalHashrate == 0 ? 0.0 : (double)miner.Hashrate / sc.TotalHashrate,
                ["canonicalBlocks"] = blocks,
                ["canonicalShare"] = total == 0 ? 0.0 : (double)blocks / total,
            });
        }

        return output.ToImmutable();
    }

    private static SimulationResult Summarize(Scenario sc, ChainSettings settings, SimulationMonitor monitor,
        SortedDictionary<Address, long> canonical, FaultOutcomes outcomes, string outDir, double virtualSeconds, double wallSeconds)
    {
        var genesisHash = settings.GenesisBlock().Hash.ToString();
        var nodes = new List<JsonMap>();
        for (var i = 0; i < sc.Network.Nodes; i++)
        {
            monitor.Heads.TryGetValue(i, out var h);
            nodes.Add(new JsonMap
            {
                ["node"] = i,
                ["headHeight"] = h?.Height ?? 0UL,
                ["headHash"] = h?.Hash ?? genesisHash,
                ["totalDifficulty"] = h?.TotalDifficulty ?? "0",
            });
        }

        var height = nodes.Select(n => (ulong)n["headHeight"]!).DefaultIfEmpty(0UL).Max();
        var (expectations, failures) = ExpectationChecks.Evaluate(sc.Expectations, x => ExpectationChecks.CheckPow(x, nodes));
        var pow = new JsonMap
        {
            ["height"] = height,
            ["orphans"] = Math.Max(0L, monitor.Mined - (long)height),
            ["reorgs"] = monitor.Reorgs,
            ["miners"] = MinerShares(sc, settings, canonical),
        };
        var summary = SummaryFile.Build(sc, slots: 0, epochs: 0, virtualSeconds, wallSeconds, slotsPerSecond: null, nodes, [], [], pow,
            outcomes.Summary(), expectations);
        SummaryFile.Write(outDir, summary);
        return new SimulationResult(failures.IsEmpty ? 0 : 1, summary, failures, virtualSeconds, wallSeconds, 0, 0);
    }
}
