using System.Collections.Immutable;
using ActorChain.Core.Pos;
using ActorChain.Node;
using ActorChain.Node.Chain;
using ActorChain.Node.Configuration;
using ActorChain.Node.Time;
using ActorChain.Simulation.Outputs;
using ActorChain.Simulation.Scenarios;
using Akka.Actor;

namespace ActorChain.Simulation.Running;

/// <summary>
/// Runs a <c>consensus = pos</c> or <c>merge</c> scenario in virtual time and writes summary.json, events.jsonl and
/// epochs.jsonl (SIMULATION.md). <c>stop { epochs = N }</c> runs slots 0 … N×SPE − 1, then advances every node's head
/// state to slot N×SPE, so the last transition recorded is the end of epoch N − 1.
/// </summary>
public static class PosSimulation
{
    /// <summary>Runs <paramref name="sc"/> on <paramref name="base"/>'s chain defaults and writes its outputs to <paramref name="outDir"/>.</summary>
    public static SimulationResult Run(Scenario sc, ChainSettings @base, string outDir, IRunProgress? progress, bool trace)
    {
        var settings = RunSetup.PosSettings(sc, @base);
        settings.DeriveGenesisKeys();
        var config = settings.Consensus.Config;
        var totalSlots = TotalSlots(sc, config);
        ImmutableArray<string> names = [.. sc.Validators.Select(v => v.Name)];
        Directory.CreateDirectory(outDir);
        var wall = new WallClock();
        var outcomes = new FaultOutcomes(sc.Faults);
        var slashings = new SlashingLedger();
        using var events = EventsFile.Open(Path.Combine(outDir, "events.jsonl"));
        using var epochs = EpochsWriter.Open(Path.Combine(outDir, "epochs.jsonl"), names, trace);
        var system = ActorSystem.Create("actorchain-sim", StderrLogger.SystemConfig());
        var conductor = new Conductor(system);
        try
        {
            var clock = SchedulerClock.Of(system);
            var forensics = new ForensicsWatch();
            var recorder = new PosRecorder(epochs, clock, wall, progress, totalSlots, config, forensics);
            var log = conductor.ActorOf(EventLog.Create([events, outcomes, slashings, forensics]), "events");
            forensics.Emit = e => log.Tell(e); // through the log: every sink sees conflicting_finality
            var network = conductor.ActorOf(EmbeddedNetwork.Create(settings, RunSetup.NodeSpecs(sc), clock, log, sc.Seed), "network");
            conductor.Drain();
            var nodes = Replies.Ask<EmbeddedNetwork.Nodes>(conductor, network, r => new EmbeddedNetwork.GetNodes(r)).Guardians;
            foreach (var (id, _) in nodes)
            {
                var forward = conductor.ActorOf(ChainEventForwarder.Create(id, recorder.OnEvent), "recorder-" + id);
                network.Tell(new EmbeddedNetwork.SubscribeChain(id, forward, true)); // again if the node restarts
            }

            if (sc.Consensus == ConsensusKind.Pos)
            {
                foreach (var (_, guardian) in nodes) guardian.Tell(NodeGuardian.StartPos.Instance);
            }

            conductor.Drain();
            var injector = new FaultInjector(network, log, clock);
            ScheduleFaults(sc, conductor, recorder, config, injector, fromGenesis: false); // "second T": from virtual time 0
            var powBudget = sc.Consensus == ConsensusKind.Merge
                ? checked(((long)(sc.MergeAtHeight ?? 0) + 10) * (long)settings.Pow.BlockTimeMillis * 50)
                : 0;
            conductor.RunUntil(TimeSpan.FromMilliseconds(powBudget + 10_000), () => recorder.Merged);
            if (!recorder.Merged)
                throw new SimulationException($"no merge within {(powBudget + 10_000) / 1000} virtual seconds");
            ScheduleFaults(sc, conductor, recorder, config, injector, fromGenesis: true); // "slot S", "epoch E": from PoS genesis, known now

            // Slots 0 … N×SPE − 1: stop just before slot N×SPE starts (SIMULATION.md, "Stop").
            var end = (long)config.SlotStartMillis((ulong)recorder.GenesisMillis, totalSlots) - 1;
            conductor.RunUntil(TimeSpan.FromMilliseconds(Math.Max(end, (long)conductor.Elapsed.TotalMilliseconds)));
            recorder.Draw(true);
            var finals = new SortedDictionary<int, ChainActor.PosStatus>();
            var chains = new SortedDictionary<int, IActorRef>();

            // The nodes up now: a node restarted after a crash has new actors, and one still down has none.
            foreach (var (id, guardian) in Replies.Ask<EmbeddedNetwork.Nodes>(conductor, network, r => new EmbeddedNetwork.GetNodes(r)).Guardians)
            {
                var chain = chains[id] = Replies.Ask<NodeGuardian.Parts>(conductor, guardian, r => new NodeGuardian.GetParts(r)).Chain;
                finals[id] = Replies.Ask<ChainActor.PosStatus>(conductor, chain, r => new ChainActor.AdvanceHeadTo(totalSlots, r));
            }

            if (finals.Count == 0)
                throw new SimulationException("every node is down at the end of the run: nothing to summarize");
            conductor.Drain();
            CrossCheckChains(conductor, forensics, finals, chains, totalSlots);
            events.Seal(); // what the system does while it shuts down (timers fire on the wall clock) is not part of the run
            epochs.Seal();
            var virtualSeconds = clock.NowMillis / 1000.0;
            var wallSeconds = wall.Seconds;
            return PosSummary.Summarize(sc, recorder, slashings, finals, nodes.Count, names, totalSlots, outcomes, outDir,
                virtualSeconds, wallSeconds, forensics);
        }
        finally
        {
            conductor.Shutdown(TimeSpan.FromSeconds(10));
        }
    }

