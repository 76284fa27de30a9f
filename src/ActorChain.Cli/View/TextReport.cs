using System.Globalization;
using System.Text;
using ActorChain.Simulation.Live;

namespace ActorChain.Cli.View;

/// <summary>The plain text of <c>run</c>: the line every 5 s without a view, and the summary at the end; pure functions of a snapshot.</summary>
public static class TextReport
{
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    /// <summary>One status line: the time, the phase (PoW countdown or PoS slot and epoch), each node's head and checkpoints.</summary>
    public static string Line(LiveSnapshot s)
    {
        ArgumentNullException.ThrowIfNull(s);
        var b = new StringBuilder(string.Create(Inv, $"{s.ElapsedMillis / 1000}s"));
        if (s.Clock is { } c)
        {
            b.Append(Inv, $" slot {c.Slot} epoch {c.Epoch}");
            if (s.LastEpoch is { } p) b.Append(Inv, $" part(e{p.Epoch}) {p.Percent:0}%");
        }
        else if (s.Pow is { } pow)
        {
            b.Append(Inv, $" pow h{pow.Height} {Figures.Hashes(pow.HashesPerSecond)}H/s");
            if (pow.BlocksToMerge(s.Info) is { } toGo) b.Append(Inv, $" merge in {toGo} blocks");
        }

        foreach (var n in s.Nodes)
        {
            b.Append(Inv, $"  n{n.Node} {Figures.Head(n)} {Figures.Short(n.HeadHash)}");
            if (n.Slot is not null) b.Append(Inv, $" j{n.Justified?.Epoch} f{n.Finalized?.Epoch}");
            b.Append(Inv, $" mp{n.Mempool}");
        }

        foreach (var d in s.DownNodes) b.Append(Inv, $"  n{d} down");
        return b.ToString();
    }

    /// <summary>The summary printed when the run stops (Ctrl-C, <c>--stop-after</c> or the scenario's stop).</summary>
    public static string Summary(LiveSnapshot s, string why)
    {
        ArgumentNullException.ThrowIfNull(s);
        var b = new StringBuilder();
        b.AppendLine(string.Create(Inv, $"summary after {Figures.Seconds(s.ElapsedMillis)} ({why})"));
        if (s.Merge is { } m && s.Clock is { } c)
        {
            b.AppendLine(string.Create(Inv, $"proof of stake: slot {c.Slot}, epoch {c.Epoch} ({s.Info.SecondsPerSlot} s slots, {s.Info.SlotsPerEpoch}-slot epochs)"));
            if (s.Info.MergeAtHeight is not null)
            {
                var byNode = m.OrphanedByNode.IsEmpty ? "" : " (" + string.Join(", ", m.OrphanedByNode.Select(o => $"node {o.Key}: {o.Value}")) + ")";
                b.AppendLine(string.Create(Inv, $"merged at PoW height {m.TerminalHeight} after {Figures.Seconds(m.AtElapsedMillis)}; PoW blocks orphaned at the merge: {m.Orphaned}{byNode}"));
            }

            b.AppendLine(s.FirstFinalized is { } f
                ? string.Create(Inv, $"first finalized epoch: {f.Epoch} at PoS slot {f.Slot} (node {f.Node}, {Figures.Seconds(f.MillisAfterGenesis)} after PoS genesis)")
                : "no epoch finalized yet (the earliest is epoch 2, at the end of epoch 3)");
            if (s.LastEpoch is { } p)
                b.AppendLine(string.Create(Inv, $"participation of epoch {p.Epoch}: {p.Percent:0.0}% ({Figures.Coins(p.TargetStake)} of {Figures.Coins(p.ActiveStake)} coins){(p.InLeak ? ", inactivity leak" : "")}"));
        }
        else if (s.Pow is { } pow)
        {
            b.AppendLine(string.Create(Inv, $"proof of work: height {pow.Height}, difficulty {Figures.Hashes(pow.Difficulty)}hashes/block, {Figures.Hashes(pow.HashesPerSecond)}H/s"));
            if (s.Info.MergeAtHeight is { } at) b.AppendLine(string.Create(Inv, $"merge at height {at}: not reached; PoW blocks orphaned at the merge: 0"));
        }

        b.AppendLine(NodeTable(s));
        if (s.Validators is { } v)
        {
            b.AppendLine(string.Create(Inv, $"validators  {v.Active} of {v.Rows.Length} active, {Figures.Coins(v.TotalBalance)} coins (node {v.FromNode}'s head, slot {v.HeadSlot})"));
            var width = v.Rows.IsEmpty ? 1 : v.Rows.Max(r => r.Name.Length);
            foreach (var r in v.Rows)
                b.AppendLine(string.Create(Inv, $"  {r.Name.PadRight(width)}  node {(r.Node < 0 ? "?" : r.Node.ToString(Inv)),-3} {Figures.Coins(r.Balance),12} coins  effective {Figures.Coins(r.Effective),8}  {Figures.Status(r.Status)}"));
        }

        var blocks = s.Blocks;
        b.AppendLine(string.Create(Inv, $"blocks: {blocks.PowMined} PoW mined, {blocks.Proposed} proposed; {blocks.TxAccepted} transfers sent"));
        foreach (var (miner, n) in blocks.ByMiner) b.AppendLine(string.Create(Inv, $"  {miner} mined {n}"));
        var heads = s.Nodes.Select(n => n.HeadHash).Distinct(StringComparer.Ordinal).Count();
        b.Append(heads <= 1 ? "all nodes agree on the head" : string.Create(Inv, $"{heads} different heads (blocks in flight)"));
        foreach (var pair in s.Conflicts) // accountable safety broken: conflicting_finality (docs/outputs.md)
            b.Append('\n').Append(string.Create(Inv, $"CONFLICTING FINALITY: epoch {pair.First.Epoch} ({Figures.Short(pair.First.Root.ToString())}) on node(s) {string.Join(", ", pair.First.Nodes)} vs epoch {pair.Second.Epoch} ({Figures.Short(pair.Second.Root.ToString())}) on node(s) {string.Join(", ", pair.Second.Nodes)}"));
        return b.ToString();
    }

    private static string NodeTable(LiveSnapshot s)
    {
        var b = new StringBuilder(string.Create(Inv, $"{"node",-5} {"head",7}  {"root",-8}  {"justified",-11} {"finalized",-11} {"peers",-14} {"mempool",7} {"reorgs",6} {"blocks",7}"));
        foreach (var n in s.Nodes)
            b.Append('\n').Append(string.Create(Inv,
                $"{n.Node,-5} {Figures.Head(n),7}  {Figures.Short(n.HeadHash),-8}  {Figures.Checkpoint(n.Justified),-11} {Figures.Checkpoint(n.Finalized),-11} {Figures.Peers(n),-14} {n.Mempool,7} {n.Reorgs,6} {n.Blocks,7}"));
        foreach (var d in s.DownNodes) b.Append('\n').Append(string.Create(Inv, $"{d,-5} {"down",7}"));
        return b.ToString();
    }
}
