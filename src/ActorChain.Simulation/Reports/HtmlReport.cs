using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using static ActorChain.Simulation.Reports.RunFiles;

namespace ActorChain.Simulation.Reports;

/// <summary>
/// report.html (docs/outputs.md): one self-contained page built from a run's output folder alone — inline CSS and
/// SVG, no script, no external asset, every text escaped, no wall-clock figure, so the same outputs give the same bytes.
/// </summary>
public static partial class HtmlReport
{
    /// <summary>The most validators the balance chart draws (by index); the others are in validators.csv.</summary>
    public const int MaxBalanceSeries = 10;

    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    /// <summary>Reads <paramref name="dir"/> and writes <c>report.html</c> into it; returns its path.</summary>
    public static string Write(string dir)
    {
        var path = Path.Combine(dir, "report.html");
        File.WriteAllText(path, Build(RunFiles.Read(dir)), new UTF8Encoding(false));
        return path;
    }

    /// <summary>The page for <paramref name="run"/>.</summary>
    public static string Build(RunFiles run)
    {
        ArgumentNullException.ThrowIfNull(run);
        var s = run.Summary;
        var b = new StringBuilder();
        var title = $"ActorChain report: {run.Scenario} (seed {Long(s["seed"])})";
        b.Append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n");
        b.Append(Inv, $"<title>{Svg.Esc(title)}</title>\n");
        b.Append("""
            <style>
            body{font-family:system-ui,sans-serif;margin:1.5em auto;max-width:1000px;color:#222}
            h1{font-size:1.5em}h2{font-size:1.2em;border-bottom:1px solid #ccc;margin-top:1.6em}
            table{border-collapse:collapse;margin:.5em 0}td,th{border:1px solid #ccc;padding:2px 6px;text-align:left;font-size:.9em}
            th{background:#f4f4f4}.pass{color:#1a7f37;font-weight:bold}.fail{color:#c0392b;font-weight:bold}
            .note{color:#555;font-style:italic}svg{display:block;margin:.6em 0}svg .t{font:bold 13px sans-serif}svg .s{font:11px sans-serif}
            code{font-size:.85em}
            </style>

            """);
        b.Append("</head>\n<body>\n");
        b.Append(Inv, $"<h1>{Svg.Esc(title)}</h1>\n");
        Overview(b, run);
        Expectations(b, run);
        Forensics(b, run);
        if (!run.IsPow && run.Epochs.Length > 0)
        {
            Finality(b, run);
            Tallies(b, run);
            Leak(b, run);
        }

        Balances(b, run);
        Pow(b, run);
        Faults(b, run);
        b.Append("<p class=\"note\">Built from summary.json, epochs.jsonl and events.jsonl of this folder by <code>actorchain report</code>; ");
        b.Append("fields are described in docs/outputs.md.</p>\n</body>\n</html>\n");
        return b.ToString();
    }

    private static void Overview(StringBuilder b, RunFiles run)
    {
        var s = run.Summary;
        b.Append("<table class=\"overview\">\n");
        Row(b, "scenario", Str(s["scenario"]));
        Row(b, "seed", Long(s["seed"])?.ToString(Inv) ?? "");
        Row(b, "consensus / preset", $"{Str(s["consensus"])} / {Str(s["preset"])}");
        if (!run.IsPow) Row(b, "epochs / slots", $"{Long(s["epochs"])} / {Long(s["slots"])}");
        Row(b, "nodes", Objects(s["nodes"]).Count().ToString(Inv));
        Row(b, "validators", Objects(s["validators"]).Count().ToString(Inv));
        Row(b, "virtual seconds", Svg.N(Num(s["virtualSeconds"]) ?? 0));
        Row(b, "result hash", Str(s["resultHash"]));
        Row(b, "tool version", Str(s["toolVersion"]));
        b.Append("</table>\n");
    }

    private static void Row(StringBuilder b, string k, string v) =>
        b.Append(Inv, $"<tr><th>{Svg.Esc(k)}</th><td>{Svg.Esc(v)}</td></tr>\n");

