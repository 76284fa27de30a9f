using System.Buffers.Binary;
using System.Diagnostics;
using System.Globalization;
using System.Runtime.Intrinsics;
using System.Security.Cryptography;
using ActorChain.Core.Codec;
using ActorChain.Core.Crypto;
using ActorChain.Core.Pow;

namespace ActorChain.Cli.Bench;

/// <summary>
/// <c>actorchain bench pow</c>: proof-of-work header hashes (SHA-256d through <see cref="PowHasher.Search"/>, as a
/// miner runs it: midstate, eight nonces per step in SIMD lanes where the hardware has them) per second on one thread,
/// against one-shot BCL <c>SHA256.HashData</c> calls per second over the same 140-byte header. Also shows the plain
/// BCL SHA-256d (two calls per nonce) and the midstate hasher one nonce at a time (<see cref="PowHasher.MeetsTarget"/>).
/// </summary>
public static class PowBench
{
    private const int Batch = 1 << 14;
    private static readonly TimeSpan MeasureFor = TimeSpan.FromMilliseconds(400);
    private static readonly TimeSpan WarmFor = TimeSpan.FromMilliseconds(200);

    /// <summary>Runs <paramref name="runs"/> measurements, prints each and the median ratio; returns 0.</summary>
    public static int Run(int runs, TextWriter output)
    {
        ArgumentNullException.ThrowIfNull(output);
        runs = Math.Max(1, runs);
        var header = new PowHeader(1_000, Sha256.Hash([1]), 1_700_000_000_000, PowParams.DefaultGenesisTarget,
            Sha256.Hash([2]), Address.Of(new PubKey(Sha256.Hash([3]).AsSpan())), 0);
        var encoded = header.Canonical();
        // An unreachable target, so that every nonce of the search is hashed and compared.
        var hasher = new PowHasher(header with { Target = Targets.MinTarget });
        CheckAgreement(header, encoded);

        ulong nonce = 0;
        Measure(WarmFor, n => OneShot(encoded, n));
        Measure(WarmFor, n => TwoCalls(encoded, ref nonce, n));
        Measure(WarmFor, n => Midstate(hasher, ref nonce, n));
        Measure(WarmFor, n => Search(hasher, ref nonce, n));

        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"pow bench: one thread, 140-byte header, SIMD lanes {(Vector256.IsHardwareAccelerated ? "on" : "off")}; rates in hashes per second"));
        var ratios = new List<double>(runs);
        for (var run = 1; run <= runs; run++)
        {
            var oneShot = Measure(MeasureFor, n => OneShot(encoded, n));
            var twoCalls = Measure(MeasureFor, n => TwoCalls(encoded, ref nonce, n));
            var midstate = Measure(MeasureFor, n => Midstate(hasher, ref nonce, n));
            var search = Measure(MeasureFor, n => Search(hasher, ref nonce, n));
            var ratio = search / oneShot;
            ratios.Add(ratio);
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"run {run}: BCL one-shot SHA-256 {oneShot:N0}/s; SHA-256d by two BCL calls {twoCalls:N0}/s " +
                $"({twoCalls / oneShot:F2}); midstate one nonce at a time {midstate:N0}/s ({midstate / oneShot:F2}); " +
                $"PoW header hashes (Search) {search:N0}/s; ratio {ratio:F2}"));
        }

        ratios.Sort();
        var median = ratios.Count % 2 == 1
            ? ratios[ratios.Count / 2]
            : (ratios[(ratios.Count / 2) - 1] + ratios[ratios.Count / 2]) / 2;
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"median ratio (PoW header hashes / BCL one-shot SHA-256 calls): {median:F2} over {runs} runs (target >= 0.70)"));
        return 0;
    }

    private static void CheckAgreement(PowHeader header, byte[] encoded)
    {
        var hasher = new PowHasher(header);
        for (ulong n = 0; n < 16; n++)
        {
            BinaryPrimitives.WriteUInt64LittleEndian(encoded.AsSpan(PowHeader.NonceOffset), n);
            if (hasher.Hash(n) != Sha256.HashTwice(encoded))
            {
                throw new InvalidOperationException($"the midstate hasher disagrees with SHA-256d at nonce {n}");
            }
        }
    }

    private static double Measure(TimeSpan atLeast, Action<int> batch)
    {
        long hashes = 0;
        var sw = Stopwatch.StartNew();
        do
        {
            batch(Batch);
            hashes += Batch;
        }
        while (sw.Elapsed < atLeast);
        return hashes / sw.Elapsed.TotalSeconds;
    }

    private static void OneShot(byte[] encoded, int n)
    {
        Span<byte> digest = stackalloc byte[Hash32.Width];
        for (var i = 0; i < n; i++)
        {
            SHA256.HashData(encoded, digest);
        }
    }

    private static void TwoCalls(byte[] encoded, ref ulong nonce, int n)
    {
        Span<byte> inner = stackalloc byte[Hash32.Width];
        Span<byte> outer = stackalloc byte[Hash32.Width];
        var nonceBytes = encoded.AsSpan(PowHeader.NonceOffset);
        for (var i = 0; i < n; i++)
        {
            BinaryPrimitives.WriteUInt64LittleEndian(nonceBytes, nonce++);
            SHA256.HashData(encoded, inner);
            SHA256.HashData(inner, outer);
        }
    }

    private static void Midstate(PowHasher hasher, ref ulong nonce, int n)
    {
        for (var i = 0; i < n; i++)
        {
            if (hasher.MeetsTarget(nonce++))
            {
                throw new InvalidOperationException($"nonce {nonce - 1} met the unreachable target 1");
            }
        }
    }

    private static void Search(PowHasher hasher, ref ulong nonce, int n)
    {
        if (hasher.Search(nonce, (ulong)n) is { } found)
        {
            throw new InvalidOperationException($"nonce {found} met the unreachable target 1");
        }

        nonce += (ulong)n;
    }
}
