using System.Globalization;
using ActorChain.Core.Pos.Model;
using ActorChain.Simulation.Live;
using Spectre.Console;
using Spectre.Console.Rendering;

namespace ActorChain.Cli.View;

/// <summary>
/// The live view of <c>run</c>, a pure function of a <see cref="LiveSnapshot"/> and the terminal's size: the header,
/// the PoW countdown to the merge or the PoS clock, one row per node, the validators (as many rows as fit, the rest
/// counted), and the recent events that fit, newest last.
/// </summary>
public static class LiveScreen
{
    /// <summary>The smallest terminal the view draws in.</summary>
    public const int MinWidth = 80;

    /// <summary>The smallest terminal height the view draws in.</summary>
    public const int MinHeight = 24;

    /// <summary>Rows of nodes shown at most; the rest are counted.</summary>
    public const int MaxNodeRows = 16;

    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    /// <summary>The frame for a terminal of <paramref name="width"/> × <paramref name="height"/>.</summary>
    public static IRenderable Render(LiveSnapshot s, int width, int height)
    {
        ArgumentNullException.ThrowIfNull(s);
        List<IRenderable> rows = [Header(s, width), Phase(s, width)];
        var nodes = Nodes(s, width, out var nodeLines);
        rows.Add(Title("nodes", width));
        rows.Add(nodes);
        var used = 2 + 4 + 1 + nodeLines + 1; // header, phase, title, nodes, validators' title
        var left = Math.Max(6, height - used - 1);
        if (s.Validators is { } v)
        {
            var gridRows = Math.Max(2, Math.Min(left / 2, left - 5));
            var grid = Validators(v, width, gridRows, out var lines);
            rows.Add(Title($"validators  {v.Active} of {v.Rows.Length} active, {Figures.Coins(v.TotalBalance)} coins (node {v.FromNode}'s head, slot {v.HeadSlot})", width));
            rows.Add(grid);
            left -= lines + 1;
        }

        rows.Add(Title("recent events", width));
        rows.Add(Events(s, Math.Max(2, left - 1), width));
        return new Rows(rows);
    }

    /// <summary>Why a terminal of this size is too small for the view, or null.</summary>
    public static string? TooSmall(int width, int height) =>
        width < MinWidth || height < MinHeight
            ? $"the terminal is {width}x{height}; the live view needs at least {MinWidth}x{MinHeight} (enlarge it, or pass --no-view for a line every 5 s)"
            : null;

    private static Markup Title(string text, int width) => Line($"[bold underline]{Markup.Escape(text)}[/]", width);

    /// <summary>One line of markup cut with an ellipsis (and then unstyled) rather than wrapped: every line the layout counts stays one line.</summary>
    private static Markup Line(string markup, int width)
    {
        var plain = markup.RemoveMarkup();
        return plain.Length < width ? new Markup(markup) : new Markup(Markup.Escape(plain[..Math.Max(0, width - 2)] + "…"));
    }

    private static Rows Lines(IEnumerable<string> markup, int width) => new(markup.Select(m => Line(m, width)));

    private static Rows Header(LiveSnapshot s, int width) => Lines(
    [
        string.Create(Inv, $"[bold]ActorChain run[/]  {Markup.Escape(s.Info.Consensus)}  {Figures.Seconds(s.ElapsedMillis)}  [grey](Ctrl-C to stop)[/]"),
        $"[grey]{Markup.Escape(s.Info.Title)}[/]",
    ], width);