    private static void Expectations(StringBuilder b, RunFiles run)
    {
        var all = Objects(run.Summary["expectations"]).ToList();
        var passed = all.Count(e => Bool(e["passed"]));
        b.Append(Inv, $"<h2 id=\"expectations\">Expectations: {passed} of {all.Count} passed</h2>\n");
        if (all.Count == 0)
        {
            b.Append("<p class=\"note\">The scenario has no expect entries.</p>\n");
            return;
        }

        b.Append("<table class=\"expectations\"><tr><th>expect</th><th>outcome</th><th>detail</th></tr>\n");
        foreach (var e in all)
        {
            var ok = Bool(e["passed"]);
            b.Append(Inv, $"<tr><td><code>{Svg.Esc(Str(e["expect"]))}</code></td><td class=\"{(ok ? "pass" : "fail")}\">{(ok ? "passed" : "FAILED")}</td><td>{Svg.Esc(Str(e["detail"]))}</td></tr>\n");
        }

        b.Append("</table>\n");
    }

    private static void Forensics(StringBuilder b, RunFiles run)
    {
        if (run.Summary["forensics"] is not JsonObject f) return;
        b.Append("<h2 id=\"forensics\">Forensics: conflicting finality</h2>\n");
        var share = Num(f["stakeShare"]) ?? 0;
        var reaches = Bool(f["reachesOneThird"]);
        b.Append(Inv, $"<p>Validators with slashable evidence hold <b>{Gwei(Long(f["slashableStake"]))}</b> of <b>{Gwei(Long(f["totalStake"]))}</b> ETH staked ({Svg.N(share * 100)} %): ");
        b.Append(reaches
            ? "<span class=\"pass\">at least one third</span>, as accountable safety requires.</p>\n"
            : "<span class=\"fail\">less than one third</span>.</p>\n");
        b.Append("<table class=\"conflicts\"><tr><th>first checkpoint</th><th>finalized by</th><th>second checkpoint</th><th>finalized by</th></tr>\n");
        foreach (var c in Objects(f["conflicts"]))
        {
            var first = c["first"] as JsonObject;
            var second = c["second"] as JsonObject;
            b.Append(Inv, $"<tr><td>{Checkpoint(first)}</td><td>{Svg.Esc(Nodes(first?["nodes"]))}</td><td>{Checkpoint(second)}</td><td>{Svg.Esc(Nodes(second?["nodes"]))}</td></tr>\n");
        }

        b.Append("</table>\n<table class=\"slashable\"><tr><th>validator</th><th>index</th><th>stake (ETH)</th><th>evidence</th></tr>\n");
        foreach (var v in Objects(f["slashable"]))
        {
            var ev = string.Join("", Objects(v["evidence"]).Select(e =>
                $"<details><summary>{Svg.Esc(Str(e["kind"]))} {Svg.Esc(FoundBy(e["foundBy"]))}</summary><code>{Svg.Esc(e["first"]?.ToJsonString())}</code><br>vs<br><code>{Svg.Esc(e["second"]?.ToJsonString())}</code></details>"));
            b.Append(Inv, $"<tr><td>{Svg.Esc(Str(v["name"]))}</td><td>{Long(v["index"])}</td><td>{Gwei(Long(v["stake"]))}</td><td>{ev}</td></tr>\n");
        }

        b.Append("</table>\n");
    }

    private static string Checkpoint(JsonObject? c) =>
        c is null ? "" : $"epoch {Long(c["epoch"])} <code>{Svg.Esc(Short(Str(c["root"])))}</code>";

    private static string Nodes(JsonNode? n) => n is JsonArray a ? string.Join(", ", a.Select(x => Long(x)?.ToString(Inv) ?? "")) : "";

    private static string Short(string hex) => hex.Length > 10 ? hex[..10] : hex;

    private static string Gwei(long? g) => g is { } v ? Svg.N(v / 1e9) : "";

    /// <summary>Epoch ranges [E − 0.5, E + 0.5] where any node's transition was in the inactivity leak.</summary>
    private static List<(double From, double To)> LeakBands(RunFiles run) =>
        [.. run.Epochs.Where(e => Bool(e["inLeak"])).Select(e => Long(e["epoch"]) ?? 0).Distinct().Order()
            .Select(e => (e - 0.5, e + 0.5))];

