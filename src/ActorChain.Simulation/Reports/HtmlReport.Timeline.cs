using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using static ActorChain.Simulation.Reports.RunFiles;

namespace ActorChain.Simulation.Reports;

/// <summary>report.html's proof-of-work section (forks, reorgs, miner shares) and its fault timeline.</summary>
public static partial class HtmlReport
{
    private static void Pow(StringBuilder b, RunFiles run)
    {
        var mined = run.Events.Where(e => Str(e["type"]) == "pow_block_mined").ToList();
        if (mined.Count == 0) return;
        var s = run.Summary;
        var pow = s["pow"] as JsonObject;
        var height = Long(pow?["height"]) ?? 0;
        var reorgs = run.Events.Where(e => Str(e["type"]) == "reorg").ToList();
        var orphans = Math.Max(0, mined.Count - height);
        b.Append("<h2 id=\"pow\">Proof of work: forks and orphans</h2>\n<table class=\"pow\">\n");
        Row(b, "blocks mined", mined.Count.ToString(Inv));
        Row(b, "canonical height", height.ToString(Inv));
        Row(b, "orphans (mined − height)", orphans.ToString(Inv));
        Row(b, "orphan rate", Svg.N(mined.Count == 0 ? 0 : 100.0 * orphans / mined.Count) + " %");
        Row(b, "reorgs (all nodes)", reorgs.Count.ToString(Inv));
        Row(b, "deepest reorg", reorgs.Count == 0 ? "—" : reorgs.Max(r => Long(r["depth"]) ?? 0).ToString(Inv));
        b.Append("</table>\n");
        var maxHeight = mined.Max(e => Long(e["height"]) ?? 0);
        var window = Math.Max(1, (long)Math.Ceiling(maxHeight / 40.0));
        var perHeight = mined.GroupBy(e => Long(e["height"]) ?? 0).ToDictionary(g => g.Key, g => g.Count());
        var heightOf = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (var m in mined) heightOf.TryAdd(Str(m["hash"]), Long(m["height"]) ?? 0);
        var reorgsAt = reorgs.Select(r => heightOf.GetValueOrDefault(Str(r["newHead"]))).Where(h => h > 0).ToList();
        var groups = new List<(string, IReadOnlyList<double>)>();
        for (var from = 1L; from <= maxHeight; from += window)
        {
            var to = Math.Min(maxHeight, from + window - 1);
            var competing = 0;
            for (var h = from; h <= to; h++) competing += Math.Max(0, perHeight.GetValueOrDefault(h) - 1);
            var reorgsIn = reorgsAt.Count(h => h >= from && h <= to);
            groups.Add((from == to ? from.ToString(Inv) : $"{from}-{to}", [competing, reorgsIn]));
        }

        b.Append(Svg.BarChart($"Forks per {window} heights: blocks mined beyond the first at a height, and reorgs (by the height of the new head)",
            "count", ["competing blocks", "reorgs"], groups));
        var miners = Objects(pow?["miners"]).ToList();
        if (miners.Count > 0)
        {
            b.Append(Svg.BarChart("Hashrate share against canonical-chain share per miner", "%", ["hashrate share", "canonical share"],
                [.. miners.Select(m => (Str(m["miner"]), (IReadOnlyList<double>)[100 * (Num(m["hashrateShare"]) ?? 0), 100 * (Num(m["canonicalShare"]) ?? 0)]))]));
        }
    }

