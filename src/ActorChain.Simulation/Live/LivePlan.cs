using System.Collections.Immutable;
using System.Globalization;
using ActorChain.Node;
using ActorChain.Node.Configuration;
using ActorChain.Simulation.Running;
using ActorChain.Simulation.Scenarios;

namespace ActorChain.Simulation.Live;

/// <summary>
/// What a live run (<c>run</c>) starts: the chain, the nodes with their miners and validators, the faults to inject at
/// their real times, the seed, and when to stop (a scenario's <c>stop</c>, and/or <paramref name="StopAfter"/>).
/// The genesis timestamp of <paramref name="Settings"/> is set to the start time when the run starts.
/// </summary>
public sealed record LivePlan(
    string Title,
    ConsensusKind Consensus,
    ChainSettings Settings,
    ImmutableArray<NodeSpec> Nodes,
    ImmutableArray<FaultSpec> Faults,
    ulong Seed,
    Stop? ScenarioStop,
    TimeSpan? StopAfter)
{
    /// <summary>Signed transfers a second between the genesis accounts (<see cref="TxLoadActor"/>); 0 for none.</summary>
    public double TxPerSecond { get; init; }

    /// <summary>The longest run <c>run</c> plays without a shorter <c>--stop-after</c>: past it a scenario belongs to <c>simulate</c>.</summary>
    public static readonly TimeSpan LongestRun = TimeSpan.FromHours(1);

    /// <summary>The most validators one process signs and verifies for in real time (1 s slots) without falling behind.</summary>
    public const int MostValidators = 4_096;

    /// <summary>The most nodes of one live run.</summary>
    public const int MostNodes = 64;

    /// <summary>A scenario file played live: its chain and nodes as <c>simulate</c> builds them, its faults at their real times.</summary>
    public static LivePlan FromScenario(Scenario sc, ChainSettings @base, TimeSpan? stopAfter)
    {
        ArgumentNullException.ThrowIfNull(sc);
        var settings = sc.Consensus == ConsensusKind.Pow ? RunSetup.PowSettings(sc, @base) : RunSetup.PosSettings(sc, @base);
        return new LivePlan($"scenario {sc.Name} (seed {sc.Seed.ToString(CultureInfo.InvariantCulture)})", sc.Consensus, settings,
            RunSetup.NodeSpecs(sc), sc.Faults, sc.Seed, sc.Stop, stopAfter);
    }

    /// <summary>
    /// Why this plan cannot run in real time on one machine, in one line, or null when it can: too many validators or
    /// nodes, or a run longer than <see cref="LongestRun"/> (when no shorter <see cref="StopAfter"/> cuts it).
    /// </summary>
    public string? RealTimeProblem()
    {
        var validators = Settings.Validators.Length;
        if (Consensus != ConsensusKind.Pow && validators > MostValidators)
            return $"{validators:N0} validators are too many to sign and verify in real time in one process (at most {MostValidators:N0}); run it in virtual time with 'actorchain simulate'";
        if (Nodes.Length > MostNodes)
            return $"{Nodes.Length} nodes are too many for one live run (at most {MostNodes}); run it in virtual time with 'actorchain simulate'";
        if (StopAfter is { } cut && cut <= LongestRun) return null;
        var estimate = EstimatedDuration();
        if (estimate is { } d && d > LongestRun)
            return $"it would take about {Describe(d)} in real time (longer than {Describe(LongestRun)}); run it with 'actorchain simulate', shorten its stop, or pass --stop-after";
        return null;
    }

    /// <summary>How long the run takes in real time to reach its scenario stop (PoW to the merge included), or null when it has none.</summary>
    public TimeSpan? EstimatedDuration()
    {
        if (ScenarioStop is not { } stop) return null;
        var config = Settings.Consensus.Config;
        var blockMillis = (double)Settings.Pow.BlockTimeMillis;
        var powMillis = Consensus == ConsensusKind.Merge
            ? ((double)(Settings.Consensus.MergeAtHeight ?? 0) + Settings.Consensus.MergeConfirmations + 2) * blockMillis
            : 0;
        double millis = stop.Kind switch
        {
            StopKind.Seconds => stop.Value * 1000.0,
            StopKind.Height => stop.Value * blockMillis,
            _ => powMillis + (double)stop.Value * config.SlotsPerEpoch * config.SecondsPerSlot * 1000.0,
        };
        return TimeSpan.FromMilliseconds(Math.Min(millis, TimeSpan.MaxValue.TotalMilliseconds / 2));
    }

    /// <summary>What the view shows of this plan that never changes.</summary>
    public LiveInfo Info()
    {
        var hosts = new Dictionary<string, int>(StringComparer.Ordinal); // lookup only
        foreach (var n in Nodes)
            foreach (var v in n.Validators)
                hosts.TryAdd(v, n.NodeId); // a validator on several nodes (nodes = [...]) shows its first
        ImmutableArray<string> names = Consensus == ConsensusKind.Pow ? [] : [.. Settings.Validators.Select(v => v.Name)];
        var config = Settings.Consensus.Config;
        return new LiveInfo(Title, Consensus.ConfigName(), config.SecondsPerSlot, config.SlotsPerEpoch,
            Consensus == ConsensusKind.Merge ? Settings.Consensus.MergeAtHeight : null, Settings.Consensus.MergeConfirmations,
            Settings.PowMode == PowMode.Real ? "real" : "simulated", Nodes.Sum(n => n.Miners.Length), names,
            [.. names.Select(n => hosts.TryGetValue(n, out var node) ? node : -1)]);
    }

    private static string Describe(TimeSpan d) => d.TotalHours >= 1
        ? string.Create(CultureInfo.InvariantCulture, $"{d.TotalHours:0.#} h")
        : string.Create(CultureInfo.InvariantCulture, $"{d.TotalMinutes:0} min");
}
