using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using ActorChain.Cluster.Hosting;
using ActorChain.Cluster.Telemetry;
using ActorChain.Core.Codec;
using ActorChain.Core.Pos.Model;
using ActorChain.Node;
using ActorChain.Node.Chain;
using ActorChain.Simulation.Outputs;
using Akka.Actor;
using Microsoft.AspNetCore.Http;

namespace ActorChain.Cluster.Http;

/// <summary>
/// The dashboard's reads (docs/http.md): <c>GET /api/tree?epochs=N</c> (the recent block tree with its heads and
/// checkpoints), <c>GET /api/epochs?last=N</c> (the last epoch transitions as epochs.jsonl lines, without
/// <c>validators</c>) and <c>GET /api/miners</c> (hashrate share against canonical-chain share, and the merge countdown).
/// Each is one or two questions to the node's chain; heads and checkpoint statuses come from the events already kept.
/// </summary>
public static class ChainViews
{
    /// <summary>The default <c>epochs</c> of <c>/api/tree</c> (the largest is <see cref="MostEpochs"/>).</summary>
    public const int DefaultTreeEpochs = 4;

    /// <summary>The largest <c>epochs</c> / <c>last</c>.</summary>
    public const int MostEpochs = ChainActor.RememberedEpochs;

    /// <summary>PoW heights per "epoch" of the PoW tree.</summary>
    public const int PowHeightsPerEpoch = 32;

    /// <summary><c>GET /api/tree</c>.</summary>
    public static async Task<IResult> TreeAsync(INodeBackend backend, IQueryCollection query, TimeSpan timeout, CancellationToken ct)
    {
        var (epochs, error) = Count(query, "epochs", DefaultTreeEpochs);
        if (error is not null)
            return error;
        var chain = await ChainOf(backend, timeout, ct);
        var view = await chain.Ask<ChainActor.TreeView>(r => new ChainActor.GetTree(epochs, r), timeout, ct);
        var body = view.Pos
            ? PosTree(backend, view, await chain.Ask<ChainActor.EpochsView>(r => new ChainActor.GetEpochs(r), timeout, ct))
            : PowTree(backend, view);
        return ApiJson.Ok(body);
    }

    /// <summary><c>GET /api/epochs</c>: the raw epochs.jsonl lines, spliced into one array.</summary>
    public static async Task<IResult> EpochsAsync(INodeBackend backend, IQueryCollection query, TimeSpan timeout, CancellationToken ct)
    {
        var (last, error) = Count(query, "last", MostEpochs);
        if (error is not null)
            return error;
        var chain = await ChainOf(backend, timeout, ct);
        var view = await chain.Ask<ChainActor.EpochsView>(r => new ChainActor.GetEpochs(r), timeout, ct);
        var b = new StringBuilder("{\"node\":").Append(backend.NodeId.ToString(CultureInfo.InvariantCulture)).Append(",\"epochs\":[");
        var names = backend.Settings.Validators.Select(v => v.Name).ToArray(); // the tally's missing validators by name
        var first = true;
        foreach (var t in view.Epochs.Skip(Math.Max(0, view.Epochs.Length - last)))
        {
            if (!first)
                b.Append(',');
            first = false;
            b.Append(EpochsWriter.Line(backend.NodeId, t.Transition, t.HeadSlot, t.HeadRoot, t.Tally, names, false));
        }
        return Results.Content(b.Append("]}").ToString(), ApiJson.ContentType, Encoding.UTF8, StatusCodes.Status200OK);
    }

    /// <summary><c>GET /api/miners</c>.</summary>
    public static async Task<IResult> MinersAsync(INodeBackend backend, TimeSpan timeout, CancellationToken ct)
    {
        var chain = await ChainOf(backend, timeout, ct);
        var view = await chain.Ask<ChainActor.MinersView>(r => new ChainActor.GetMiners(r), timeout, ct);
        var settings = backend.Settings;
        var known = backend.Miners;
        var seen = view.Miners.ToDictionary(m => m.Miner); // lookups only
        var totalHashrate = known.Aggregate(0UL, (s, m) => s + m.Hashrate);
        var canonicalTotal = view.Miners.Sum(m => m.Canonical);
        var rows = new JsonArray();
        var named = new HashSet<Core.Crypto.Address>(); // membership only
        foreach (var m in known)
        {
            var address = settings.Key(m.Name).Address;
            named.Add(address);
            var blocks = seen.GetValueOrDefault(address);
            rows.Add(MinerRow(m.Name, m.Node, m.Hashrate, totalHashrate, blocks?.Blocks ?? 0, blocks?.Canonical ?? 0, canonicalTotal));
        }
        foreach (var m in view.Miners.Where(m => !named.Contains(m.Miner)))
            rows.Add(MinerRow("0x" + m.Miner, null, null, totalHashrate, m.Blocks, m.Canonical, canonicalTotal));
        var at = view.MergeAtHeight;
        return ApiJson.Ok(new JsonObject
        {
            ["node"] = backend.NodeId,
            ["era"] = view.Merged ? "pos" : "pow",
            ["height"] = view.PowHeight,
            ["miners"] = rows,
            ["merge"] = new JsonObject
            {
                ["atHeight"] = at,
                ["blocksToGo"] = view.Merged ? 0 : at is { } h ? h > view.PowHeight ? h - view.PowHeight : 0 : null,
                ["blockTimeMillis"] = settings.Pow.BlockTimeMillis,
                ["merged"] = view.Merged,
                ["terminalHeight"] = view.TerminalHeight,
                ["terminalHash"] = view.TerminalHash?.ToString(),
            },
        });
    }

