using System.Text.Json.Nodes;
using ActorChain.Cluster.Hosting;
using ActorChain.Core;
using ActorChain.Core.Pos;
using ActorChain.Core.Pos.Model;
using ActorChain.Node;
using ActorChain.Node.Chain;
using ActorChain.Node.Validators;
using Akka.Actor;

namespace ActorChain.Cluster.Http;

/// <summary>
/// <c>GET /api/validators</c>: every validator of this node's head state (CONSENSUS.md §5.3), with the node hosting it
/// (from the cluster view) and its last duties as that node recorded them (each member is asked for its own with
/// <c>?hosted=true</c>; a silent one leaves them null). Fields: <c>node, consensus, slot, epoch</c> and per validator
/// <c>index, name, node, status, slashed, balance, balanceGwei, effectiveBalance, effectiveBalanceGwei,
/// activationEpoch, exitEpoch, withdrawableEpoch, lastAttestationSlot, lastAttestationTarget, lastProposalSlot,
/// attestations, proposals, fault</c>. Before the merge they are the PoW registry's, all <c>pending</c>. The nodes of the
/// same process (<c>run</c>, <paramref name="nodes"/>) are asked for their duties in process.
/// </summary>
public sealed class ValidatorsView(INodeBackend backend, PeerClient peers, INodeDirectory? nodes = null)
{
    /// <summary>How long a member has to report its validators' duties.</summary>
    public static readonly TimeSpan DutiesTimeout = TimeSpan.FromSeconds(2);

    private static readonly string[] DutyFields =
        ["lastAttestationSlot", "lastAttestationTarget", "lastProposalSlot", "attestations", "proposals", "fault"];

    /// <summary>The answer; <paramref name="hostedOnly"/>: only the validators this node hosts, other members not asked.</summary>
    public async Task<JsonObject> RenderAsync(bool hostedOnly, TimeSpan timeout, CancellationToken ct)
    {
        var g = backend.Guardian;
        var status = await g.Ask<NodeStatus>(r => new NodeGuardian.GetStatus(r), timeout, ct);
        var parts = await g.Ask<NodeGuardian.Parts>(r => new NodeGuardian.GetParts(r), timeout, ct);
        var mine = await g.Ask<DutyReport>(r => new NodeGuardian.GetDuties(r), timeout, ct);
        var hosts = Hosts();
        var asked = hostedOnly ? [] : backend.Cluster.Members()
            .Where(m => !m.IsSelf && m.NodeId != backend.NodeId && !m.Hosted.IsEmpty && ClusterStatus.Asked.Contains(m.Status))
            .ToList();
        var here = asked.Where(m => m.NodeId is { } id && nodes is not null && nodes.Nodes.Contains(id)).ToList();
        var others = Task.WhenAll(asked.Except(here)
            .Select(m => peers.SendAsync(HttpMethod.Get, m, "/api/validators?hosted=true", null, DutiesTimeout, ct)));
        var local = Task.WhenAll(here.Select(m => LocalDutiesAsync(m.NodeId!.Value, ct)));
        var names = backend.Settings.Validators;
        var rows = new JsonArray();
        ulong? slot = null, epoch = null;
        string consensus;
        if (status.Slot is not null)
        {
            consensus = "pos";
            var pos = await parts.Chain.Ask<ChainActor.PosStatus>(r => new ChainActor.GetPosStatus(r), timeout, ct);
            var config = backend.Settings.Consensus.Config;
            var st = pos.HeadState;
            slot = pos.CurrentSlot;
            epoch = config.EpochOf(pos.CurrentSlot);
            var balances = st.Balances.ToArray();
            for (var i = 0; i < st.ValidatorCount; i++)
            {
                var v = st.Validators[i];
                var row = Row(i, i < names.Length ? names[i].Name : null, hosts);
                row["status"] = ValidatorStatuses.Of(v, epoch.Value, config).Label();
                row["slashed"] = v.Slashed;
                Balances(row, balances[i], v.EffectiveBalance);
                row["activationEpoch"] = EpochOrNull(v.ActivationEpoch);
                row["exitEpoch"] = EpochOrNull(v.ExitEpoch);
                row["withdrawableEpoch"] = EpochOrNull(v.WithdrawableEpoch);
                rows.Add(row);
            }
        }
        else
        {
            consensus = "pow";
            var head = await parts.Chain.Ask<ChainActor.HeadInfo>(r => new ChainActor.GetHead(r), timeout, ct);
            var registry = head.Current.Next.State.Registry;
            for (var i = 0; i < registry.Length; i++)
            {
                var row = Row(i, i < names.Length ? names[i].Name : null, hosts);
                row["status"] = ValidatorStatus.Pending.Label();
                row["slashed"] = false;
                Balances(row, registry[i].Stake, registry[i].Stake);
                row["activationEpoch"] = null;
                row["exitEpoch"] = null;
                row["withdrawableEpoch"] = null;
                rows.Add(row);
            }
        }
        var duties = new Dictionary<string, JsonObject>(StringComparer.Ordinal);
        AddDuties(duties, mine);
        foreach (var report in await local)
            if (report is not null)
                AddDuties(duties, report);
        foreach (var reply in await others)
            if (reply.Body?["validators"] is JsonArray theirs)
                foreach (var r in theirs.OfType<JsonObject>())
                    if (r["name"] is JsonValue n && n.TryGetValue<string>(out var name))
                        duties.TryAdd(name, new JsonObject(DutyFields.Select(f => KeyValuePair.Create(f, r[f]?.DeepClone()))));
        var kept = new JsonArray();
        foreach (var row in rows.OfType<JsonObject>().ToList())
        {
            rows.Remove(row);
            var name = row["name"]?.GetValue<string>();
            if (hostedOnly && (name is null || !backend.Hosted.Contains(name)))
                continue;
            var d = name is not null && duties.TryGetValue(name, out var found) ? found : null;
            foreach (var f in DutyFields)
                row[f] = d?[f]?.DeepClone();
            kept.Add(row);
        }
        return new JsonObject
        {
            ["node"] = status.Node,
            ["consensus"] = consensus,
            ["slot"] = slot,
            ["epoch"] = epoch,
            ["validators"] = kept,
        };
    }

