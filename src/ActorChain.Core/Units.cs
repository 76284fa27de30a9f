using System.Globalization;
using System.Numerics;

namespace ActorChain.Core;

/// <summary>Units of value (CONSENSUS.md §0): balances and stakes are <c>ulong</c> gwei, 1 coin = 10^9 gwei.</summary>
public static class Units
{
    /// <summary>Gwei in one coin.</summary>
    public const ulong GweiPerCoin = 1_000_000_000UL;

    private const int CoinDecimals = 9;

    /// <summary><paramref name="coins"/> whole coins in gwei; throws <see cref="OverflowException"/> if that does not fit a <c>ulong</c>.</summary>
    public static ulong Coins(ulong coins) => checked(coins * GweiPerCoin);

    /// <summary>Gwei as coins with no trailing zeroes, exactly: <c>1500000000 → "1.5"</c>, <c>1 → "0.000000001"</c>.</summary>
    public static string FormatCoins(ulong gwei)
    {
        var whole = (gwei / GweiPerCoin).ToString(CultureInfo.InvariantCulture);
        var frac = gwei % GweiPerCoin;
        if (frac == 0)
        {
            return whole;
        }

        return whole + "." + frac.ToString("D9", CultureInfo.InvariantCulture).TrimEnd('0');
    }

    /// <summary>
    /// Parses coins with up to 9 decimals (<c>"1.5"</c>, <c>"32"</c>) into gwei, exactly and without floating point;
    /// null with a reason naming the value if it is not a plain decimal, is finer than one gwei or does not fit.
    /// </summary>
    public static ulong? TryParseCoins(string? coins, out string? reason)
    {
        reason = null;
        var text = coins?.Trim() ?? string.Empty;
        if (text.StartsWith('+'))
        {
            text = text[1..];
        }

        var dot = text.IndexOf('.', StringComparison.Ordinal);
        var whole = dot < 0 ? text : text[..dot];
        var frac = dot < 0 ? string.Empty : text[(dot + 1)..];
        if ((whole.Length == 0 && frac.Length == 0) || !IsDigits(whole) || !IsDigits(frac))
        {
            reason = $"not an amount of coins: '{coins}'";
            return null;
        }

        frac = frac.TrimEnd('0');
        if (frac.Length > CoinDecimals)
        {
            reason = $"'{coins}' coins is not a whole number of gwei (at most 9 decimals)";
            return null;
        }

        var gwei = BigInteger.Parse("0" + whole + frac.PadRight(CoinDecimals, '0'), NumberStyles.None, CultureInfo.InvariantCulture);
        if (gwei > ulong.MaxValue)
        {
            reason = $"'{coins}' coins does not fit in an unsigned 64-bit amount of gwei";
            return null;
        }

        return (ulong)gwei;
    }

    /// <summary>As <see cref="TryParseCoins"/>, for configs: throws <see cref="ArgumentException"/> naming the value.</summary>
    public static ulong ParseCoins(string coins) =>
        TryParseCoins(coins, out var reason) ?? throw new ArgumentException(reason, nameof(coins));

    private static bool IsDigits(string s)
    {
        foreach (var c in s)
        {
            if (c is < '0' or > '9')
            {
                return false;
            }
        }

        return true;
    }
}
