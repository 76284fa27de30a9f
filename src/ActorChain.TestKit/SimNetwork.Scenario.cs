using System.Collections.Immutable;
using ActorChain.Node.Chain;
using ActorChain.Node.Configuration;
using ActorChain.Node.Storage;
using ActorChain.Node.Time;
using ActorChain.Simulation;
using ActorChain.Simulation.Outputs;
using ActorChain.Simulation.Running;
using ActorChain.Simulation.Scenarios;
using Akka.Actor;

namespace ActorChain.TestKit;

public sealed partial class SimNetwork
{
    private readonly HeightSchedule<Action> _heightActions = new();
    private SortedDictionary<int, ChainActor.PosStatus>? _scenarioEnds;
    private ulong _maxHeight;

    /// <summary>
    /// Starts the network of the scenario file at <paramref name="path"/> (docs/scenarios.md), in its own actor system,
    /// with its faults scheduled; <paramref name="seed"/> overrides the file's. A bad file throws a
    /// <see cref="ScenarioException"/> listing every problem.
    /// </summary>
    public static SimNetwork LoadScenario(string path, ulong? seed = null) => FromScenario(ScenarioParser.ParseFile(path), seed);

    /// <summary>Starts the network of scenario text <paramref name="text"/> (what a scenario file holds).</summary>
    public static SimNetwork ParseScenario(string text, ulong? seed = null) => FromScenario(ScenarioParser.Parse(text, "scenario"), seed);

    /// <summary>Starts the network of a parsed scenario <paramref name="scenario"/>, with its faults scheduled.</summary>
    public static SimNetwork FromScenario(Scenario scenario, ulong? seed = null) => new(ScenarioSetup(scenario, seed, null));

    /// <summary>As <see cref="FromScenario(Scenario, ulong?)"/>, inside <paramref name="system"/> driven by <paramref name="conductor"/>.</summary>
    public static SimNetwork FromScenario(Scenario scenario, ActorSystem system, Conductor conductor, ulong? seed = null) =>
        new(ScenarioSetup(scenario, seed, new HostSystem(system, conductor)));

    /// <summary>
    /// Runs the scenario to its <c>stop</c> as <c>simulate</c> does: PoS and merge runs to the end of the last epoch
    /// (every node's head state advanced to it), PoW runs until every node reaches the height (then gossip settles).
    /// </summary>
    public void RunScenario()
    {
        var sc = Scenario ?? throw new InvalidOperationException("this network was built from code, not loaded from a scenario: it has no stop");
        if (sc.Consensus == ConsensusKind.Pow)
        {
            RunPowScenario(sc);
            return;
        }

        var totalSlots = PosSimulation.TotalSlots(sc, Config);
        if (!IsPos)
        {
            var budget = checked(((long)(sc.MergeAtHeight ?? 0) + 10) * (long)Settings.Pow.BlockTimeMillis * 50) + 10_000;
            AwaitCondition(() => IsPos, TimeSpan.FromMilliseconds(budget), $"the merge at height {sc.MergeAtHeight}");
        }

        RunUntilMillis(Math.Max(Now, SlotStartMillis(totalSlots) - 1));
        RefreshNodes();
        _scenarioEnds = [];
        foreach (var (id, guardian) in _nodes)
        {
            var chain = Ask<Node.NodeGuardian.Parts>(guardian, r => new Node.NodeGuardian.GetParts(r)).Chain;
            _scenarioEnds[id] = Ask<ChainActor.PosStatus>(chain, r => new ChainActor.AdvanceHeadTo(totalSlots, r));
        }
    }