    private static void AddDuties(Dictionary<string, JsonObject> duties, DutyReport report)
    {
        foreach (var d in report.Validators)
            duties.TryAdd(d.Name, new JsonObject
            {
                ["lastAttestationSlot"] = d.LastAttestationSlot,
                ["lastAttestationTarget"] = d.LastAttestationTarget,
                ["lastProposalSlot"] = d.LastProposalSlot,
                ["attestations"] = d.Attestations,
                ["proposals"] = d.Proposals,
                ["fault"] = d.Fault,
            });
    }

    /// <summary>The duties of node <paramref name="node"/> of this process, or null when it is down or silent.</summary>
    private async Task<DutyReport?> LocalDutiesAsync(int node, CancellationToken ct)
    {
        if (nodes?.Local(node) is not { } other)
            return null;
        try
        {
            return await other.Guardian.Ask<DutyReport>(r => new NodeGuardian.GetDuties(r), DutiesTimeout, ct);
        }
        catch (Exception e) when (e is AskTimeoutException || (e is TaskCanceledException && !ct.IsCancellationRequested))
        {
            return null;
        }
    }

    /// <summary>Each validator's host: this node's own, then what each member's Hello said.</summary>
    private Dictionary<string, int> Hosts()
    {
        var hosts = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var v in backend.Hosted)
            hosts[v] = backend.NodeId;
        foreach (var m in backend.Cluster.Members())
            if (m.NodeId is { } id)
                foreach (var v in m.Hosted)
                    hosts.TryAdd(v, id);
        return hosts;
    }

    private static JsonObject Row(int index, string? name, Dictionary<string, int> hosts) => new()
    {
        ["index"] = index,
        ["name"] = name,
        ["node"] = name is not null && hosts.TryGetValue(name, out var host) ? host : null,
    };

    private static void Balances(JsonObject row, ulong balance, ulong effective)
    {
        row["balance"] = Units.FormatCoins(balance);
        row["balanceGwei"] = balance;
        row["effectiveBalance"] = Units.FormatCoins(effective);
        row["effectiveBalanceGwei"] = effective;
    }

    private static ulong? EpochOrNull(ulong epoch) => epoch == ConsensusConfig.FarFutureEpoch ? null : epoch;
}
