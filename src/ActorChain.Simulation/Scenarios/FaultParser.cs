using System.Collections.Immutable;
using ActorChain.Core.Pos;
using ActorChain.Node.Faults;
using ActorChain.Node.Network;

namespace ActorChain.Simulation.Scenarios;

/// <summary>
/// The <c>faults</c> list of a scenario (SIMULATION.md): kinds, times and their values, each entry turned into the
/// <see cref="Fault"/> values it injects; problems (unknown kinds, fields, validators and nodes) go to the problem list.
/// One fault outside a scenario (<see cref="FaultEntry"/>) is read by the same code, so the kinds, fields and checks match.
/// </summary>
internal sealed partial class FaultParser
{
    /// <summary>The validator faults.</summary>
    public static ImmutableSortedSet<string> ValidatorFaults { get; } = ["double-vote", "surround-vote", "double-proposal", "offline", "late"];

    /// <summary>The miner faults.</summary>
    public static ImmutableSortedSet<string> PowFaults { get; } = ["private-chain", "selfish-mining"];

    /// <summary>The fields each kind takes, besides <c>kind</c>, <c>at</c> and <c>until</c>.</summary>
    public static ImmutableSortedDictionary<string, ImmutableSortedSet<string>> Fields { get; } =
        new Dictionary<string, ImmutableSortedSet<string>>
        {
            ["partition"] = ["groups"],
            ["heal"] = [],
            ["latency"] = ["mean", "jitter"],
            ["loss"] = ["probability"],
            ["double-vote"] = ["validator", "validators"],
            ["surround-vote"] = ["validator", "validators"],
            ["double-proposal"] = ["validator", "validators"],
            ["offline"] = ["validator", "validators"],
            ["late"] = ["validator", "validators", "delay"],
            ["crash"] = ["node"],
            ["private-chain"] = ["node", "release"],
            ["selfish-mining"] = ["node"],
        }.ToImmutableSortedDictionary(StringComparer.Ordinal);

    private readonly ProblemList _p;
    private readonly int _nodes;
    private readonly ConsensusKind? _consensus;
    private readonly ImmutableArray<string>? _validators;
    private readonly string _validatorSource;
    private readonly ImmutableArray<Miner>? _miners;
    private readonly ConsensusConfig? _constants;

    /// <param name="problems">Where problems go.</param>
    /// <param name="nodes">The node count, or -1 when unknown or when any id ≥ 0 may be named (a cluster routes by id).</param>
    /// <param name="consensus">Null when unknown or outside a scenario: no consensus checks.</param>
    /// <param name="validators">The known validator names; null when unknown (no name checks).</param>
    /// <param name="validatorSource">Where the validators come from, in problems: <c>scenario</c> or <c>genesis</c>.</param>
    /// <param name="miners">The miners; null when unknown or outside a scenario (no check that a node hosts one).</param>
    /// <param name="constants">The PoS constants, to compare times of different units (pos only); null when unknown.</param>
    public FaultParser(ProblemList problems, int nodes, ConsensusKind? consensus, IEnumerable<string>? validators,
        string validatorSource, ImmutableArray<Miner>? miners, ConsensusConfig? constants)
    {
        _p = problems;
        _nodes = nodes;
        _consensus = consensus;
        _validators = validators?.ToImmutableArray();
        _validatorSource = validatorSource;
        _miners = miners;
        _constants = constants;
    }

    /// <summary>Every fault kind, sorted.</summary>
    public static IEnumerable<string> Kinds => Fields.Keys;

    /// <summary>The entries of <c>scenario.faults</c>.</summary>
    public ImmutableArray<FaultSpec> ParseFaults(HObject s)
    {
        var list = _p.List(s, "faults", "scenario", "of { at = \"...\", kind = ..., ... }");
        if (list is null) return [];
        var result = ImmutableArray.CreateBuilder<FaultSpec>();
        for (var i = 0; i < list.Elements.Count; i++)
        {
            var p = $"scenario.faults[{i}]";
            if (list.Elements[i] is not HObject f)
            {
                _p.Add(p, "must be a block { at = \"...\", kind = ..., ... }, got " + list.Elements[i].Render());
                continue;
            }

            if (ParseFault(f, p) is { } spec) result.Add(spec);
        }

        return result.ToImmutable();
    }