    private static void Finality(StringBuilder b, RunFiles run)
    {
        b.Append("<h2 id=\"finality\">Finality</h2>\n");
        var nodes = run.EpochNodes();
        var lag = nodes.Select(n => new Series($"node {n}",
            [.. run.EpochsOf(n).Select(e => ((double)(Long(e["epoch"]) ?? 0), (double)FinalityLag(e)))])).ToList();
        var bands = LeakBands(run);
        b.Append(Svg.LineChart("Finality lag per epoch (head epoch − finalized epoch; grey: inactivity leak)", "epoch", "epochs",
            lag, bands, cssClass: "chart lag"));
        var part = nodes.Select(n => new Series($"node {n}",
            [.. run.EpochsOf(n).Where(e => (Long(e["epoch"]) ?? 0) >= 1).Select(e =>
            {
                var (target, total) = TargetStake(e);
                return ((double)((Long(e["epoch"]) ?? 0) - 1), total == 0 ? 0 : 100.0 * target / total);
            })])).ToList();
        b.Append(Svg.LineChart("Target participation per epoch (stake voting for the epoch's target, % of active stake)", "target epoch", "%",
            part, [.. bands.Select(x => (x.From - 1, x.To - 1))], [(200.0 / 3, "2/3")], 0, 100, "chart participation")); // x is the target epoch: E − 1 of the line
        b.Append("<p class=\"note\">Lag at the end of epoch E is E − the node's finalized epoch after that transition. Participation of epoch E − 1 is ");
        b.Append("read at the end of epoch E (its votes can no longer be included then): the tally's targetStake / totalActiveStake, else ");
        b.Append("previousTargetBalance / totalActiveBalance.</p>\n");
    }

    private static void Tallies(StringBuilder b, RunFiles run)
    {
        if (!run.Epochs.Any(e => e["tally"] is JsonObject)) return;
        b.Append("<h2 id=\"tallies\">Checkpoint tallies</h2>\n<p class=\"note\">Each line weighs the checkpoint of the previous epoch at the end of an epoch: the stake that voted for it against the 2/3 needed, and every validator whose target vote did not count, with the reason.</p>\n");
        var first = true;
        foreach (var n in run.EpochNodes())
        {
            b.Append(Inv, $"<details{(first ? " open" : "")}><summary>node {n}</summary>\n");
            first = false;
            b.Append("<table class=\"tally\"><tr><th>checkpoint epoch</th><th>root</th><th>target stake (ETH)</th><th>needed</th><th>total</th><th>justified</th><th>missing</th></tr>\n");
            foreach (var e in run.EpochsOf(n))
            {
                if (e["tally"] is not JsonObject t) continue;
                var ok = Bool(t["justified"]);
                var missing = Objects(t["missing"]).GroupBy(m => Str(m["reason"])).OrderBy(g => g.Key, StringComparer.Ordinal)
                    .Select(g =>
                    {
                        var names = g.Select(m => Str(m["name"])).ToList();
                        var shown = string.Join(", ", names.Take(12)) + (names.Count > 12 ? $" +{names.Count - 12} more" : "");
                        return $"{Svg.Esc(g.Key)} ({names.Count}): {Svg.Esc(shown)}";
                    });
                b.Append(Inv, $"<tr><td>{Long(t["epoch"])}</td><td><code>{Svg.Esc(Short(Str(t["root"])))}</code></td><td>{Gwei(Long(t["targetStake"]))}</td><td>{Gwei(Long(t["needed"]))}</td><td>{Gwei(Long(t["totalActiveStake"]))}</td><td class=\"{(ok ? "pass" : "fail")}\">{(ok ? "yes" : "no")}</td><td>{string.Join("<br>", missing)}</td></tr>\n");
            }

            b.Append("</table>\n</details>\n");
        }
    }

