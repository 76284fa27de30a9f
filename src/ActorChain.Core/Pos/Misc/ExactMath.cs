namespace ActorChain.Core.Pos.Misc;

/// <summary>
/// Exact integer arithmetic for the rules (CONSENSUS.md §0): products are taken to 128 bits, so
/// <c>prevTarget × 3 ≥ total × 2</c> and the reward numerators cannot overflow where Ethereum's uint64 would.
/// </summary>
public static class ExactMath
{
    /// <summary>The sign of <c>a × b − c × d</c>, computed without overflow.</summary>
    public static int CompareProducts(ulong a, ulong b, ulong c, ulong d) =>
        ((UInt128)a * b).CompareTo((UInt128)c * d);

    /// <summary><c>a × b // d</c> with an exact 128-bit intermediate; <see cref="OverflowException"/> if the quotient does not fit.</summary>
    public static ulong MulDiv(ulong a, ulong b, ulong d)
    {
        if (d == 0)
        {
            throw new DivideByZeroException("MulDiv by zero");
        }

        return checked((ulong)((UInt128)a * b / d));
    }

    /// <summary><c>min(a × b, cap)</c> without overflow.</summary>
    public static ulong MulCapped(ulong a, ulong b, ulong cap)
    {
        var product = (UInt128)a * b;
        return product >= cap ? cap : (ulong)product;
    }

    /// <summary><c>a // b</c> rounding toward −∞ (C#'s <c>/</c> truncates toward zero), for a positive <paramref name="b"/>.</summary>
    public static long FloorDiv(long a, long b)
    {
        var q = a / b;
        return (a % b != 0) && ((a < 0) != (b < 0)) ? q - 1 : q;
    }

    /// <summary><c>integer_squareroot</c>: the largest <c>x</c> with <c>x² ≤ n</c>.</summary>
    public static ulong IntegerSquareRoot(ulong n)
    {
        var rem = n;
        ulong root = 0;
        var bit = 1UL << 62;
        while (bit > rem)
        {
            bit >>= 2;
        }

        while (bit != 0)
        {
            if (rem >= root + bit)
            {
                rem -= root + bit;
                root = (root >> 1) + bit;
            }
            else
            {
                root >>= 1;
            }

            bit >>= 2;
        }

        return root;
    }
}
