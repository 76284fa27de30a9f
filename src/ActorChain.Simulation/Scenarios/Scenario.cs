using System.Collections.Immutable;
using ActorChain.Core.Pos;
using ActorChain.Node.Configuration;
using ActorChain.Node.Faults;

namespace ActorChain.Simulation.Scenarios;

/// <summary>
/// A parsed scenario file (SIMULATION.md, docs/scenarios.md). Built only by <see cref="ScenarioParser"/>, so every
/// value is valid: names are known, nodes exist, times are after genesis.
/// </summary>
/// <param name="Name">The scenario's name (<c>unnamed</c> when not given).</param>
/// <param name="Seed">The seed of every random choice of the run (default 1); <c>--seed</c> overrides it.</param>
/// <param name="Preset">The PoS preset: <c>minimal</c>, <c>mainnet</c> or <c>tutorial</c>.</param>
/// <param name="Consensus">pow, pos or merge.</param>
/// <param name="MergeAtHeight">The PoW height of the terminal block (consensus = merge only), else null.</param>
/// <param name="Stop">When the run ends.</param>
/// <param name="Network">Nodes, topology and link settings.</param>
/// <param name="Miners">The miners (pow and merge), in file order.</param>
/// <param name="Validators">The genesis validators (pos and merge), in index order.</param>
/// <param name="ConsensusOverrides">Constants by spec name (CONSENSUS.md §1) and their values as written.</param>
/// <param name="Faults">The <c>faults</c> entries, in file order.</param>
/// <param name="Expectations">The <c>expect</c> entries, in file order.</param>
public sealed record Scenario(
    string Name,
    ulong Seed,
    string Preset,
    ConsensusKind Consensus,
    ulong? MergeAtHeight,
    Stop Stop,
    NetworkSpec Network,
    ImmutableArray<Miner> Miners,
    ImmutableArray<ValidatorSpec> Validators,
    ImmutableSortedDictionary<string, string> ConsensusOverrides,
    ImmutableArray<FaultSpec> Faults,
    ImmutableArray<Expectation> Expectations)
{
    /// <summary>This scenario with another seed (<c>--seed</c>).</summary>
    public Scenario WithSeed(ulong seed) => this with { Seed = seed };

    /// <summary>The sum of the miners' hashrates, hashes per second.</summary>
    public ulong TotalHashrate => Miners.Aggregate(0UL, (sum, m) => sum + m.Hashrate);

    /// <summary>The PoS constants: the preset with every override applied (the parser has checked them).</summary>
    public ConsensusConfig Constants() =>
        Core.Pos.ConsensusConfig.ForPreset(Preset).WithOverrides(ConsensusOverrides.ToDictionary(kv => kv.Key, kv => (object)kv.Value));

    /// <summary>The genesis validators as <see cref="ChainSettings.Validators"/> takes them.</summary>
    public ImmutableArray<NamedAmount> GenesisValidators() => [.. Validators.Select(v => new NamedAmount(v.Name, v.StakeGwei))];
}

/// <summary>The consensus of a scenario.</summary>
public enum ConsensusKind
{
    /// <summary>Proof of work only.</summary>
    Pow,

    /// <summary>Proof of stake from genesis.</summary>
    Pos,

    /// <summary>Proof of work until <see cref="Scenario.MergeAtHeight"/>, then proof of stake.</summary>
    Merge,
}

/// <summary>The scenario-file names of <see cref="ConsensusKind"/>.</summary>
public static class ConsensusKinds
{
    /// <summary>The name as scenario files and summaries write it: <c>pow</c>, <c>pos</c> or <c>merge</c>.</summary>
    public static string ConfigName(this ConsensusKind kind) => kind switch
    {
        ConsensusKind.Pow => "pow",
        ConsensusKind.Pos => "pos",
        _ => "merge",
    };

    /// <summary>The kind named <paramref name="name"/> as <see cref="ConfigName"/> writes it, or null.</summary>
    public static ConsensusKind? FromConfigName(string? name) => name switch
    {
        "pow" => ConsensusKind.Pow,
        "pos" => ConsensusKind.Pos,
        "merge" => ConsensusKind.Merge,
        _ => null,
    };
}

/// <summary>What <see cref="Stop"/> counts.</summary>
public enum StopKind
{
    /// <summary>Every live node's head reached this height (pow).</summary>
    Height,

    /// <summary>This many epochs after PoS genesis (pos, merge).</summary>
    Epochs,

    /// <summary>This many seconds after genesis (any consensus).</summary>
    Seconds,
}

/// <summary><c>stop { height = H }</c>, <c>{ epochs = N }</c> or <c>{ seconds = T }</c>; <paramref name="Value"/> ≥ 1.</summary>
public sealed record Stop(StopKind Kind, ulong Value);

/// <summary>
/// The network: <paramref name="Nodes"/> nodes (1..1024), <paramref name="Topology"/> <c>full-mesh</c> or
/// <c>random-regular</c> (each node with at least <paramref name="Degree"/> peers), and what every link adds.
/// </summary>
public sealed record NetworkSpec(int Nodes, string Topology, int Degree, LinkSettings Link)
{
    /// <summary>The <c>full-mesh</c> topology: every node links to every other.</summary>
    public const string FullMesh = "full-mesh";

    /// <summary>The <c>random-regular</c> topology: a ring plus seeded random chords up to the degree.</summary>
    public const string RandomRegular = "random-regular";
}

/// <summary>A miner: the node that hosts it and its hashrate, hashes per second.</summary>
public sealed record Miner(int Node, ulong Hashrate);

