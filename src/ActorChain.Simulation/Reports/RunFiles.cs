using System.Collections.Immutable;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace ActorChain.Simulation.Reports;

/// <summary>
/// The outputs of one <c>simulate</c> run, read back from its folder alone (summary.json, epochs.jsonl, events.jsonl):
/// the summary, every epochs.jsonl line, and only the events a report or an aggregate looks at.
/// </summary>
public sealed class RunFiles
{
    /// <summary>The event types read from events.jsonl; the others are skipped without being parsed.</summary>
    public static readonly ImmutableArray<string> EventTypes =
    [
        "fault_injected", "fault_cleared", "evidence_found", "validator_slashed", "pow_block_mined", "reorg", "partition", "heal",
        "node_crashed", "node_restarted", "conflicting_finality", "merge",
    ];

    private RunFiles(string dir, JsonObject summary, ImmutableArray<JsonObject> epochs, ImmutableArray<JsonObject> events)
    {
        Dir = dir;
        Summary = summary;
        Epochs = epochs;
        Events = events;
    }

    /// <summary>The folder read.</summary>
    public string Dir { get; }

    /// <summary>summary.json.</summary>
    public JsonObject Summary { get; }

    /// <summary>Every line of epochs.jsonl in file order (empty for pow runs, which write none); only the lowest node's lines keep <c>validators</c>.</summary>
    public ImmutableArray<JsonObject> Epochs { get; }

    /// <summary>The lines of events.jsonl whose type is one of <see cref="EventTypes"/>, in file order.</summary>
    public ImmutableArray<JsonObject> Events { get; }

    /// <summary>The scenario's name.</summary>
    public string Scenario => Str(Summary["scenario"]);

    /// <summary>True for a <c>pow</c> run.</summary>
    public bool IsPow => Str(Summary["consensus"]) == "pow";

    /// <summary>True when epochs.jsonl carries per-validator detail (<c>--trace</c>).</summary>
    public bool Traced => Epochs.Any(e => e["validators"] is JsonArray);

    /// <summary>
    /// Reads <paramref name="dir"/>; <see cref="FileNotFoundException"/> or <see cref="DirectoryNotFoundException"/>
    /// when summary.json is missing, <see cref="InvalidDataException"/> when a file is not what <c>simulate</c> writes.
    /// </summary>
    public static RunFiles Read(string dir)
    {
        var summaryPath = Path.Combine(dir, "summary.json");
        JsonObject summary;
        try
        {
            summary = JsonNode.Parse(File.ReadAllText(summaryPath)) as JsonObject
                ?? throw new InvalidDataException($"{summaryPath}: not a JSON object");
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"{summaryPath}: not JSON ({e.Message})", e);
        }

        var epochs = ImmutableArray.CreateBuilder<JsonObject>();
        var epochsPath = Path.Combine(dir, "epochs.jsonl");
        if (File.Exists(epochsPath))
        {
            // The per-validator trace is kept for the lowest node only (the one the report and the tables read): a traced
            // run of many validators and nodes would otherwise be held whole in memory.
            long? lowest = null;
            foreach (var line in Lines(epochsPath, _ => true))
            {
                var node = Long(line["node"]) ?? 0;
                if (lowest is null || node < lowest)
                {
                    foreach (var e in epochs) e.Remove("validators");
                    lowest = node;
                }

                if (node != lowest) line.Remove("validators");
                epochs.Add(line);
            }
        }

        var events = ImmutableArray.CreateBuilder<JsonObject>();
        var eventsPath = Path.Combine(dir, "events.jsonl");
        if (File.Exists(eventsPath))
        {
            foreach (var e in Lines(eventsPath, Wanted))
            {
                if (EventTypes.Contains(Str(e["type"]))) events.Add(e);
            }
        }

        return new RunFiles(dir, summary, epochs.ToImmutable(), events.ToImmutable());
    }

    private static bool Wanted(string line)
    {
        foreach (var t in EventTypes)
        {
            if (line.Contains("\"type\":\"" + t + "\"", StringComparison.Ordinal)) return true;
        }

        return false;
    }

    private static IEnumerable<JsonObject> Lines(string path, Func<string, bool> filter)
    {
        var n = 0;
        foreach (var line in File.ReadLines(path))
        {
            n++;
            if (line.Length == 0 || !filter(line)) continue;
            JsonObject? o;
            try
            {
                o = JsonNode.Parse(line) as JsonObject;
            }
            catch (JsonException e)
            {
                throw new InvalidDataException($"{path}:{n}: not JSON ({e.Message})", e);
            }

            yield return o ?? throw new InvalidDataException($"{path}:{n}: not a JSON object");
        }
    }

    /// <summary>A string value, or "" when absent or not a string.</summary>
    public static string Str(JsonNode? n) => n is JsonValue v && v.TryGetValue<string>(out var s) ? s : "";

    /// <summary>An integer value (long), or null when absent, null or not an integer.</summary>
    public static long? Long(JsonNode? n)
    {
        if (n is not JsonValue v) return null;
        if (v.TryGetValue<long>(out var l)) return l;
        if (v.TryGetValue<ulong>(out var u)) return u > long.MaxValue ? long.MaxValue : (long)u;
        if (v.TryGetValue<double>(out var d)) return (long)d;
        return null;
    }

    /// <summary>A number value, or null.</summary>
    public static double? Num(JsonNode? n) =>
        n is JsonValue v && v.TryGetValue<double>(out var d) ? d : Long(n);

    /// <summary>A boolean value, or false.</summary>
    public static bool Bool(JsonNode? n) => n is JsonValue v && v.TryGetValue<bool>(out var b) && b;

    /// <summary>The objects of an array value (none when absent).</summary>
    public static IEnumerable<JsonObject> Objects(JsonNode? n) =>
        n is JsonArray a ? a.OfType<JsonObject>() : [];

    /// <summary>The nodes that have epochs.jsonl lines, ascending.</summary>
    public ImmutableArray<int> EpochNodes() => [.. Epochs.Select(e => (int)(Long(e["node"]) ?? 0)).Distinct().Order()];

    /// <summary>The epochs.jsonl lines of <paramref name="node"/>, one per epoch (the last line of an epoch wins after a restart), by epoch.</summary>
    public ImmutableArray<JsonObject> EpochsOf(int node)
    {
        var byEpoch = new SortedDictionary<long, JsonObject>();
        foreach (var e in Epochs)
        {
            if ((Long(e["node"]) ?? 0) == node) byEpoch[Long(e["epoch"]) ?? 0] = e;
        }

        return [.. byEpoch.Values];
    }

    /// <summary><c>epoch − finalized.epoch</c> of an epochs.jsonl line: the finality lag at the end of that epoch.</summary>
    public static long FinalityLag(JsonObject line) =>
        (Long(line["epoch"]) ?? 0) - (Long((line["finalized"] as JsonObject)?["epoch"]) ?? 0);

    /// <summary>
    /// The target stake and total of the checkpoint weighed at the end of the line's epoch (that of E−1): the
    /// <c>tally</c>'s <c>targetStake</c>/<c>totalActiveStake</c> when the line has one, else <c>previousTargetBalance</c>/<c>totalActiveBalance</c>.
    /// </summary>
    public static (long Target, long Total) TargetStake(JsonObject line) => line["tally"] is JsonObject t
        ? (Long(t["targetStake"]) ?? 0, Long(t["totalActiveStake"]) ?? 0)
        : (Long(line["previousTargetBalance"]) ?? 0, Long(line["totalActiveBalance"]) ?? 0);
}
