using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace ActorChain.Core.Pow;

/// <summary>
/// <see cref="Sha256Compression"/> on eight independent messages at once, one per 32-bit lane of a
/// <see cref="Vector256{T}"/>: <see cref="PowHasher.Search"/> hashes eight nonces per step on one thread (SIMD).
/// </summary>
internal static class Sha256Lanes
{
    /// <summary>The number of messages hashed together.</summary>
    public const int Width = 8;

    /// <summary>Whether the lanes run in hardware; without it the scalar path is faster.</summary>
    public static bool IsAccelerated => Vector256.IsHardwareAccelerated;

    /// <summary>
    /// Compresses one block per lane into <paramref name="state"/> (8 vectors). <paramref name="w"/> holds 64 vectors
    /// whose first 16 are the blocks' big-endian words; the rest is overwritten with the message schedule.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Compress(Span<Vector256<uint>> state, Span<Vector256<uint>> w)
    {
        state = state[..Sha256Compression.StateWords];
        w = w[..Sha256Compression.ScheduleWords];
        for (var i = 16; i < Sha256Compression.ScheduleWords; i++)
        {
            var x = w[i - 15];
            var y = w[i - 2];
            var s0 = Rotr(x, 7) ^ Rotr(x, 18) ^ Vector256.ShiftRightLogical(x, 3);
            var s1 = Rotr(y, 17) ^ Rotr(y, 19) ^ Vector256.ShiftRightLogical(y, 10);
            w[i] = w[i - 16] + s0 + w[i - 7] + s1;
        }

        Vector256<uint> a = state[0], b = state[1], c = state[2], d = state[3], e = state[4], f = state[5], g = state[6], h = state[7];
        var k = Sha256Compression.RoundConstants;
        for (var i = 0; i < Sha256Compression.ScheduleWords; i += 8)
        {
            h += Sigma1(e) + Ch(e, f, g) + Vector256.Create(k[i + 0]) + w[i + 0];
            d += h;
            h += Sigma0(a) + Maj(a, b, c);
            g += Sigma1(d) + Ch(d, e, f) + Vector256.Create(k[i + 1]) + w[i + 1];
            c += g;
            g += Sigma0(h) + Maj(h, a, b);
            f += Sigma1(c) + Ch(c, d, e) + Vector256.Create(k[i + 2]) + w[i + 2];
            b += f;
            f += Sigma0(g) + Maj(g, h, a);
            e += Sigma1(b) + Ch(b, c, d) + Vector256.Create(k[i + 3]) + w[i + 3];
            a += e;
            e += Sigma0(f) + Maj(f, g, h);
            d += Sigma1(a) + Ch(a, b, c) + Vector256.Create(k[i + 4]) + w[i + 4];
            h += d;
            d += Sigma0(e) + Maj(e, f, g);
            c += Sigma1(h) + Ch(h, a, b) + Vector256.Create(k[i + 5]) + w[i + 5];
            g += c;
            c += Sigma0(d) + Maj(d, e, f);
            b += Sigma1(g) + Ch(g, h, a) + Vector256.Create(k[i + 6]) + w[i + 6];
            f += b;
            b += Sigma0(c) + Maj(c, d, e);
            a += Sigma1(f) + Ch(f, g, h) + Vector256.Create(k[i + 7]) + w[i + 7];
            e += a;
            a += Sigma0(b) + Maj(b, c, d);
        }

        state[0] += a;
        state[1] += b;
        state[2] += c;
        state[3] += d;
        state[4] += e;
        state[5] += f;
        state[6] += g;
        state[7] += h;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<uint> Rotr(Vector256<uint> x, int n) =>
        Vector256.ShiftRightLogical(x, n) | Vector256.ShiftLeft(x, 32 - n);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<uint> Sigma0(Vector256<uint> a) => Rotr(a, 2) ^ Rotr(a, 13) ^ Rotr(a, 22);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<uint> Sigma1(Vector256<uint> e) => Rotr(e, 6) ^ Rotr(e, 11) ^ Rotr(e, 25);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<uint> Ch(Vector256<uint> e, Vector256<uint> f, Vector256<uint> g) => g ^ (e & (f ^ g));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<uint> Maj(Vector256<uint> a, Vector256<uint> b, Vector256<uint> c) => (a & b) | (c & (a | b));
}
