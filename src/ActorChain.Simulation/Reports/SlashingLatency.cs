using System.Text.Json;
using System.Text.Json.Nodes;
using static ActorChain.Simulation.Reports.RunFiles;

namespace ActorChain.Simulation.Reports;

/// <summary>
/// Slashing latency (docs/outputs.md): for each validator of summary.json's <c>slashings</c>, the virtual seconds from
/// the start — the first run <c>fault_injected</c> event (node null) whose spec names the validator, else its first
/// <c>evidence_found</c> on any node — to its first <c>validator_slashed</c> event on any node.
/// </summary>
public static class SlashingLatency
{
    /// <summary>One slashed validator's latency; <paramref name="FromFault"/> false when it is counted from the evidence.</summary>
    public sealed record Entry(long Index, string Name, double Seconds, bool FromFault);

    /// <summary>The latencies of <paramref name="run"/>, by index; a slashed validator with no validator_slashed event has none.</summary>
    public static IReadOnlyList<Entry> Of(RunFiles run)
    {
        ArgumentNullException.ThrowIfNull(run);
        var faultAt = new Dictionary<string, long>(StringComparer.Ordinal);
        var evidenceAt = new Dictionary<long, long>();
        var slashedAt = new Dictionary<long, long>();
        foreach (var e in run.Events)
        {
            var t = Long(e["t"]) ?? 0;
            switch (Str(e["type"]))
            {
                case "fault_injected" when e["node"] is null:
                    foreach (var name in Named(Str(e["spec"]))) faultAt.TryAdd(name, t);
                    break;
                case "evidence_found":
                    evidenceAt.TryAdd(Long(e["index"]) ?? -1, t);
                    break;
                case "validator_slashed":
                    slashedAt.TryAdd(Long(e["index"]) ?? -1, t);
                    break;
                default:
                    break;
            }
        }

        var result = new List<Entry>();
        foreach (var x in Objects(run.Summary["slashings"]).OrderBy(x => Long(x["index"])))
        {
            var index = Long(x["index"]) ?? -1;
            var name = Str(x["name"]);
            if (!slashedAt.TryGetValue(index, out var end)) continue;
            if (faultAt.TryGetValue(name, out var start) && start <= end) result.Add(new Entry(index, name, (end - start) / 1000.0, true));
            else if (evidenceAt.TryGetValue(index, out var ev) && ev <= end) result.Add(new Entry(index, name, (end - ev) / 1000.0, false));
        }

        return result;
    }

    /// <summary>The validator names a fault spec (JSON) names under <c>validator</c> or <c>validators</c>.</summary>
    private static IEnumerable<string> Named(string spec)
    {
        JsonObject? o;
        try
        {
            o = JsonNode.Parse(spec) as JsonObject;
        }
        catch (JsonException)
        {
            yield break;
        }

        if (o is null) yield break;
        if (Str(o["validator"]) is { Length: > 0 } v) yield return v;
        if (o["validators"] is JsonArray a)
        {
            foreach (var n in a) if (Str(n) is { Length: > 0 } s) yield return s;
        }
    }
}
