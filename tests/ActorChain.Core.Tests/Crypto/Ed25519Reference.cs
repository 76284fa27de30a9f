using System.Numerics;
using System.Security.Cryptography;

namespace ActorChain.Core.Tests.Crypto;

/// <summary>
/// A slow, obviously-correct edwards25519 in affine coordinates over <see cref="BigInteger"/>, written from RFC 8032
/// §5.1 for the edge-case tests only: it builds inputs an honest signer never makes (small-order points, forged
/// signatures) and states the verification rule of CONSENSUS.md §0 so that libsodium's verdicts can be checked against it.
/// </summary>
internal static class Ed25519Reference
{
    public static readonly BigInteger P = BigInteger.Pow(2, 255) - 19;
    public static readonly BigInteger L = BigInteger.Pow(2, 252) + BigInteger.Parse("27742317777372353535851937790883648493");
    private static readonly BigInteger D = Mod(-121665 * Inv(121666));
    private static readonly BigInteger SqrtM1 = BigInteger.ModPow(2, (P - 1) / 4, P);

    public static readonly Point Identity = new(0, 1, 1, 0);
    public static readonly Point Base = Decode(ToLe(Mod(4 * Inv(5))))!.Value;

    public static BigInteger Mod(BigInteger a) => ((a % P) + P) % P;

    public static BigInteger Inv(BigInteger a) => BigInteger.ModPow(Mod(a), P - 2, P);

    /// <summary>RFC 8032 §5.1.4 addition in extended coordinates (complete: also doubles).</summary>
    public static Point Add(Point p, Point q)
    {
        var a = Mod((p.Y - p.X) * (q.Y - q.X));
        var b = Mod((p.Y + p.X) * (q.Y + q.X));
        var c = Mod(p.T * 2 * D * q.T);
        var d = Mod(p.Z * 2 * q.Z);
        var (e, f, g, h) = (b - a, d - c, d + c, b + a);
        return new(Mod(e * f), Mod(g * h), Mod(f * g), Mod(e * h));
    }

    public static Point Negate(Point p) => new(Mod(-p.X), p.Y, p.Z, Mod(-p.T));

    public static Point Mul(BigInteger k, Point a)
    {
        var r = Identity;
        var q = a;
        while (k > 0)
        {
            if (!k.IsEven)
            {
                r = Add(r, q);
            }

            q = Add(q, q);
            k >>= 1;
        }

        return r;
    }

    public static byte[] Encode(Point a)
    {
        var zi = Inv(a.Z);
        var x = Mod(a.X * zi);
        var o = ToLe(Mod(a.Y * zi));
        o[31] |= (byte)(x.IsEven ? 0 : 0x80);
        return o;
    }

    /// <summary>RFC 8032 §5.1.3 decoding: null for y ≥ p, a y off the curve, or x = 0 with the sign bit ("negative zero").</summary>
    public static Point? Decode(ReadOnlySpan<byte> s)
    {
        var bytes = s.ToArray();
        var sign = (bytes[31] & 0x80) != 0;
        bytes[31] &= 0x7f;
        var y = FromLe(bytes);
        if (y >= P)
        {
            return null;
        }

        var x2 = Mod((y * y - 1) * Inv(D * y * y + 1));
        var x = BigInteger.ModPow(x2, (P + 3) / 8, P);
        if (Mod(x * x - x2) != 0)
        {
            x = Mod(x * SqrtM1);
        }

        if (Mod(x * x - x2) != 0 || (x.IsZero && sign))
        {
            return null;
        }

        if (!x.IsEven != sign)
        {
            x = P - x;
        }

        return new Point(x, y, 1, Mod(x * y));
    }

    public static bool IsSmallOrder(Point a) => Encode(Mul(8, a)).AsSpan().SequenceEqual(Encode(Identity));

    /// <summary>The RFC 8032 secret scalar of a seed (clamped first half of SHA-512(seed)).</summary>
    public static BigInteger SecretScalar(ReadOnlySpan<byte> seed)
    {
        var h = SHA512.HashData(seed);
        h[0] &= 248;
        h[31] &= 127;
        h[31] |= 64;
        return FromLe(h.AsSpan(0, 32));
    }

    /// <summary>k = SHA-512(R ‖ A ‖ M) mod L.</summary>
    public static BigInteger Challenge(ReadOnlySpan<byte> r, ReadOnlySpan<byte> a, ReadOnlySpan<byte> m) =>
        FromLe(SHA512.HashData([.. r, .. a, .. m])) % L;

    /// <summary>
    /// The rule of CONSENSUS.md §0: S &lt; L, canonical A, no small-order A or R (when <paramref name="rejectSmallOrder"/>),
    /// and cofactorless <c>[S]B − [k]A</c> equal to R by encoding.
    /// </summary>
    public static bool Verify(ReadOnlySpan<byte> pub, ReadOnlySpan<byte> msg, ReadOnlySpan<byte> sig, bool rejectSmallOrder = true)
    {
        var s = FromLe(sig[32..]);
        var a = Decode(pub);
        if (s >= L || a is null)
        {
            return false;
        }

        if (rejectSmallOrder && (IsSmallOrder(a.Value) || Decode(sig[..32]) is { } r && IsSmallOrder(r)))
        {
            return false;
        }

        var k = Challenge(sig[..32], pub, msg);
        var check = Add(Mul(s, Base), Negate(Mul(k, a.Value)));
        return Encode(check).AsSpan().SequenceEqual(sig[..32]);
    }

    public static byte[] Signature(ReadOnlySpan<byte> r, BigInteger s) => [.. r, .. ToLe(s)];

    public static byte[] ToLe(BigInteger v)
    {
        var o = new byte[32];
        v.TryWriteBytes(o, out _, isUnsigned: true, isBigEndian: false);
        return o;
    }

    public static BigInteger FromLe(ReadOnlySpan<byte> b) => new(b, isUnsigned: true, isBigEndian: false);

    /// <summary>A point in extended coordinates: x = X/Z, y = Y/Z, xy = T/Z.</summary>
    public readonly record struct Point(BigInteger X, BigInteger Y, BigInteger Z, BigInteger T);
}
