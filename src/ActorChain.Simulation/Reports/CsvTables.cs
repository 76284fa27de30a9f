using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using static ActorChain.Simulation.Reports.RunFiles;

namespace ActorChain.Simulation.Reports;

/// <summary>
/// epochs.csv and validators.csv (docs/outputs.md): RFC 4180 (comma-separated, CRLF line ends, a field quoted when it
/// holds a comma, quote or line end, quotes doubled), a header row, built from a run's output folder alone.
/// </summary>
public static class CsvTables
{
    /// <summary>The columns of epochs.csv.</summary>
    public static readonly string[] EpochColumns =
        ["node", "epoch", "justifiedEpoch", "finalizedEpoch", "finalityLag", "targetStake", "totalActiveStake", "participation", "inLeak", "missing"];

    /// <summary>The columns of validators.csv.</summary>
    public static readonly string[] ValidatorColumns =
        ["index", "name", "nodes", "stake", "balance", "effectiveBalance", "status", "slashed", "faults"];

    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    /// <summary>Reads <paramref name="dir"/> and writes epochs.csv (PoS and merge runs) and validators.csv into it.</summary>
    public static void Write(string dir)
    {
        var run = RunFiles.Read(dir);
        var utf8 = new UTF8Encoding(false);
        if (!run.IsPow) File.WriteAllText(Path.Combine(dir, "epochs.csv"), Epochs(run), utf8);
        File.WriteAllText(Path.Combine(dir, "validators.csv"), Validators(run), utf8);
    }

    /// <summary>
    /// One row per node per epoch (by node, then epoch): the checkpoints after the transition, the lag, the stake that
    /// voted for the target of E−1 (the tally's when present), the leak, and the tally's missing count (empty without a tally).
    /// </summary>
    public static string Epochs(RunFiles run)
    {
        ArgumentNullException.ThrowIfNull(run);
        var b = new StringBuilder();
        Line(b, EpochColumns);
        foreach (var n in run.EpochNodes())
        {
            foreach (var e in run.EpochsOf(n))
            {
                var (target, total) = TargetStake(e);
                Line(b,
                [
                    n.ToString(Inv), I(e["epoch"]), I((e["currentJustified"] as JsonObject)?["epoch"]), I((e["finalized"] as JsonObject)?["epoch"]),
                    FinalityLag(e).ToString(Inv), target.ToString(Inv), total.ToString(Inv),
                    total == 0 ? "" : ((double)target / total).ToString("0.0000", Inv), Bool(e["inLeak"]) ? "true" : "false",
                    e["tally"] is JsonObject t && t["missing"] is JsonArray m ? m.Count.ToString(Inv) : "",
                ]);
            }
        }

        return b.ToString();
    }

    /// <summary>
    /// One row per validator of summary.json (by index): its hosting node(s) (<c>;</c>-separated), its stake at genesis
    /// (the first traced epoch's <c>effectiveBalanceBefore</c>; empty without the trace), final balances, status, and
    /// the kinds of the faults that named it (<c>;</c>-separated, scenario order).
    /// </summary>
    public static string Validators(RunFiles run)
    {
        ArgumentNullException.ThrowIfNull(run);
        var s = run.Summary;
        var epochs = Long(s["epochs"]) ?? 0;
        var first = run.Epochs.FirstOrDefault(e => e["validators"] is JsonArray);
        var last = run.Epochs.LastOrDefault(e => e["validators"] is JsonArray);
        var faults = Objects(s["faults"]).ToList();
        var b = new StringBuilder();
        Line(b, ValidatorColumns);
        foreach (var v in Objects(s["validators"]).OrderBy(v => Long(v["index"])))
        {
            var index = Long(v["index"]) ?? 0;
            var name = Str(v["name"]);
            var traced0 = first is null ? null : Objects(first["validators"]).FirstOrDefault(x => Long(x["index"]) == index);
            var tracedN = last is null ? null : Objects(last["validators"]).FirstOrDefault(x => Long(x["index"]) == index);
            var nodes = v["nodes"] is JsonArray a ? string.Join(";", a.Select(x => I(x))) : I(v["node"]);
            Line(b,
            [
                index.ToString(Inv), name, nodes, I(traced0?["effectiveBalanceBefore"]), I(v["balance"]), I(v["effectiveBalance"]),
                Status(v, tracedN, epochs), Bool(v["slashed"]) ? "true" : "false",
                string.Join(";", faults.Where(f => Str(f["validator"]) == name).Select(f => Str(f["kind"]))),
            ]);
        }

        return b.ToString();
    }

    /// <summary>
    /// <c>slashed</c>; <c>exited</c> (exit epoch reached by the end of the run); <c>exiting</c> (exit epoch later);
    /// <c>pending</c> (activation epoch after the end, when traced); else <c>active</c>.
    /// </summary>
    private static string Status(JsonObject v, JsonObject? traced, long epochs)
    {
        if (Bool(v["slashed"])) return "slashed";
        if (Long(v["exitEpoch"]) is { } exit) return exit <= epochs ? "exited" : "exiting";
        if (traced is not null && (traced["activationEpoch"] is null || Long(traced["activationEpoch"]) > epochs)) return "pending";
        return "active";
    }

    private static string I(JsonNode? n) => Long(n)?.ToString(Inv) ?? "";

    /// <summary>Appends one RFC 4180 record with its CRLF.</summary>
    public static void Line(StringBuilder b, IReadOnlyList<string> fields)
    {
        ArgumentNullException.ThrowIfNull(b);
        ArgumentNullException.ThrowIfNull(fields);
        for (var i = 0; i < fields.Count; i++)
        {
            if (i > 0) b.Append(',');
            b.Append(Field(fields[i]));
        }

        b.Append("\r\n");
    }

    /// <summary>One field, quoted when it holds a comma, a quote, CR or LF (quotes doubled).</summary>
    public static string Field(string? s)
    {
        s ??= "";
        return s.AsSpan().IndexOfAny(",\"\r\n") >= 0 ? "\"" + s.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : s;
    }
}