/// <summary>
/// A genesis validator: its name (its key derives from it), its stake in gwei, and the node that hosts it (the first of
/// <c>nodes = [...]</c>). <see cref="AlsoOn"/> are the other nodes that host a copy of it (empty unless the scenario
/// gives <c>nodes</c>): each copy signs with its own slashing-protection store, an equivocator by construction.
/// </summary>
public sealed record ValidatorSpec(string Name, ulong StakeGwei, int Node)
{
    /// <summary>The nodes after <see cref="Node"/> that also host this validator, ascending; empty (default) for one host.</summary>
    public ImmutableArray<int> AlsoOn { get; init; }

    /// <summary>Every node hosting this validator: <see cref="Node"/>, then <see cref="AlsoOn"/>.</summary>
    public ImmutableArray<int> Nodes => AlsoOn.IsDefaultOrEmpty ? [Node] : [Node, .. AlsoOn];

    /// <summary>True when <paramref name="node"/> hosts a copy of this validator.</summary>
    public bool HostedOn(int node) => node == Node || (!AlsoOn.IsDefaultOrEmpty && AlsoOn.Contains(node));
}

/// <summary>The unit of a <see cref="ScenarioTime"/>.</summary>
public enum TimeKind
{
    /// <summary>The start of an epoch after PoS genesis.</summary>
    Epoch,

    /// <summary>The start of a slot after PoS genesis.</summary>
    Slot,

    /// <summary>A height of the chain (pow).</summary>
    Height,

    /// <summary>Seconds after the chain's genesis.</summary>
    Second,
}

/// <summary>A point in time: <c>"epoch E"</c>, <c>"slot S"</c>, <c>"height H"</c> or <c>"second T"</c>, all counted from genesis.</summary>
public sealed record ScenarioTime(TimeKind Kind, ulong Value)
{
    /// <summary>True for a slot or an epoch: they count from PoS genesis, known only once the chain has merged.</summary>
    public bool CountsFromGenesis => Kind is TimeKind.Slot or TimeKind.Epoch;

    /// <summary>
    /// The instant of a second, slot or epoch time, in milliseconds: seconds count from <paramref name="startMillis"/>,
    /// slots and epochs from <paramref name="genesisMillis"/>. A height is no instant: <see cref="InvalidOperationException"/>.
    /// </summary>
    public long Millis(long startMillis, long genesisMillis, ConsensusConfig config)
    {
        ArgumentNullException.ThrowIfNull(config);
        return Kind switch
        {
            TimeKind.Second => startMillis + checked((long)Value * 1000),
            TimeKind.Slot => (long)config.SlotStartMillis((ulong)genesisMillis, Value),
            TimeKind.Epoch => (long)config.SlotStartMillis((ulong)genesisMillis, config.StartSlot(Value)),
            _ => throw new InvalidOperationException($"{this} is a chain height, not an instant"),
        };
    }

    /// <inheritdoc />
    public override string ToString() => Kind.ToString().ToLowerInvariant() + " " + Value;
}

/// <summary>
/// One entry of <c>faults</c>: the faults it injects at <paramref name="At"/> (one per validator it names) and clears
/// at <paramref name="Until"/> (null: it lasts to the end of the run); <paramref name="Description"/> is the entry as written.
/// </summary>
public sealed record FaultSpec(string Kind, ScenarioTime At, ScenarioTime? Until, ImmutableArray<Fault> Faults, string Description);

/// <summary>
/// One <c>expect</c> entry: <paramref name="Key"/> (see <see cref="Expectations"/>), its value (<see cref="bool"/>,
/// <see cref="ulong"/> or <see cref="ImmutableArray{T}"/> of names), and <paramref name="Text"/>, how the summary names
/// it, e.g. <c>slashed = [v5, v6]</c>.
/// </summary>
public sealed record Expectation(string Key, object Value, string Text)
{
    /// <summary>The value of a number expectation (finalized-epoch-at-least, height-at-least).</summary>
    public ulong Number => (ulong)Value;

    /// <summary>The value of a true/false expectation.</summary>
    public bool Flag => (bool)Value;

    /// <summary>The validator names of <c>slashed</c>.</summary>
    public ImmutableArray<string> Names => (ImmutableArray<string>)Value;
}

/// <summary>The keys of <c>expect</c> entries.</summary>
public static class Expectations
{
    /// <summary>Every node has finalized at least this epoch.</summary>
    public const string FinalizedEpochAtLeast = "finalized-epoch-at-least";

    /// <summary>Exactly these validators were slashed.</summary>
    public const string Slashed = "slashed";

    /// <summary>No validator without a slashable fault was slashed.</summary>
    public const string NotSlashedHonest = "not-slashed-honest";

    /// <summary>No two nodes finalized conflicting checkpoints.</summary>
    public const string NoConflictingFinality = "no-conflicting-finality";

    /// <summary>Every node ends on the same head.</summary>
    public const string HeadAgreement = "head-agreement";

    /// <summary>Every node's head reached this height (pow).</summary>
    public const string HeightAtLeast = "height-at-least";

    /// <summary>Two nodes finalized conflicting checkpoints and the forensics name validators with at least 1/3 of the stake (true), or not (false).</summary>
    public const string ForensicsReachesOneThird = "forensics-reaches-one-third";

    /// <summary>Every key, sorted.</summary>
    public static ImmutableSortedSet<string> All { get; } =
        [FinalizedEpochAtLeast, Slashed, NotSlashedHonest, NoConflictingFinality, HeadAgreement, HeightAtLeast, ForensicsReachesOneThird];
}