    /// <summary>
    /// With conflicting finality only: the votes included in each conflicting side's chain (from the head of the lowest
    /// live node that finalized that side) go to the forensics, to be checked against each other.
    /// </summary>
    private static void CrossCheckChains(Conductor conductor, ForensicsWatch forensics, SortedDictionary<int, ChainActor.PosStatus> finals,
        SortedDictionary<int, IActorRef> chains, ulong totalSlots)
    {
        var sides = new SortedSet<int>();
        foreach (var c in forensics.Conflicts)
        {
            foreach (var side in new[] { c.First, c.Second })
            {
                var up = side.Nodes.Where(finals.ContainsKey).ToList();
                if (up.Count > 0) sides.Add(up[0]);
            }
        }

        foreach (var node in sides)
        {
            var blocks = Replies.Ask<ChainActor.BeaconBlocksFound>(conductor, chains[node],
                r => new ChainActor.ServeBeaconBlocks(finals[node].HeadRoot, checked((int)totalSlots + 1), -1, r)).Blocks;
            forensics.AddChainVotes(blocks.SelectMany(b => b.Body.Attestations));
        }
    }

    /// <summary>The slots a run covers: <c>epochs × SLOTS_PER_EPOCH</c>, or the whole slots of <c>stop { seconds }</c>.</summary>
    public static ulong TotalSlots(Scenario sc, ConsensusConfig config) => sc.Stop.Kind == StopKind.Seconds
        ? sc.Stop.Value * 1000 / config.MillisPerSlot
        : sc.Stop.Value * config.SlotsPerEpoch;

    /// <summary>
    /// Schedules the injections and clears whose time counts from PoS genesis (<c>slot S</c>, <c>epoch E</c>) when
    /// <paramref name="fromGenesis"/>, the others (<c>second T</c>) otherwise: in a merge scenario genesis is known only
    /// after the merge.
    /// </summary>
    private static void ScheduleFaults(Scenario sc, Conductor conductor, PosRecorder recorder, ConsensusConfig config,
        FaultInjector faults, bool fromGenesis)
    {
        foreach (var f in sc.Faults)
        {
            if (f.At.CountsFromGenesis == fromGenesis)
                VirtualRun.At(conductor, When(f.At, recorder, config), () => faults.Inject(f));
            if (f.Until is { } until && until.CountsFromGenesis == fromGenesis)
                VirtualRun.At(conductor, When(until, recorder, config), () => faults.Clear(f));
        }
    }

    private static long When(ScenarioTime at, PosRecorder recorder, ConsensusConfig config) => at.Kind == TimeKind.Height
        ? throw new SimulationException($"{at} is a time for pow scenarios")
        : at.Millis(0, recorder.GenesisMillis, config);
}