    private FaultSpec? ParseFault(HObject f, string p)
    {
        var kind = KindOf(f, p);
        if (kind is null) return null;
        CheckFields(f, p, kind, ["kind", "at", "until"]);
        var fits = CheckConsensus(p, kind);
        ScenarioTime? at = null;
        if (f.Has("at"))
        {
            if (_p.Str(f, "at", p) is { } text) at = ParseTime(p + ".at", text);
        }
        else
        {
            _p.Missing(f, p + ".at", "missing; when the fault starts, e.g. at = \"epoch 3\"", "at");
        }

        ScenarioTime? until = null;
        if (f.Has("until") && _p.Str(f, "until", p) is { } untilText) until = ParseTime(p + ".until", untilText);
        if (at is not null && until is not null && !IsAfter(until, at))
            _p.Add(p + ".until", $"must be after at ({at}), got {until}");
        if (!fits) return null; // its fields would only add problems about a fault that cannot happen
        var before = _p.Count;
        var faults = FaultsOf(f, p, kind, f.Has("until"));
        return at is null || _p.Count != before ? null : new FaultSpec(kind, at, until, faults, f.Render());
    }

    /// <summary>The kind of an entry, or null with a problem when missing or unknown.</summary>
    public string? KindOf(HObject f, string p)
    {
        if (!f.Has("kind"))
        {
            _p.Add(p + ".kind", "missing; known: " + ProblemList.List(Kinds));
            return null;
        }

        var kind = _p.Str(f, "kind", p);
        if (kind is null) return null;
        if (Fields.ContainsKey(kind)) return kind;
        _p.Add(p + ".kind", $"unknown fault '{kind}'; known: " + ProblemList.List(Kinds));
        return null;
    }

    /// <summary>Reports every field that <paramref name="kind"/> does not take.</summary>
    public void CheckFields(HObject f, string p, string kind, IEnumerable<string> timeKeys)
    {
        _p.CheckKeys(f, p, Fields[kind].Concat(timeKeys), $"not a field of {kind}");
    }

    /// <summary>False, with a problem, when the consensus cannot have this kind of fault.</summary>
    private bool CheckConsensus(string p, string kind)
    {
        if (ValidatorFaults.Contains(kind) && _consensus == ConsensusKind.Pow)
        {
            _p.Add(p + ".kind", kind + " is a validator fault: it needs consensus = pos or merge");
            return false;
        }

        if (PowFaults.Contains(kind) && _consensus == ConsensusKind.Pos)
        {
            _p.Add(p + ".kind", kind + " is a miner fault: it needs consensus = pow or merge");
            return false;
        }

        return true;
    }

    /// <summary>The faults one entry of a known <paramref name="kind"/> names; <paramref name="hasUntil"/>: a withheld chain may wait for it.</summary>
    public ImmutableArray<Fault> FaultsOf(HObject f, string p, string kind, bool hasUntil) => kind switch
    {
        "partition" => One(ParseGroups(f, p) is { } g ? new Fault.Partition(g) : null),
        "heal" => [new Fault.Link(new LinkFault.Heal())],
        "latency" => One(ParseLatency(f, p) is { } l ? new Fault.Link(l) : null),
        "loss" => One(ParseLoss(f, p) is { } loss ? new Fault.Link(new LinkFault.Loss(loss)) : null),
        "crash" => One(ParseNode(f, p) is { } n ? new Fault.Crash(n) : null),
        "private-chain" or "selfish-mining" => One(ParsePowFault(f, p, kind, hasUntil)),
        _ => ParseValidatorFaults(f, p, kind),
    };

    private static ImmutableArray<Fault> One(Fault? fault) => fault is null ? [] : [fault];

    /// <summary>One line naming the known validators (the first eight).</summary>
    public static string Describe(IReadOnlyList<string> names, string source) =>
        names.Count == 0
            ? $"the {source} has no validators"
            : "the validators are " + string.Join(", ", names.Take(8)) + (names.Count > 8 ? $", … ({names.Count} in all)" : string.Empty);
}
