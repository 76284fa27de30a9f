using System.Globalization;
using System.Numerics;
using ActorChain.Core.Pos.Model;
using ActorChain.Node;

namespace ActorChain.Cli.View;

/// <summary>How the view and the summary write numbers: coins, hashes, seconds, checkpoints.</summary>
public static class Figures
{
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    /// <summary>Gwei as coins with three decimals, rounded down (a balance a hair under 32 shows as 31.999).</summary>
    public static string Coins(ulong gwei) =>
        string.Create(Inv, $"{gwei / 1_000_000_000}.{gwei % 1_000_000_000 / 1_000_000:000}");

    /// <summary>A count of hashes with an SI prefix: <c>1.95 M</c>.</summary>
    public static string Hashes(double h) => h switch
    {
        >= 1e12 => string.Create(Inv, $"{h / 1e12:0.00} T"),
        >= 1e9 => string.Create(Inv, $"{h / 1e9:0.00} G"),
        >= 1e6 => string.Create(Inv, $"{h / 1e6:0.00} M"),
        >= 1e3 => string.Create(Inv, $"{h / 1e3:0.00} k"),
        _ => string.Create(Inv, $"{h:0} "),
    };

    /// <summary><see cref="Hashes(double)"/> of a big integer.</summary>
    public static string Hashes(BigInteger h) => Hashes((double)h);

    /// <summary>Milliseconds as seconds with one decimal: <c>12.3 s</c>.</summary>
    public static string Seconds(long millis) => string.Create(Inv, $"{millis / 1000.0:0.0} s");

    /// <summary>A checkpoint as <c>epoch root8</c>, or <c>-</c>.</summary>
    public static string Checkpoint(NodeStatus.CheckpointView? c) => c is null ? "-" : string.Create(Inv, $"{c.Epoch} {Short(c.Root)}");

    /// <summary>The first 8 hex digits of a root.</summary>
    public static string Short(string hex) => hex.Length > 8 ? hex[..8] : hex;

    /// <summary>A validator status as the view writes it.</summary>
    public static string Status(ValidatorStatus s) => s.ToString().ToLowerInvariant();

    /// <summary>A node's head: the PoS slot (<c>s41</c>) once merged, else the PoW height (<c>h9</c>).</summary>
    public static string Head(NodeStatus s) => s.Slot is { } slot ? "s" + slot.ToString(Inv) : "h" + s.HeadHeight.ToString(Inv);

    /// <summary>Peers as <c>1,2,3</c>.</summary>
    public static string Peers(NodeStatus s) => string.Join(',', s.Peers);
}
