using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace ActorChain.Cli.Commands;

/// <summary>The tables of <c>status</c>: the members, and once in PoS the validators; columns padded to their widest cell.</summary>
public static class StatusTable
{
    /// <summary>
    /// One row per member; with <paramref name="pos"/> its head's slot and the epochs of its justified and finalized
    /// checkpoints, else its height, mempool and reorgs.
    /// </summary>
    public static string Members(JsonArray members, bool pos)
    {
        ArgumentNullException.ThrowIfNull(members);
        List<string[]> rows =
        [
            pos
                ? ["NODE", "ADDRESS", "MEMBER", "HTTP", "SLOT", "HEAD", "JUSTIFIED", "FINALIZED", "PEERS", "MEMPOOL"]
                : ["NODE", "ADDRESS", "MEMBER", "HTTP", "HEIGHT", "HEAD", "PEERS", "MEMPOOL", "REORGS"],
        ];
        foreach (var m in members)
        {
            var head = ClientCommand.Text(m, "headHash");
            var shortHead = head.Length > 12 ? head[..12] : head;
            rows.Add(pos
                ? [T(m, "node"), T(m, "address"), T(m, "member"), T(m, "httpPort"), PosSlot(m), shortHead, Epoch(m?["justified"]),
                    Epoch(m?["finalized"]), Peers(m?["peers"]), T(m, "mempool")]
                : [T(m, "node"), T(m, "address"), T(m, "member"), T(m, "httpPort"), T(m, "headHeight"), shortHead, Peers(m?["peers"]),
                    T(m, "mempool"), T(m, "reorgs")]);
        }

        return Render(rows);
    }

    /// <summary>
    /// One row per validator: name, index, host, status, balance, effective balance, last attestation (slot/target), last
    /// proposal and fault; above <paramref name="allUpTo"/>, only those not active or with a fault, and a line saying how
    /// many more there are.
    /// </summary>
    public static string Validators(JsonArray validators, int allUpTo)
    {
        ArgumentNullException.ThrowIfNull(validators);
        var all = validators.Count <= allUpTo;
        List<string[]> rows = [["VALIDATOR", "INDEX", "NODE", "STATUS", "BALANCE", "EFFECTIVE", "ATTESTED", "PROPOSED", "FAULT"]];
        var hidden = 0;
        foreach (var v in validators)
        {
            if (!all && T(v, "status") == "active" && T(v, "fault") == "-")
            {
                hidden++;
                continue;
            }

            var attested = T(v, "lastAttestationSlot") == "-" ? "-" : T(v, "lastAttestationSlot") + "/" + T(v, "lastAttestationTarget");
            rows.Add([T(v, "name"), T(v, "index"), T(v, "node"), T(v, "status"), T(v, "balance"), T(v, "effectiveBalance"), attested,
                T(v, "lastProposalSlot"), T(v, "fault")]);
        }

        var table = Render(rows);
        return hidden > 0 ? table + $"… and {hidden} more validators, active and without a fault (status --json lists them all)\n" : table;
    }

    private static string T(JsonNode? n, string field) => ClientCommand.Text(n, field);

    // The PoS slot when the node reports one, else its height.
    private static string PosSlot(JsonNode? m) => T(m, "slot") is var s && s != "-" ? s : T(m, "headHeight");

    // A checkpoint's epoch: {"epoch": E, "root": ...} or a bare number.
    private static string Epoch(JsonNode? checkpoint) => checkpoint switch
    {
        JsonObject o => T(o, "epoch"),
        JsonValue v when v.GetValueKind() == JsonValueKind.Number => v.ToJsonString(),
        _ => "-",
    };

    private static string Peers(JsonNode? peers) => peers is JsonArray a
        ? a.Count == 0 ? "none" : string.Join(',', a.Select(p => p is JsonValue v && v.GetValueKind() == JsonValueKind.String ? v.GetValue<string>() : p?.ToJsonString()))
        : "-";

    private static string Render(List<string[]> rows)
    {
        var widths = new int[rows[0].Length];
        foreach (var r in rows)
        {
            for (var i = 0; i < r.Length; i++) widths[i] = Math.Max(widths[i], r[i].Length);
        }

        var text = new StringBuilder();
        foreach (var r in rows)
        {
            var line = new StringBuilder();
            for (var i = 0; i < r.Length; i++) line.Append(i == r.Length - 1 ? r[i] : r[i].PadRight(widths[i] + 2));
            text.Append(line.ToString().TrimEnd()).Append('\n');
        }

        return text.ToString();
    }
}
