using System.Globalization;
using System.Text;
using System.Text.Json;
using ActorChain.Core;
using ActorChain.Node.Events;

namespace ActorChain.Simulation.Live;

/// <summary>The recent-events pane's text of one event: a short sentence for the consensus events, <c>key=value</c> for the rest.</summary>
public static class EventText
{
    /// <summary>One short line for <paramref name="e"/>.</summary>
    public static string Describe(NodeEvent e)
    {
        ArgumentNullException.ThrowIfNull(e);
        return e.Type switch
        {
            "justified" => $"epoch {e["epoch"]} justified ({Short(e["root"])}, {Coins(e["stake"])} of {Coins(e["totalActiveBalance"])} coins voted)",
            "finalized" => $"epoch {e["epoch"]} finalized ({Short(e["root"])})",
            "abandoned" => $"epoch {e["epoch"]} abandoned ({Short(e["root"])}): {e["reason"]}: {e["detail"]}",
            "merge" when e["terminalHeight"] is 0UL or 0L or 0 => $"proof of stake starts from the genesis block with {e["validators"]} validators",
            "merge" => $"the merge: PoW block {e["terminalHeight"]} ({Short(e["terminalHash"])}) is terminal; proof of stake with {e["validators"]} validators",
            "pow_orphaned_at_merge" => $"{e["count"]} PoW block(s) past the terminal block orphaned",
            "reorg" => $"reorg depth {e["depth"]}: {Short(e["oldHead"])} -> {Short(e["newHead"])}",
            "evidence_found" => $"evidence: {e["kind"]} by {e["name"]} (epoch {e["epoch"]}, via {e["via"]})",
            "evidence_rejected" => $"evidence rejected against #{e["index"]}: {e["reason"]}",
            "validator_slashed" => $"{e["name"]} slashed for {e["kind"]}: -{e["penaltyCoins"]} coins, {e["whistleblowerName"]} rewarded",
            "correlation_penalty" => $"{e["name"]} correlation penalty -{e["amountCoins"]} coins",
            "validator_exited" => $"{e["name"]} exits at epoch {e["exitEpoch"]}{(e["slashed"] is true ? " (slashed)" : "")}",
            "conflicting_finality" => $"CONFLICTING FINALITY: {Point(e["first"])} vs {Point(e["second"])}",
            "fault_injected" => $"fault {e["kind"]} injected{Spec(e["spec"])}",
            "fault_cleared" => $"fault {e["kind"]} cleared{Spec(e["spec"])}",
            _ => e.Type.Replace('_', ' ') + " " + Fields(e),
        };
    }

    /// <summary>
    /// The key under which the same event from several nodes is one line (a checkpoint's fate, the merge, a slashing),
    /// or null for an event that stays per node (a reorg, a crash).
    /// </summary>
    public static string? CoalesceKey(NodeEvent e, string text)
    {
        ArgumentNullException.ThrowIfNull(e);
        return e.Type switch
        {
            "justified" or "finalized" or "abandoned" => $"{e.Type} {e["epoch"]} {e["root"]}",
            "evidence_found" => $"{e.Type} {e["name"]} {e["kind"]} {e["epoch"]}",
            "merge" or "validator_slashed" or "correlation_penalty" or "validator_exited" => text,
            "pow_orphaned_at_merge" => e.Type,
            _ => null,
        };
    }

    /// <summary>A fault's scenario entry (JSON) without its kind: <c>: validator=v1, until=second 2</c>.</summary>
    private static string Spec(object? json)
    {
        if (json is not string text) return "";
        try
        {
            using var doc = JsonDocument.Parse(text);
            if (doc.RootElement.ValueKind != JsonValueKind.Object) return ": " + text;
            var parts = doc.RootElement.EnumerateObject().Where(p => p.Name != "kind")
                .Select(p => p.Name + "=" + (p.Value.ValueKind == JsonValueKind.String ? p.Value.GetString() : p.Value.GetRawText()));
            return ": " + string.Join(", ", parts);
        }
        catch (JsonException)
        {
            return ": " + text;
        }
    }

    /// <summary>A <c>conflicting_finality</c> checkpoint: <c>epoch 3 (28ce2523) on node 1</c>.</summary>
    private static string Point(object? checkpoint)
    {
        if (checkpoint is not IEnumerable<KeyValuePair<string, object?>> fields) return "?";
        var d = fields.ToDictionary(f => f.Key, f => f.Value, StringComparer.Ordinal);
        var nodes = d.GetValueOrDefault("nodes") is System.Collections.IEnumerable list and not string
            ? string.Join(", ", list.Cast<object?>().Select(n => Convert.ToString(n, CultureInfo.InvariantCulture)))
            : "?";
        return $"epoch {d.GetValueOrDefault("epoch")} ({Short(d.GetValueOrDefault("root"))}) on node(s) {nodes}";
    }

    private static string Coins(object? gwei) => gwei is null ? "?" : Units.FormatCoins(Convert.ToUInt64(gwei, CultureInfo.InvariantCulture));

    private static string Short(object? hex) => hex is string s && s.Length > 8 ? s[..8] : hex?.ToString() ?? "?";

    private static string Fields(NodeEvent e)
    {
        var b = new StringBuilder();
        foreach (var (k, v) in e.Fields)
        {
            var s = Convert.ToString(v, CultureInfo.InvariantCulture) ?? "null";
            b.Append(k).Append('=').Append(s.Length > 16 ? s[..8] : s).Append(' ');
        }

        return b.ToString().TrimEnd();
    }
}