    private static JsonObject MinerRow(string name, int? node, ulong? hashrate, ulong totalHashrate, int blocks, int canonical,
        int canonicalTotal) => new()
    {
        ["name"] = name,
        ["node"] = node,
        ["hashrate"] = hashrate,
        ["hashrateShare"] = hashrate is { } h && totalHashrate > 0 ? Math.Round((double)h / totalHashrate, 4) : null,
        ["blocks"] = blocks,
        ["canonicalBlocks"] = canonical,
        ["canonicalShare"] = canonicalTotal > 0 ? Math.Round((double)canonical / canonicalTotal, 4) : 0.0,
    };

    private static JsonObject PosTree(INodeBackend backend, ChainActor.TreeView view, ChainActor.EpochsView epochs)
    {
        var config = backend.Settings.Consensus.Config;
        var names = backend.Settings.Validators;
        var state = view.HeadState;
        var blocks = new JsonArray();
        foreach (var b in view.Blocks)
        {
            var proposer = b.Proposer;
            blocks.Add(new JsonObject
            {
                ["root"] = b.Root.ToString(),
                ["parent"] = b.ParentRoot?.ToString(),
                ["slot"] = b.Slot,
                ["proposer"] = proposer,
                ["proposerName"] = proposer is { } p && p < (ulong)names.Length ? names[(int)p].Name : null,
                ["canonical"] = b.Canonical,
                ["proposerSlashed"] = proposer is { } q && state is not null && q < (ulong)state.ValidatorCount && state.Validators[(int)q].Slashed,
            });
        }

        var heads = new JsonArray();
        var others = backend.Book?.Heads().Where(h => h.Pos && h.Node != backend.NodeId) ?? [];
        foreach (var h in others.Append(new NodeBook.NodeHead(backend.NodeId, view.Head.ToString(), view.HeadSlotOrHeight, true))
                     .OrderBy(h => h.Node))
            heads.Add(new JsonObject { ["node"] = h.Node, ["root"] = h.Root, ["slot"] = h.SlotOrHeight });

        var currentEpoch = config.EpochOf(view.CurrentSlot);
        var windowEpochs = view.Blocks.IsEmpty ? 1 : currentEpoch - config.EpochOf(view.Blocks[0].Slot) + 1;
        var fromEpoch = currentEpoch + 1 - Math.Min(windowEpochs, currentEpoch + 1);
        return new JsonObject
        {
            ["node"] = backend.NodeId,
            ["era"] = "pos",
            ["slot"] = view.CurrentSlot,
            ["headSlot"] = view.HeadSlotOrHeight,
            ["slotsPerEpoch"] = config.SlotsPerEpoch,
            ["blocks"] = blocks,
            ["heads"] = heads,
            ["justified"] = Checkpoint(view.Justified!),
            ["finalized"] = Checkpoint(view.Finalized!),
            ["checkpoints"] = Checkpoints(backend, view, epochs, fromEpoch, currentEpoch),
        };
    }

    /// <summary>
    /// One row per checkpoint of the window: the canonical chain's checkpoint of each epoch (pending unless the store or
    /// an event says more), and every other checkpoint an event named (a rival branch's, abandoned), by epoch then root.
    /// </summary>
    internal static JsonArray Checkpoints(INodeBackend backend, ChainActor.TreeView view, ChainActor.EpochsView epochs,
        ulong fromEpoch, ulong currentEpoch)
    {
        var config = backend.Settings.Consensus.Config;
        var rows = new SortedDictionary<(ulong Epoch, string Root), NodeBook.CheckpointStatus>();
        var canonical = view.Blocks.Where(b => b.Canonical).ToList(); // ascending by slot
        for (var e = fromEpoch; e <= currentEpoch; e++)
        {
            var start = e * config.SlotsPerEpoch;
            var at = canonical.LastOrDefault(b => b.Slot <= start);
            if (at == default)
                continue;
            var root = at.Root.ToString();
            // only the store's finalized checkpoint is finalized here: an older one that was never justified (a skipped
            // epoch, a leak) is not, and a finalized event below says so of those that were
            var status = Matches(view.Finalized!, e, at.Root) ? "finalized"
                : Matches(view.Justified!, e, at.Root) ? "justified" : "pending";
            var (target, total) = Stake(epochs, e);
            rows[(e, root)] = new NodeBook.CheckpointStatus(e, root, status, target, total, total is { } t ? NodeBook.Needed(t) : null,
                null, null);
        }

        foreach (var c in backend.Book?.Checkpoints(backend.NodeId, fromEpoch) ?? [])
        {
            if (rows.TryGetValue((c.Epoch, c.Root), out var mine) && Rank(mine.Status) > Rank(c.Status))
                continue; // the store knows more already (an event may lag)
            rows[(c.Epoch, c.Root)] = c;
        }

        var list = new JsonArray();
        foreach (var c in rows.Values)
            list.Add(new JsonObject
            {
                ["epoch"] = c.Epoch,
                ["root"] = c.Root,
                ["status"] = c.Status,
                ["targetStake"] = c.TargetStake,
                ["totalStake"] = c.TotalStake,
                ["needed"] = c.Needed,
                ["reason"] = c.Reason,
                ["detail"] = c.Detail,
            });
        return list;
    }

