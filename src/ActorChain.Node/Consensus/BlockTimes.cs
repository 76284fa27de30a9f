using System.Numerics;
using ActorChain.Node.Time;

namespace ActorChain.Node.Consensus;

/// <summary>
/// Simulated mining's waiting times: Exp(hashrate / work), the time a memoryless search at that rate needs. The
/// logarithm is computed here from IEEE additions, multiplications and divisions only (each correctly rounded), so the
/// same seed gives the same block times on every runtime and CPU, which <see cref="Math.Log(double)"/> does not promise.
/// </summary>
public static class BlockTimes
{
    private const double Ln2 = 0.6931471805599453;
    private const double Sqrt2 = 1.4142135623730951;
    private const int SeriesTerms = 14;

    /// <summary>
    /// Milliseconds until the next block of a miner of <paramref name="hashrate"/> hashes per second on a target of
    /// <paramref name="work"/> expected hashes: <c>max(1, round(−ln(1 − u) · work / hashrate · 1000))</c> with
    /// <c>u</c> uniform in [0, 1) from <paramref name="random"/>; null when the hashrate is 0 (it never finds one).
    /// </summary>
    public static long? NextMillis(SplitMix64 random, BigInteger work, ulong hashrate)
    {
        ArgumentNullException.ThrowIfNull(random);
        if (hashrate == 0) return null;
        var u = random.NextDouble();
        var seconds = -Ln(1.0 - u) * (double)work / hashrate;
        var millis = Math.Round(seconds * 1000.0, MidpointRounding.AwayFromZero);
        return millis >= long.MaxValue ? long.MaxValue : Math.Max(1L, (long)millis);
    }

    /// <summary>
    /// The natural logarithm of a positive finite <paramref name="x"/>, to about one ulp: <c>x = m · 2^e</c> with
    /// <c>m</c> in [√½, √2), then <c>ln m = 2 · atanh((m − 1) / (m + 1))</c> by its series (|s| ≤ 0.172, so 14 terms
    /// reach double precision).
    /// </summary>
    public static double Ln(double x)
    {
        if (!(x > 0) || double.IsInfinity(x)) throw new ArgumentOutOfRangeException(nameof(x), x, "needs a positive finite number");
        var e = 0;
        var m = x;
        if (double.IsSubnormal(m))
        {
            m *= 18014398509481984.0; // 2^54, exact
            e -= 54;
        }

        var bits = BitConverter.DoubleToInt64Bits(m);
        e += (int)((bits >> 52) & 0x7FF) - 1023;
        m = BitConverter.Int64BitsToDouble((bits & 0x000F_FFFF_FFFF_FFFFL) | 0x3FF0_0000_0000_0000L); // in [1, 2), exact
        if (m >= Sqrt2)
        {
            m *= 0.5;
            e++;
        }

        var s = (m - 1.0) / (m + 1.0);
        var s2 = s * s;
        var sum = 0.0;
        for (var k = SeriesTerms - 1; k >= 0; k--) sum = sum * s2 + 1.0 / (2 * k + 1); // Horner: 1 + s²/3 + s⁴/5 + …
        return e * Ln2 + 2.0 * s * sum;
    }
}
