using System.Diagnostics;
using System.Globalization;
using ActorChain.Core.Codec;
using ActorChain.Core.Crypto;

namespace ActorChain.Cli.Bench;

/// <summary>
/// <c>bench ed25519</c>: signatures made and verified per second on one thread, over distinct roots (as a PoS run
/// signs and checks distinct votes), with core's <see cref="SigningKey"/> and <see cref="Signatures"/> (NSec).
/// </summary>
public static class Ed25519Bench
{
    private const int Ops = 4_000;

    /// <summary>Runs the benchmark <paramref name="runs"/> times and prints each run and the medians.</summary>
    public static int Run(int runs, TextWriter output)
    {
        var keys = Enumerable.Range(0, 64).Select(i => Keys.FromName("bench", $"validator-{i}")).ToArray();
        var roots = Enumerable.Range(0, Ops).Select(i => Sha256.Hash(BitConverter.GetBytes(i))).ToArray();
        var sigs = new Signature[Ops];
        Measure(keys, roots, sigs); // warm-up: JIT and libsodium initialisation
        var signUs = new List<double>();
        var verifyUs = new List<double>();
        for (var r = 0; r < runs; r++)
        {
            var (sign, verify) = Measure(keys, roots, sigs);
            signUs.Add(sign);
            verifyUs.Add(verify);
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"run {r + 1}: sign {sign:F1} µs ({1e6 / sign:N0}/s), verify {verify:F1} µs ({1e6 / verify:N0}/s)"));
        }

        var s = BenchStats.Median(signUs);
        var v = BenchStats.Median(verifyUs);
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"median of {runs}: sign {s:F1} µs = {1e6 / s:N0} signatures/s; verify {v:F1} µs = {1e6 / v:N0} verifications/s (one thread, NSec/libsodium)"));
        return 0;
    }

    private static (double SignMicros, double VerifyMicros) Measure(SigningKey[] keys, Hash32[] roots, Signature[] sigs)
    {
        var watch = Stopwatch.StartNew();
        for (var i = 0; i < roots.Length; i++)
        {
            sigs[i] = keys[i % keys.Length].Sign(Domain.Attester, roots[i]);
        }

        var sign = watch.Elapsed.TotalMicroseconds / roots.Length;
        watch.Restart();
        var valid = 0;
        for (var i = 0; i < roots.Length; i++)
        {
            valid += Signatures.Verify(keys[i % keys.Length].PublicKey, Domain.Attester, roots[i], sigs[i]) ? 1 : 0;
        }

        var verify = watch.Elapsed.TotalMicroseconds / roots.Length;
        if (valid != roots.Length)
        {
            throw new InvalidOperationException($"only {valid} of {roots.Length} signatures verified");
        }

        return (sign, verify);
    }
}