    private static void Leak(StringBuilder b, RunFiles run)
    {
        b.Append("<h2 id=\"leak\">Inactivity leak</h2>\n");
        var bands = LeakBands(run);
        if (bands.Count == 0)
        {
            b.Append("<p>No epoch transition of any node was in the inactivity leak.</p>\n");
            return;
        }

        b.Append("<table class=\"leak\"><tr><th>node</th><th>epochs in the leak</th></tr>\n");
        foreach (var n in run.EpochNodes())
        {
            var leak = run.EpochsOf(n).Where(e => Bool(e["inLeak"])).Select(e => Long(e["epoch"]) ?? 0).ToList();
            b.Append(Inv, $"<tr><td>{n}</td><td>{Svg.Esc(Ranges(leak))}</td></tr>\n");
        }

        b.Append("</table>\n");
        var total = run.EpochNodes().Select(n => new Series($"node {n}",
            [.. run.EpochsOf(n).Select(e => ((double)(Long(e["epoch"]) ?? 0), (Long(e["totalActiveBalance"]) ?? 0) / 1e9))])).ToList();
        var (lo, hi) = Fit(total);
        b.Append(Svg.LineChart("Total active balance per epoch (grey: inactivity leak)", "epoch", "ETH", total, bands, yMin: lo, yMax: hi, cssClass: "chart leak"));
        b.Append("<p class=\"note\">While a node's chain has not finalized for more than MIN_EPOCHS_TO_INACTIVITY_PENALTY epochs, validators that miss the target lose balance at a rate growing with their inactivity score; the balances of the faulty validators below show it.</p>\n");
    }

    /// <summary>"3–7, 9" for [3, 4, 5, 6, 7, 9].</summary>
    private static string Ranges(IReadOnlyList<long> xs)
    {
        var parts = new List<string>();
        for (var i = 0; i < xs.Count;)
        {
            var j = i;
            while (j + 1 < xs.Count && xs[j + 1] == xs[j] + 1) j++;
            parts.Add(i == j ? xs[i].ToString(Inv) : $"{xs[i]}–{xs[j]}");
            i = j + 1;
        }

        return string.Join(", ", parts);
    }