    private static int Rank(string status) => status switch
    {
        "finalized" => 3,
        "abandoned" => 2,
        "justified" => 1,
        _ => 0,
    };

    private static bool Matches(Checkpoint c, ulong epoch, Hash32 root) => c.Epoch == epoch && c.Root == root;

    /// <summary>The target stake for epoch <paramref name="epoch"/>'s checkpoint on the canonical chain, and the active stake: the latest transition that weighed it.</summary>
    private static (ulong? Target, ulong? Total) Stake(ChainActor.EpochsView epochs, ulong epoch)
    {
        for (var i = epochs.Epochs.Length - 1; i >= 0; i--)
        {
            var t = epochs.Epochs[i].Transition;
            if (t.Epoch == epoch + 1)
                return (t.PreviousTargetBalance, t.TotalActiveBalance);
            if (t.Epoch == epoch)
                return (t.CurrentTargetBalance, t.TotalActiveBalance);
        }
        return (null, epochs.Epochs.IsEmpty ? null : epochs.Epochs[^1].Transition.TotalActiveBalance);
    }

    private static JsonObject PowTree(INodeBackend backend, ChainActor.TreeView view)
    {
        var settings = backend.Settings;
        var names = backend.Miners.ToDictionary(m => settings.Key(m.Name).Address, m => m.Name); // lookups only
        var blocks = new JsonArray();
        foreach (var b in view.PowBlocks)
            blocks.Add(new JsonObject
            {
                ["hash"] = b.Hash.ToString(),
                ["parent"] = b.Parent.ToString(),
                ["height"] = b.Height,
                ["miner"] = b.Height == 0 ? null : names.TryGetValue(b.Miner, out var name) ? name : "0x" + b.Miner,
                ["canonical"] = b.Canonical,
            });
        var heads = new JsonArray();
        var others = backend.Book?.Heads().Where(h => !h.Pos && h.Node != backend.NodeId) ?? [];
        foreach (var h in others.Append(new NodeBook.NodeHead(backend.NodeId, view.Head.ToString(), view.HeadSlotOrHeight, false))
                     .OrderBy(h => h.Node))
            heads.Add(new JsonObject { ["node"] = h.Node, ["hash"] = h.Root, ["height"] = h.SlotOrHeight });
        return new JsonObject
        {
            ["node"] = backend.NodeId,
            ["era"] = "pow",
            ["height"] = view.HeadSlotOrHeight,
            ["heightsPerEpoch"] = PowHeightsPerEpoch,
            ["blocks"] = blocks,
            ["heads"] = heads,
            ["justified"] = null,
            ["finalized"] = null,
            ["checkpoints"] = new JsonArray(),
        };
    }

    private static JsonObject Checkpoint(Checkpoint c) => new() { ["epoch"] = c.Epoch, ["root"] = c.Root.ToString() };

    /// <summary>The node's chain actor (asked of its guardian each time: a restarted node has a new one).</summary>
    private static async Task<IActorRef> ChainOf(INodeBackend backend, TimeSpan timeout, CancellationToken ct) =>
        (await backend.Guardian.Ask<NodeGuardian.Parts>(r => new NodeGuardian.GetParts(r), timeout, ct)).Chain;

    /// <summary>The count <paramref name="name"/> gives (1..<see cref="MostEpochs"/>), <paramref name="fallback"/> when absent, or a 400.</summary>
    private static (int Value, IResult? Error) Count(IQueryCollection query, string name, int fallback)
    {
        if (!query.TryGetValue(name, out var given))
            return (fallback, null);
        if (given.Count == 1 && int.TryParse(given[0], NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n is >= 1 and <= MostEpochs)
            return (n, null);
        return (0, ApiJson.Error(StatusCodes.Status400BadRequest, "bad-request",
            $"{name} must be a whole number of epochs from 1 to {MostEpochs}, got '{ApiJson.Echo(string.Join(",", given.ToArray()))}'"));
    }
}