    private static Rows Phase(LiveSnapshot s, int width)
    {
        if (s.Merge is { } m && s.Clock is { } c)
        {
            var part = s.LastEpoch is { } p
                ? string.Create(Inv, $"participation of epoch {p.Epoch}: [bold]{p.Percent:0.0}%[/] ({Figures.Coins(p.TargetStake)} of {Figures.Coins(p.ActiveStake)} coins){(p.InLeak ? " [red]inactivity leak[/]" : "")}")
                : "participation: after the first epoch";
            var merged = s.Info.MergeAtHeight is null
                ? "proof of stake from genesis"
                : string.Create(Inv, $"merged at PoW height {m.TerminalHeight} at {Figures.Seconds(m.AtElapsedMillis)}, {m.Orphaned} PoW block(s) orphaned at the merge");
            var first = s.FirstFinalized is { } f ? string.Create(Inv, $"first finalized: epoch {f.Epoch} at slot {f.Slot}") : "first finalization: not yet";
            return Lines(
            [
                string.Create(Inv, $"[green]proof of stake[/]  slot [bold]{c.Slot}[/]  epoch [bold]{c.Epoch}[/] (slot {c.SlotInEpoch + 1} of {s.Info.SlotsPerEpoch}, {s.Info.SecondsPerSlot} s each)"),
                $"[grey]{Markup.Escape(merged)}[/]",
                part,
                first,
            ], width);
        }

        if (s.Pow is not { } pow)
            return Lines([s.Info.Consensus == "pos" ? "[yellow]proof of stake starting[/]" : "[yellow]proof of work starting[/]", "", "", ""], width);
        var mining = string.Create(Inv,
            $"[yellow]proof of work[/] ({Markup.Escape(s.Info.MiningMode)} mining, {s.Info.Miners} miners)  height [bold]{pow.Height}[/]");
        var rates = string.Create(Inv,
            $"difficulty {Figures.Hashes(pow.Difficulty)}hashes/block  hashrate {(pow.HashesPerSecond > 0 ? Figures.Hashes(pow.HashesPerSecond) + "H/s" : "measuring")}  block time target {pow.BlockTimeMillis / 1000.0:0.###} s");
        if (pow.BlocksToMerge(s.Info) is not { } toGo) return Lines([mining, rates, "no merge", ""], width);
        var at = s.Info.MergeAtHeight!.Value;
        var total = at + (ulong)s.Info.MergeConfirmations;
        var done = (int)Math.Min(20, 20 * Math.Min(pow.Height, total) / Math.Max(1, total));
        return Lines([mining, rates, string.Create(Inv,
            $"merge at height {at} (+{s.Info.MergeConfirmations} confirmations) [[{new string('#', done)}{new string('.', 20 - done)}]] [bold]{toGo}[/] block(s) to go, about {toGo * pow.BlockTimeMillis / 1000} s"), ""], width);
    }

    /// <summary>One row per node (at most <see cref="MaxNodeRows"/>, the rest counted), as padded text: cheaper to draw than a table.</summary>
    private static Rows Nodes(LiveSnapshot s, int width, out int lines)
    {
        List<string> rows = [string.Create(Inv, $"[grey]{"node",-5} {"head",-6} {"root",-9} {"justified",-11} {"finalized",-11} {"peers",-9} {"mempool",7} {"reorgs",6} {"blocks",7}[/]")];
        foreach (var n in s.Nodes.Take(MaxNodeRows))
        {
            var peers = Figures.Peers(n);
            if (peers.Length > 9) peers = n.Peers.Length + " peers";
            rows.Add(string.Create(Inv,
                $"{n.Node,-5} {Figures.Head(n),-6} {Figures.Short(n.HeadHash),-9} {Figures.Checkpoint(n.Justified),-11} {Figures.Checkpoint(n.Finalized),-11} {peers,-9} {n.Mempool,7} {n.Reorgs,6} {n.Blocks,7}"));
        }

        foreach (var down in s.DownNodes.Take(Math.Max(0, MaxNodeRows - s.Nodes.Length)))
            rows.Add(string.Create(Inv, $"{down,-5} [red]down[/]"));
        var hidden = s.Nodes.Length + s.DownNodes.Length - MaxNodeRows;
        if (hidden > 0) rows.Add(string.Create(Inv, $"… and {hidden} more nodes; the summary lists them all"));
        lines = rows.Count;
        return Lines(rows, width);
    }