    /// <summary>The validators that had a fault, were slashed, or hold slashable evidence, by index.</summary>
    public static IReadOnlyList<(long Index, string Name)> Watched(RunFiles run)
    {
        ArgumentNullException.ThrowIfNull(run);
        var s = run.Summary;
        var names = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var f in Objects(s["faults"])) if (Str(f["validator"]) is { Length: > 0 } v) names.Add(v);
        foreach (var x in Objects(s["slashings"])) names.Add(Str(x["name"]));
        if (s["forensics"] is JsonObject fo) foreach (var x in Objects(fo["slashable"])) names.Add(Str(x["name"]));
        return [.. Objects(s["validators"]).Where(v => names.Contains(Str(v["name"])))
            .Select(v => (Long(v["index"]) ?? 0, Str(v["name"]))).OrderBy(v => v.Item1)];
    }

    private static void Balances(StringBuilder b, RunFiles run)
    {
        if (run.IsPow) return;
        var s = run.Summary;
        var watched = Watched(run);
        b.Append("<h2 id=\"balances\">Faulty and slashed validators</h2>\n");
        if (watched.Count == 0)
        {
            b.Append("<p>No validator had a fault or was slashed.</p>\n");
        }
        else if (run.Traced)
        {
            var node = run.EpochNodes()[0];
            var lines = run.EpochsOf(node);
            var series = new List<Series>();
            var slashedNames = Objects(s["slashings"]).Select(x => Str(x["name"])).ToHashSet(StringComparer.Ordinal);
            foreach (var (index, name) in watched.OrderBy(w => slashedNames.Contains(w.Name) ? 0 : 1).ThenBy(w => w.Index).Take(MaxBalanceSeries))
            {
                series.Add(new Series(name, [.. lines.Select(e => (Epoch: Long(e["epoch"]) ?? 0, V: Validator(e, index)))
                    .Where(x => x.V is not null).Select(x => ((double)x.Epoch, (Long(x.V!["balance"]) ?? 0) / 1e9))]));
            }

            var watchedIdx = watched.Select(w => w.Index).ToHashSet();
            if (Objects(s["validators"]).Any(v => !watchedIdx.Contains(Long(v["index"]) ?? -1)))
            {
                series.Add(new Series("others (median)", [.. lines.Select(e => ((double)(Long(e["epoch"]) ?? 0),
                    Median([.. Objects(e["validators"]).Where(v => !watchedIdx.Contains(Long(v["index"]) ?? -1)).Select(v => (Long(v["balance"]) ?? 0) / 1e9)])))], Dashed: true));
            }

            var (lo, hi) = Fit(series);
            b.Append(Svg.LineChart($"Balances at the end of each epoch, node {node}'s chain (grey: inactivity leak)", "epoch", "ETH",
                series, LeakBands(run), yMin: lo, yMax: hi, cssClass: "chart balances"));
            if (watched.Count > MaxBalanceSeries)
                b.Append(Inv, $"<p class=\"note\">{MaxBalanceSeries} of {watched.Count}: the slashed first, then by index; validators.csv (--csv) has them all.</p>\n");
        }
        else
        {
            b.Append("<p class=\"note\">epochs.jsonl has no per-validator trace (simulate --trace; --report and --csv turn it on), so balances over epochs are not known: the table shows the final balances of summary.json.</p>\n");
        }

        if (watched.Count > 0)
        {
            b.Append("<table class=\"validators\"><tr><th>validator</th><th>faults</th><th>final balance (ETH)</th><th>effective</th><th>slashed</th><th>exit epoch</th></tr>\n");
            var faults = Objects(s["faults"]).ToList();
            foreach (var (index, name) in watched)
            {
                var v = Objects(s["validators"]).First(x => Long(x["index"]) == index);
                var fs = string.Join("; ", faults.Where(f => Str(f["validator"]) == name).Select(f => $"{Str(f["kind"])} from {Str(f["at"])}{(f["until"] is null ? "" : " until " + Str(f["until"]))}"));
                b.Append(Inv, $"<tr><td>{Svg.Esc(name)}</td><td>{Svg.Esc(fs)}</td><td>{Gwei(Long(v["balance"]))}</td><td>{Gwei(Long(v["effectiveBalance"]))}</td><td>{(Bool(v["slashed"]) ? "yes" : "no")}</td><td>{Long(v["exitEpoch"])?.ToString(Inv) ?? "—"}</td></tr>\n");
            }

            b.Append("</table>\n");
        }

        var slashings = Objects(s["slashings"]).ToList();
        if (slashings.Count == 0) return;
        b.Append("<h3>Slashings</h3>\n<table class=\"slashings\"><tr><th>validator</th><th>kind</th><th>offence epoch</th><th>detected at slot</th><th>included at slot</th><th>first found by node</th><th>latency (s)</th></tr>\n");
        var latency = SlashingLatency.Of(run).ToDictionary(l => l.Index, l => l.Seconds);
        foreach (var x in slashings)
        {
            var idx = Long(x["index"]) ?? -1;
            b.Append(Inv, $"<tr><td>{Svg.Esc(Str(x["name"]))}</td><td>{Svg.Esc(Str(x["kind"]))}</td><td>{Long(x["epoch"])}</td><td>{Long(x["detectedAtSlot"])}</td><td>{Long(x["includedAtSlot"])}</td><td>{Long(x["node"])}</td><td>{(latency.TryGetValue(idx, out var l) ? Svg.N(l) : "")}</td></tr>\n");
        }

        b.Append("</table>\n<p class=\"note\">Latency: virtual seconds from the fault naming the validator was injected (else from its first evidence_found) to its first validator_slashed event on any node.</p>\n");
    }

    /// <summary>A y range around the series' values with a 10 % margin (at least 0.05) each side.</summary>
    private static (double Lo, double Hi) Fit(IEnumerable<Series> series)
    {
        var ys = series.SelectMany(x => x.Points).Select(p => p.Y).DefaultIfEmpty(0).ToList();
        var (lo, hi) = (ys.Min(), ys.Max());
        var margin = Math.Max(0.05, (hi - lo) * 0.1);
        return (lo - margin, hi + margin);
    }

    private static JsonObject? Validator(JsonObject line, long index) =>
        Objects(line["validators"]).FirstOrDefault(v => Long(v["index"]) == index);

    private static double Median(IReadOnlyList<double> xs)
    {
        if (xs.Count == 0) return 0;
        var sorted = xs.Order().ToList();
        return sorted[(sorted.Count - 1) / 2];
    }

    /// <summary>Who found a piece of evidence, in words: the nodes' slashers, or only the cross-check of the two chains.</summary>
    private static string FoundBy(JsonNode? nodes) =>
        nodes is JsonArray { Count: > 0 } ? "found by nodes " + Nodes(nodes) : "found by the cross-check of both chains' votes";
}
