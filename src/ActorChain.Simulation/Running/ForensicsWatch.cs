using System.Collections.Immutable;
using ActorChain.Core.Codec;
using ActorChain.Core.Pos;
using ActorChain.Core.Pos.Forensics;
using ActorChain.Core.Pos.Model;
using ActorChain.Core.Pos.Slashing;
using ActorChain.Core.Pos.State;
using ActorChain.Node.Events;
using ActorChain.Simulation.Outputs;

namespace ActorChain.Simulation.Running;

/// <summary>
/// Watches a run for conflicting finality (CONSENSUS.md §7) and gathers what its forensics need. A sink of the run's
/// <see cref="EventLog"/> for the blocks every node imported (<c>block_imported</c>: root, parent, slot) and the
/// evidence their slashers reported (<c>evidence_found</c>, with <c>data1</c>/<c>data2</c>); told by the run's
/// recorder each checkpoint each node finalized. Each new conflicting pair becomes one <c>conflicting_finality</c>
/// event (node null) given to <see cref="Emit"/>, which hands it to the log so every sink sees it. Thread-safe: in
/// <c>run</c> the log and the monitor call it from different threads.
/// </summary>
public sealed class ForensicsWatch : IEventSink
{
    /// <summary>The event type of a newly found conflicting pair.</summary>
    public const string EventType = "conflicting_finality";

    private readonly Lock _gate = new();
    private readonly FinalityConflictDetector _detector = new();
    private readonly SortedDictionary<(int Node, ulong Index, Hash32 Low, Hash32 High), EvidenceSighting> _sightings = [];
    private readonly List<Attestation> _chainVotes = [];
    private BeaconState? _genesis;

    /// <summary>Where new <c>conflicting_finality</c> events go (the run's log); set before the nodes start.</summary>
    public Action<NodeEvent>? Emit { get; set; }

    /// <summary>Every conflicting pair found so far, in the order found, with every node that finalized each side by now.</summary>
    public ImmutableArray<FinalityConflict> Conflicts
    {
        get
        {
            lock (_gate) return _detector.Conflicts;
        }
    }

    /// <inheritdoc />
    public void Accept(NodeEvent e)
    {
        ArgumentNullException.ThrowIfNull(e);
        switch (e.Type)
        {
            case "block_imported" when e["root"] is string root && e["parent"] is string parent && e["slot"] is not null:
                ImmutableArray<FinalityConflict> found;
                lock (_gate) found = _detector.AddBlock(Hash32.FromHex(root), Hash32.FromHex(parent), (ulong)EventFields.Long(e, "slot"));
                EmitAll(found, e.T); // a checkpoint finalized before its block was seen here, or a gap filled
                break;
            case "evidence_found" when Data(e["data1"]) is { } d1 && Data(e["data2"]) is { } d2:
                Sight(new EvidenceSighting(e.Node, (ulong)EventFields.Long(e, "index"), d1, d2, e["via"] as string == "slasher"));
                break;
        }
    }

    /// <summary>
    /// Keeps one sighting per node, validator and pair of votes (either order): all the analysis reads of them is which
    /// nodes reported each pair and whether a node's own slasher found it, so repeats (by gossip, in blocks) only upgrade
    /// that flag. Pairs that are not slashable are not kept.
    /// </summary>
    private void Sight(EvidenceSighting s)
    {
        if (!SlashingRules.IsSlashableEitherOrder(s.First, s.Second)) return;
        var (r1, r2) = (s.First.Root, s.Second.Root);
        var key = (s.Node, s.ValidatorIndex, r1.CompareTo(r2) <= 0 ? r1 : r2, r1.CompareTo(r2) <= 0 ? r2 : r1);
        lock (_gate)
        {
            if (!_sightings.TryGetValue(key, out var kept) || (s.OwnSlasher && !kept.OwnSlasher)) _sightings[key] = s;
        }
    }

    /// <summary>The PoS genesis state (its effective balances are the stakes the forensics weigh); the first one counts.</summary>
    public void OnGenesis(BeaconState genesis)
    {
        lock (_gate) _genesis ??= genesis;
    }

    /// <summary>Node <paramref name="node"/>'s canonical chain has <paramref name="finalized"/> finalized at <paramref name="tMillis"/>: emits the pairs this makes.</summary>
    public void OnFinalized(int node, Checkpoint finalized, long tMillis)
    {
        ImmutableArray<FinalityConflict> found;
        lock (_gate) found = _detector.OnFinalized(node, finalized);
        EmitAll(found, tMillis);
    }

    private void EmitAll(ImmutableArray<FinalityConflict> found, long tMillis)
    {
        foreach (var c in found)
            Emit?.Invoke(NodeEvent.Of(tMillis, -1, EventType, "first", CheckpointJson(c.First), "second", CheckpointJson(c.Second)));
    }

