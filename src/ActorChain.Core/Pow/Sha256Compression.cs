using System.Buffers.Binary;
using System.Numerics;
using System.Runtime.CompilerServices;

namespace ActorChain.Core.Pow;

/// <summary>
/// The SHA-256 compression function (FIPS 180-4 §6.2.2) on a caller-held state, with no allocation. The BCL has no
/// midstate API, so <see cref="PowHasher"/> uses this to hash a header's nonce-free prefix once and each nonce with
/// one compression for the last block plus one for the second hash.
/// </summary>
internal static class Sha256Compression
{
    /// <summary>The number of 32-bit words of a SHA-256 state.</summary>
    public const int StateWords = 8;

    /// <summary>The number of words of the message schedule.</summary>
    public const int ScheduleWords = 64;

    /// <summary>The round constants K.</summary>
    public static ReadOnlySpan<uint> RoundConstants =>
    [
        0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5,
        0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174,
        0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da,
        0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967,
        0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85,
        0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070,
        0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3,
        0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2,
    ];

    /// <summary>The initial hash value H(0).</summary>
    public static ReadOnlySpan<uint> InitialState =>
        [0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a, 0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19];

    /// <summary>Loads a 64-byte block into the first 16 words of <paramref name="w"/>, big-endian.</summary>
    public static void LoadBlock(ReadOnlySpan<byte> block, Span<uint> w)
    {
        block = block[..64];
        w = w[..16];
        for (var i = 0; i < 16; i++)
        {
            w[i] = BinaryPrimitives.ReadUInt32BigEndian(block[(4 * i)..]);
        }
    }

    /// <summary>
    /// Compresses one block into <paramref name="state"/> (8 words). <paramref name="w"/> holds 64 words whose first
    /// 16 are the block, big-endian; the rest is overwritten with the message schedule.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Compress(Span<uint> state, Span<uint> w)
    {
        state = state[..StateWords];
        w = w[..ScheduleWords];
        for (var i = 16; i < ScheduleWords; i++)
        {
            uint x = w[i - 15], y = w[i - 2];
            var s0 = BitOperations.RotateRight(x, 7) ^ BitOperations.RotateRight(x, 18) ^ (x >> 3);
            var s1 = BitOperations.RotateRight(y, 17) ^ BitOperations.RotateRight(y, 19) ^ (y >> 10);
            w[i] = w[i - 16] + s0 + w[i - 7] + s1;
        }

        uint a = state[0], b = state[1], c = state[2], d = state[3], e = state[4], f = state[5], g = state[6], h = state[7];
        var k = RoundConstants;
        for (var i = 0; i < ScheduleWords; i += 8)
        {
            h += Sigma1(e) + Ch(e, f, g) + k[i + 0] + w[i + 0];
            d += h;
            h += Sigma0(a) + Maj(a, b, c);
            g += Sigma1(d) + Ch(d, e, f) + k[i + 1] + w[i + 1];
            c += g;
            g += Sigma0(h) + Maj(h, a, b);
            f += Sigma1(c) + Ch(c, d, e) + k[i + 2] + w[i + 2];
            b += f;
            f += Sigma0(g) + Maj(g, h, a);
            e += Sigma1(b) + Ch(b, c, d) + k[i + 3] + w[i + 3];
            a += e;
            e += Sigma0(f) + Maj(f, g, h);
            d += Sigma1(a) + Ch(a, b, c) + k[i + 4] + w[i + 4];
            h += d;
            d += Sigma0(e) + Maj(e, f, g);
            c += Sigma1(h) + Ch(h, a, b) + k[i + 5] + w[i + 5];
            g += c;
            c += Sigma0(d) + Maj(d, e, f);
            b += Sigma1(g) + Ch(g, h, a) + k[i + 6] + w[i + 6];
            f += b;
            b += Sigma0(c) + Maj(c, d, e);
            a += Sigma1(f) + Ch(f, g, h) + k[i + 7] + w[i + 7];
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
    private static uint Sigma0(uint a) =>
        BitOperations.RotateRight(a, 2) ^ BitOperations.RotateRight(a, 13) ^ BitOperations.RotateRight(a, 22);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static uint Sigma1(uint e) =>
        BitOperations.RotateRight(e, 6) ^ BitOperations.RotateRight(e, 11) ^ BitOperations.RotateRight(e, 25);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static uint Ch(uint e, uint f, uint g) => g ^ (e & (f ^ g));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static uint Maj(uint a, uint b, uint c) => (a & b) | (c & (a | b));
}