    /// <summary>A grid of <c>name balance status</c> cells filling the width, at most <paramref name="maxRows"/> rows; what does not fit is counted.</summary>
    private static IRenderable Validators(ValidatorTable v, int width, int maxRows, out int lines)
    {
        var nameWidth = v.Rows.IsEmpty ? 1 : v.Rows.Max(r => r.Name.Length);
        var balanceWidth = v.Rows.IsEmpty ? 1 : v.Rows.Max(r => Figures.Coins(r.Balance).Length);
        var cellWidth = nameWidth + 1 + balanceWidth + 1 + 7 + 3;
        var columns = Math.Max(1, (width - 2) / cellWidth);
        var capacity = columns * maxRows;
        var shown = v.Rows.Length <= capacity ? v.Rows.Length : capacity - columns; // keep a line for the count
        var b = new System.Text.StringBuilder();
        lines = 0;
        for (var i = 0; i < shown; i += columns)
        {
            b.Append("  ");
            for (var j = i; j < Math.Min(shown, i + columns); j++)
            {
                var r = v.Rows[j];
                var status = Figures.Status(r.Status).PadRight(7);
                b.Append(Markup.Escape(r.Name.PadRight(nameWidth))).Append(' ')
                    .Append(Figures.Coins(r.Balance).PadLeft(balanceWidth)).Append(' ')
                    .Append($"[{Colour(r.Status)}]{status}[/]").Append("   ");
            }

            b.Append('\n');
            lines++;
        }

        if (shown < v.Rows.Length)
        {
            var slashed = v.Rows.Skip(shown).Count(r => r.Status == ValidatorStatus.Slashed);
            b.Append(string.Create(Inv, $"  … and {v.Rows.Length - shown} more{(slashed > 0 ? $" ({slashed} slashed)" : "")}; the summary lists them all\n"));
            lines++;
        }

        return Lines(b.ToString().TrimEnd('\n').Split('\n'), width);
    }

    private static string Colour(ValidatorStatus s) => s switch
    {
        ValidatorStatus.Active => "green",
        ValidatorStatus.Slashed => "red",
        ValidatorStatus.Pending => "yellow",
        _ => "grey",
    };

    private static Rows Events(LiveSnapshot s, int maxLines, int width)
    {
        var b = s.Blocks;
        var production = b.PowMined == 0 && b.Proposed == 0 ? "no blocks produced yet" : string.Create(Inv,
            $"blocks: {b.PowMined} PoW mined{(b.ByMiner.IsEmpty ? "" : " (" + string.Join(", ", b.ByMiner.Select(m => $"{m.Key} {m.Value}")) + ")")}, {b.Proposed} proposed; {b.TxAccepted} transfers sent");
        List<string> lines = [$"[grey]{Markup.Escape(production)}[/]"];
        var events = s.Events;
        var take = Math.Min(events.Length, Math.Max(0, maxLines - 1));
        foreach (var e in events.Skip(events.Length - take))
        {
            var nodes = e.Nodes.IsEmpty ? "net" : e.Nodes.Count == 1 ? "n" + e.Nodes.Min : $"{e.Nodes.Count} nodes";
            var line = string.Create(Inv, $"{e.AtElapsedMillis / 1000.0,7:0.0}s  {nodes,-8} {e.Text}");
            if (line.Length > width - 1) line = line[..(width - 2)] + "…";
            lines.Add($"[{EventColour(e.Type)}]{Markup.Escape(line)}[/]");
        }

        return Lines(lines, width);
    }

    private static string EventColour(string type) => type switch
    {
        "finalized" or "merge" => "green",
        "justified" => "aqua",
        "abandoned" or "reorg" or "pow_orphaned_at_merge" => "yellow",
        "evidence_found" or "validator_slashed" or "correlation_penalty" or "node_failed" or "node_crashed" => "red",
        _ when type.StartsWith("fault", StringComparison.Ordinal) || type is "partition" or "heal" => "magenta",
        _ => "default",
    };
}
