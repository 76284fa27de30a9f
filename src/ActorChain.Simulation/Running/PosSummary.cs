using System.Collections.Immutable;
using ActorChain.Node.Chain;
using ActorChain.Simulation.Outputs;
using ActorChain.Simulation.Scenarios;

namespace ActorChain.Simulation.Running;

/// <summary>summary.json of a PoS or merge run, and its expectations (Java PosSimulation.summarize).</summary>
public static class PosSummary
{
    /// <summary>
    /// Builds and writes summary.json. <paramref name="finals"/>: the nodes up at the end; a node still down (crashed,
    /// never restarted) is listed as <c>{"node":n,"down":true}</c>. Validators are read from the lowest live node's head state.
    /// </summary>
    public static SimulationResult Summarize(Scenario sc, PosRecorder recorder, SlashingLedger slashings,
        SortedDictionary<int, ChainActor.PosStatus> finals, int nodeCount, ImmutableArray<string> names, ulong totalSlots,
        FaultOutcomes outcomes, string outDir, double virtualSeconds, double wallSeconds, ForensicsWatch? forensics = null)
    {
        var nodes = new List<JsonMap>();
        for (var id = 0; id < nodeCount; id++)
        {
            if (!finals.TryGetValue(id, out var s))
            {
                nodes.Add(new JsonMap { ["node"] = id, ["down"] = true });
                continue;
            }

            nodes.Add(new JsonMap
            {
                ["node"] = id,
                ["headSlot"] = s.HeadSlot,
                ["headRoot"] = s.HeadRoot.ToString(),
                ["justified"] = EpochsWriter.Checkpoint(s.Justified),
                ["finalized"] = EpochsWriter.Checkpoint(s.Finalized),
            });
        }

        var state = finals.First().Value.HeadState;
        var nodeOf = new SortedDictionary<string, ValidatorSpec>(StringComparer.Ordinal);
        foreach (var v in sc.Validators) nodeOf[v.Name] = v;
        var validators = new List<JsonMap>();
        for (var i = 0; i < state.ValidatorCount; i++)
        {
            var v = state.Validators[i];
            var name = i < names.Length ? names[i] : null;
            var spec = name is not null && nodeOf.TryGetValue(name, out var found) ? found : null;
            var row = new JsonMap
            {
                ["index"] = i,
                ["name"] = name,
                ["node"] = spec?.Node,
                ["balance"] = state.Balance(i),
                ["effectiveBalance"] = v.EffectiveBalance,
                ["slashed"] = v.Slashed,
                ["exitEpoch"] = EpochsWriter.EpochOrNull(v.ExitEpoch),
            };
            if (spec is { AlsoOn.IsDefaultOrEmpty: false }) row["nodes"] = spec.Nodes.ToList(); // hosted on several nodes
            validators.Add(row);
        }

        var ends = finals.ToDictionary(f => f.Key, f => new PosNodeEnd(f.Value.HeadSlot, f.Value.HeadRoot, f.Value.Justified, f.Value.Finalized));
        // A validator hosted on several nodes (nodes = [...]) is an equivocator by construction: not an honest one.
        var doubleSigners = SlashingLedger.DoubleSigners(sc.Faults.SelectMany(f => f.Faults))
            .Union(sc.Validators.Where(v => !v.AlsoOn.IsDefaultOrEmpty).Select(v => v.Name));
        var report = forensics?.Report(names, sc.Constants());
        var conflicts = forensics?.Conflicts ?? [];
        var (expectations, failures) = ExpectationChecks.Evaluate(sc.Expectations,
            x => ExpectationChecks.CheckPos(x, ends, recorder.FinalizedByNode, validators, doubleSigners, conflicts, report));
        var pow = new JsonMap { ["height"] = sc.MergeAtHeight ?? 0UL, ["orphans"] = 0, ["reorgs"] = 0 };
        var summary = SummaryFile.Build(sc, totalSlots, totalSlots / sc.Constants().SlotsPerEpoch, virtualSeconds, wallSeconds,
            wallSeconds <= 0 ? null : totalSlots / wallSeconds, nodes, validators, slashings.Summary(state, names), pow,
            outcomes.Summary(), expectations, ForensicsWatch.ToJson(report));
        SummaryFile.Write(outDir, summary);
        var attestations = finals.Values.Sum(s => s.AttestationsProcessed);
        return new SimulationResult(failures.IsEmpty ? 0 : 1, summary, failures, virtualSeconds, wallSeconds, attestations, totalSlots);
    }
}