    /// <summary>Votes included in the conflicting chains (e.g. each side's blocks at the end of the run), cross-checked by the report.</summary>
    public void AddChainVotes(IEnumerable<Attestation> votes)
    {
        ArgumentNullException.ThrowIfNull(votes);
        lock (_gate) _chainVotes.AddRange(votes);
    }

    /// <summary>
    /// The forensics of the run so far (null without conflicting finality): stakes are the PoS genesis effective
    /// balances (<paramref name="names"/> by index), evidence what the slashers reported plus what core's slasher finds in
    /// the votes of <see cref="AddChainVotes"/>.
    /// </summary>
    public ForensicsReport? Report(IReadOnlyList<string> names, ConsensusConfig config)
    {
        ArgumentNullException.ThrowIfNull(names);
        lock (_gate)
        {
            var conflicts = _detector.Conflicts;
            if (conflicts.IsEmpty || _genesis is null) return null;
            var stakes = Enumerable.Range(0, _genesis.ValidatorCount)
                .Select(i => new ValidatorStake((ulong)i, i < names.Count ? names[i] : "#" + i, _genesis.Validators[i].EffectiveBalance))
                .ToList();
            return AccountableSafety.Analyze(conflicts, stakes, _sightings.Values, _chainVotes, config);
        }
    }

    /// <summary>summary.json's <c>forensics</c> object of <paramref name="r"/> (docs/outputs.md), or null.</summary>
    public static JsonMap? ToJson(ForensicsReport? r) => r is null ? null : new JsonMap
    {
        ["conflicts"] = r.Conflicts.Select(c => new JsonMap { ["first"] = CheckpointJson(c.First), ["second"] = CheckpointJson(c.Second) }).ToList(),
        ["slashable"] = r.Slashable.Select(v => new JsonMap
        {
            ["name"] = v.Name,
            ["index"] = v.Index,
            ["stake"] = v.Stake,
            ["evidence"] = v.Evidence.Select(e => new JsonMap
            {
                ["kind"] = e.Kind == SlashingKind.DoubleVote ? "double_vote" : "surround_vote",
                ["first"] = DataJson(e.First),
                ["second"] = DataJson(e.Second),
                ["foundBy"] = e.FoundBy.ToList(),
            }).ToList(),
        }).ToList(),
        ["slashableStake"] = r.SlashableStake,
        ["totalStake"] = r.TotalStake,
        ["stakeShare"] = r.StakeShare,
        ["reachesOneThird"] = r.ReachesOneThird,
    };

    /// <summary>A finalized checkpoint as the event and summary write it: <c>{"epoch", "root", "nodes"}</c>.</summary>
    public static JsonMap CheckpointJson(FinalizedCheckpoint c)
    {
        ArgumentNullException.ThrowIfNull(c);
        return new JsonMap { ["epoch"] = c.Epoch, ["root"] = c.Root.ToString(), ["nodes"] = c.Nodes.ToList() };
    }

    /// <summary>Attestation data as summary.json writes it: slot, committeeIndex, headRoot, source and target.</summary>
    public static JsonMap DataJson(AttestationData d)
    {
        ArgumentNullException.ThrowIfNull(d);
        return new JsonMap
        {
            ["slot"] = d.Slot,
            ["committeeIndex"] = d.CommitteeIndex,
            ["headRoot"] = d.HeadRoot.ToString(),
            ["source"] = new JsonMap { ["epoch"] = d.Source.Epoch, ["root"] = d.Source.Root.ToString() },
            ["target"] = new JsonMap { ["epoch"] = d.Target.Epoch, ["root"] = d.Target.Root.ToString() },
        };
    }

    /// <summary>The attestation data of an <c>evidence_found</c> field (<c>data1</c>, <c>data2</c>), or null.</summary>
    private static AttestationData? Data(object? field)
    {
        if (field is not IEnumerable<KeyValuePair<string, object?>> pairs) return null;
        var d = pairs.ToDictionary(p => p.Key, p => p.Value, StringComparer.Ordinal);
        return new AttestationData(Number(d["slot"]), Number(d["committeeIndex"]), Hash32.FromHex((string)d["headRoot"]!),
            Point(d["source"]), Point(d["target"]));
    }

    private static Checkpoint Point(object? field)
    {
        var d = ((IEnumerable<KeyValuePair<string, object?>>)field!).ToDictionary(p => p.Key, p => p.Value, StringComparer.Ordinal);
        return new Checkpoint(Number(d["epoch"]), Hash32.FromHex((string)d["root"]!));
    }

    private static ulong Number(object? value) => Convert.ToUInt64(value, System.Globalization.CultureInfo.InvariantCulture);
}