    private static void Faults(StringBuilder b, RunFiles run)
    {
        b.Append("<h2 id=\"faults\">Fault timeline</h2>\n");
        var rows = new List<TimelineRow>();
        var open = new List<(string Spec, string Label, double From)>();
        var closed = new List<(string Label, double From, double? To)>();
        var slashed = new SortedDictionary<long, (string Name, double T)>();
        var crashes = new SortedDictionary<long, List<(double From, double? To)>>();
        var conflicts = new List<double>();
        double? merge = null;
        foreach (var e in run.Events)
        {
            var t = (Long(e["t"]) ?? 0) / 1000.0;
            var node = Long(e["node"]);
            switch (Str(e["type"]))
            {
                case "fault_injected" when node is null:
                    open.Add((Str(e["spec"]), FaultLabel(e), t));
                    break;
                case "fault_cleared" when node is null:
                    var i = open.FindIndex(o => o.Spec == Str(e["spec"]));
                    if (i >= 0)
                    {
                        closed.Add((open[i].Label, open[i].From, t));
                        open.RemoveAt(i);
                    }

                    break;
                case "validator_slashed":
                    var idx = Long(e["index"]) ?? -1;
                    if (!slashed.ContainsKey(idx)) slashed[idx] = (Str(e["name"]), t);
                    break;
                case "node_crashed" when node is { } n:
                    if (!crashes.TryGetValue(n, out var list)) crashes[n] = list = [];
                    list.Add((t, null));
                    break;
                case "node_restarted" when node is { } n && crashes.TryGetValue(n, out var l2) && l2.Count > 0 && l2[^1].To is null:
                    l2[^1] = (l2[^1].From, t);
                    break;
                case "conflicting_finality":
                    conflicts.Add(t);
                    break;
                case "merge" when merge is null && Str(run.Summary["consensus"]) == "merge":
                    merge = t;
                    break;
                default:
                    break;
            }
        }

        closed.AddRange(open.Select(o => (o.Label, o.From, (double?)null)));
        foreach (var (label, from, to) in closed.OrderBy(c => c.From).ThenBy(c => c.Label, StringComparer.Ordinal))
            rows.Add(new TimelineRow(label, [(from, to)], []));
        foreach (var (n, spans) in crashes) rows.Add(new TimelineRow($"node {n} down", spans, []));
        foreach (var (_, (name, t)) in slashed) rows.Add(new TimelineRow($"{name} slashed", [], [t]));
        if (conflicts.Count > 0) rows.Add(new TimelineRow("conflicting finality seen", [], conflicts));
        if (merge is { } m) rows.Add(new TimelineRow("the merge", [], [m]));
        if (rows.Count == 0)
        {
            b.Append("<p>No fault was injected, no node crashed and no validator was slashed.</p>\n");
        }
        else
        {
            b.Append(Svg.Timeline("Faults (bars: injected to cleared), crashes, slashings and conflicts (marks)", "virtual seconds", rows,
                Num(run.Summary["virtualSeconds"]) ?? 0));
        }

        var faults = Objects(run.Summary["faults"]).ToList();
        if (faults.Count == 0) return;
        b.Append("<table class=\"faults\"><tr><th>fault</th><th>at</th><th>until</th><th>duties bent</th><th>note</th></tr>\n");
        foreach (var f in faults)
        {
            b.Append(Inv, $"<tr><td>{Svg.Esc(Str(f["fault"]))}</td><td>{Svg.Esc(Str(f["at"]))}</td><td>{Svg.Esc(f["until"] is null ? "end" : Str(f["until"]))}</td><td>{Long(f["duties"])?.ToString(Inv) ?? ""}</td><td>{Svg.Esc(Str(f["note"]))}</td></tr>\n");
        }

        b.Append("</table>\n");
    }

    /// <summary>"double-vote validator=v5" from a run's fault_injected event: its kind and its spec's other keys.</summary>
    private static string FaultLabel(JsonObject e)
    {
        var kind = Str(e["kind"]);
        try
        {
            if (JsonNode.Parse(Str(e["spec"])) is JsonObject spec)
            {
                var rest = spec.Where(p => p.Key is not ("at" or "kind" or "until"))
                    .Select(p => p.Key + "=" + (p.Value is JsonValue v && v.TryGetValue<string>(out var sv) ? sv : p.Value?.ToJsonString()));
                return (kind + " " + string.Join(" ", rest)).Trim();
            }
        }
        catch (System.Text.Json.JsonException)
        {
            // A spec that is not JSON is shown as it is.
        }

        return (kind + " " + Str(e["spec"])).Trim();
    }
}