    /// <summary>
    /// The scenario's <c>expect</c> entries evaluated now (after <see cref="RunScenario"/>: on the end of the run), as
    /// <c>simulate</c> checks them; each failure reads <c>expect: what was found</c>. Empty when all held.
    /// </summary>
    public ImmutableArray<string> CheckExpectations()
    {
        var sc = Scenario ?? throw new InvalidOperationException("this network was built from code, not loaded from a scenario: it has no expect list");
        if (sc.Consensus == ConsensusKind.Pow)
        {
            var nodes = LiveNodes.Select(n => new JsonMap { ["node"] = n, ["headHeight"] = _heads[n].Height, ["headHash"] = _heads[n].Hash }).ToList();
            return ExpectationChecks.Evaluate(sc.Expectations, x => ExpectationChecks.CheckPow(x, nodes)).Failures;
        }

        var finals = _scenarioEnds ?? new SortedDictionary<int, ChainActor.PosStatus>(PosStatuses());
        var state = finals.First().Value.HeadState;
        var validators = Enumerable.Range(0, state.ValidatorCount)
            .Select(i => new JsonMap { ["name"] = i < Settings.Validators.Length ? Settings.Validators[i].Name : null, ["slashed"] = state.Validators[i].Slashed })
            .ToList();
        var ends = finals.ToDictionary(f => f.Key, f => new PosNodeEnd(f.Value.HeadSlot, f.Value.HeadRoot, f.Value.Justified, f.Value.Finalized));
        var doubleSigners = SlashingLedger.DoubleSigners(sc.Faults.SelectMany(f => f.Faults));
        var finalized = _finalizedByNode.ToDictionary(kv => kv.Key, kv => kv.Value);
        return ExpectationChecks.Evaluate(sc.Expectations, x => ExpectationChecks.CheckPos(x, ends, finalized, validators, doubleSigners)).Failures;
    }

    /// <summary>Fails unless every <c>expect</c> entry of the scenario held (see <see cref="CheckExpectations"/>), listing those that did not.</summary>
    public void AssertExpectations()
    {
        var failures = CheckExpectations();
        if (failures.IsEmpty) return;
        throw new SimAssertionException($"expected every expectation of scenario {Scenario!.Name} to hold{At()}; {failures.Length} of {Scenario.Expectations.Length} did not:"
            + string.Concat(failures.Select(f => Environment.NewLine + "  " + f)));
    }

    private static Setup ScenarioSetup(Scenario scenario, ulong? seed, HostSystem? host)
    {
        var sc = seed is { } s ? scenario.WithSeed(s) : scenario;
        var settings = sc.Consensus == ConsensusKind.Pow
            ? RunSetup.PowSettings(sc, ChainSettings.Defaults)
            : RunSetup.PosSettings(sc, ChainSettings.Defaults);
        return new Setup(sc.Name, settings, RunSetup.NodeSpecs(sc), sc.Seed, sc.Consensus == ConsensusKind.Pos, "WARNING",
            ImmutableDictionary<int, NodeStores>.Empty, [], sc, host);
    }

    private void RunPowScenario(Scenario sc)
    {
        if (sc.Stop.Kind == StopKind.Seconds)
        {
            RunUntilMillis(Math.Max(Now, checked((long)sc.Stop.Value * 1000)));
        }
        else
        {
            var limit = Math.Max(60_000, checked((long)sc.Stop.Value * (long)Settings.Pow.BlockTimeMillis * 50));
            RunUntil(() => LiveNodes.All(n => _heads[n].Height >= sc.Stop.Value), TimeSpan.FromMilliseconds(limit));
        }

        StopProducing();
        RunFor(TimeSpan.FromMilliseconds(PowSimulation.SettleMillis));
        RefreshNodes();
    }

    /// <summary>
    /// Schedules the scenario's injections and clears: <c>second T</c> from virtual time 0 (when not
    /// <paramref name="fromGenesis"/>), <c>slot S</c> and <c>epoch E</c> from PoS genesis (once known), <c>height H</c> when a head reaches it.
    /// </summary>
    private void ScheduleScenarioFaults(Scenario sc, bool fromGenesis)
    {
        foreach (var f in sc.Faults)
        {
            var fault = f;
            Schedule(f.At, fromGenesis, () => { _injector.Inject(fault); _refreshAfterFault = true; });
            if (f.Until is { } until) Schedule(until, fromGenesis, () => { _injector.Clear(fault); _refreshAfterFault = true; });
        }
    }

    private void Schedule(ScenarioTime at, bool fromGenesis, Action action)
    {
        if (at.CountsFromGenesis != fromGenesis) return;
        if (at.Kind == TimeKind.Height)
        {
            _heightActions.Add(at.Value, action);
            return;
        }

        VirtualRun.At(_conductor, at.Millis(0, fromGenesis ? SlotStartMillis(0) : 0, Config), action);
    }

    private void OnPowHeight(ulong height)
    {
        if (height <= _maxHeight) return;
        _maxHeight = height;
        foreach (var action in _heightActions.Reached(height)) action();
    }
}
