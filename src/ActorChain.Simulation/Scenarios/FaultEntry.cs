using System.Collections.Immutable;
using ActorChain.Node.Faults;

namespace ActorChain.Simulation.Scenarios;

/// <summary>
/// One fault outside a scenario, as the HTTP API takes it (<c>POST</c> and <c>DELETE /api/faults</c>): a scenario's
/// fault entry (SIMULATION.md) without <c>at</c>, read by the scenario's own <see cref="FaultParser"/>, so the kinds,
/// fields and checks are the same.
/// </summary>
/// <param name="Kind">The kind named, as given (empty if none).</param>
/// <param name="Faults">The faults it names, one per validator.</param>
/// <param name="UntilMillis">How long until the fault ends by itself, or null.</param>
/// <param name="Problems">Every problem, one line each with its key, e.g. <c>fault.delay: missing; …</c>.</param>
public sealed record FaultEntry(string Kind, ImmutableArray<Fault> Faults, long? UntilMillis, ImmutableArray<string> Problems)
{
    /// <summary>Values of the fields that only say how a fault acts, for an entry that only names one to clear.</summary>
    private static readonly ImmutableSortedDictionary<string, HNode> _clearPlaceholders = new Dictionary<string, HNode>
    {
        ["delay"] = new HString("1ms"),
        ["mean"] = new HString("0ms"),
        ["jitter"] = new HString("0ms"),
        ["probability"] = new HString("0"),
        ["groups"] = new HArray([]),
        ["release"] = new HString("height 0"),
    }.ToImmutableSortedDictionary(StringComparer.Ordinal);

    /// <summary>Every fault kind, sorted.</summary>
    public static IEnumerable<string> Kinds => FaultParser.Kinds;

    /// <summary>
    /// <c>{kind, validator | validators | node | groups | mean | jitter | probability | delay | release, until}</c> as JSON
    /// or HOCON <paramref name="text"/>, with <c>until</c> a duration such as <c>"30s"</c>. Validators must be
    /// <paramref name="genesisValidators"/>; nodes are any id ≥ 0 (the cluster checks them when it routes). With
    /// <paramref name="forClear"/>, the entry only names a fault to end: the fields saying how it acts may be left out.
    /// </summary>
    /// <param name="text">The entry.</param>
    /// <param name="path">The prefix of each problem's key, e.g. <c>fault</c>.</param>
    /// <param name="genesisValidators">The names a validator fault may name.</param>
    /// <param name="forClear">True for an entry that only names a fault to clear.</param>
    public static FaultEntry Parse(string text, string path, IReadOnlyList<string> genesisValidators, bool forClear)
    {
        var f = HoconTree.Parse(text, out var error);
        if (f is null) return new FaultEntry(string.Empty, [], null, [path + ": not valid JSON: " + error]);
        var problems = ScenarioParser.Collecting();
        var faults = new FaultParser(problems, -1, null, genesisValidators, "genesis", null, null);
        var kind = faults.KindOf(f, path);
        if (kind is null) return new FaultEntry((f.Get("kind") as HString)?.Text ?? string.Empty, [], null, [.. problems.All]);
        faults.CheckFields(f, path, kind, ["kind", "until"]);
        long? until = null;
        if (f.Has("until"))
        {
            until = problems.Millis(f, "until", path);
            if (until is <= 0) problems.Add(path + ".until", "must be a positive duration such as 30s, got " + f.Get("until")!.Render());
        }

        var values = f;
        if (forClear)
        {
            var missing = FaultParser.Fields[kind].Where(k => _clearPlaceholders.ContainsKey(k) && !f.Has(k));
            values = new HObject([.. f.Items, .. missing.Select(k => KeyValuePair.Create(k, _clearPlaceholders[k]))]);
        }

        var parsed = faults.FaultsOf(values, path, kind, until is not null || forClear);
        return new FaultEntry(kind, parsed, until, [.. problems.All]);
    }
}
