using System.Numerics;
using System.Text;
using ActorChain.Core.Crypto;
using R = ActorChain.Core.Tests.Crypto.Ed25519Reference;

namespace ActorChain.Core.Tests.Crypto;

/// <summary>
/// Inputs an honest signer never produces: small-order and mixed-order keys, small-order R, non-canonical S, key and
/// R encodings, garbage. The verdicts of core's (NSec/libsodium) verifier are those of the rule of CONSENSUS.md §0,
/// written out in <see cref="Ed25519Reference"/>; verification never throws.
/// </summary>
public sealed class Ed25519EdgeCaseTests
{
    private static readonly byte[] Seed = Convert.FromHexString("9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60");
    private static readonly SigningKey Key = Keys.FromSeed(Seed);
    private static readonly byte[] Pub = Key.PublicKey.ToArray();
    private static readonly byte[] Message = Encoding.UTF8.GetBytes("attestation");
    private static readonly byte[] Sig = Key.SignMessage(Message);

    /// <summary>The eight points of order dividing 8, found as [L]Q for random points Q.</summary>
    private static List<byte[]> TorsionPoints()
    {
        var found = new SortedSet<string>(StringComparer.Ordinal);
        var random = new Random(8);
        while (found.Count < 8)
        {
            var y = new byte[32];
            random.NextBytes(y);
            if (R.Decode(y) is { } q)
            {
                found.Add(Convert.ToHexStringLower(R.Encode(R.Mul(R.L, q))));
            }
        }

        return [.. found.Select(Convert.FromHexString)];
    }

    private static byte[] Add(byte[] p, byte[] q) => R.Encode(R.Add(R.Decode(p)!.Value, R.Decode(q)!.Value));

    [Fact]
    public void Finds_the_known_small_order_points()
    {
        TorsionPoints().Select(Convert.ToHexStringLower).Should().Contain(
        [
            "0100000000000000000000000000000000000000000000000000000000000000", // identity
            "ecffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f", // order 2
            "0000000000000000000000000000000000000000000000000000000000000000", // order 4
            "c7176a703d4dd84fba3c0b760d10670f2a2053fa2c39ccc64ec7fd7792ac037a", // order 8
            "26e8958fc2b227b045c3f489f2ef98f0d5dfac05d3c63339b13802886d53fc05",
        ]);
    }

    /// <summary>
    /// A small-order key A makes <c>([s]B, s)</c> satisfy <c>[S]B = R + [k]A</c> whenever <c>[k]A</c> is the identity; the
    /// identity key accepts <c>([s]B, s)</c> for every message. The Java reference accepted those forgeries;
    /// CONSENSUS.md §0 (libsodium) rejects every small-order key up front.
    /// </summary>
    [Fact]
    public void Rejects_every_forgery_under_a_small_order_key()
    {
        var random = new Random(9);
        var equationHeld = 0;
        foreach (var a in TorsionPoints())
        {
            for (var i = 0; i < 4; i++)
            {
                var s = new BigInteger(random.Next(1, int.MaxValue));
                byte[] msg = [(byte)i, (byte)random.Next()];
                var sig = R.Signature(R.Encode(R.Mul(s, R.Base)), s);
                equationHeld += R.Verify(a, msg, sig, rejectSmallOrder: false) ? 1 : 0;
                Ed25519.Verify(a, msg, sig).Should().BeFalse($"key {Convert.ToHexStringLower(a)}, case {i}");
                R.Verify(a, msg, sig).Should().BeFalse();
            }
        }

        equationHeld.Should().BePositive("the cofactorless equation alone accepts some of these forgeries");
        var identity = Convert.FromHexString("01" + new string('0', 62));
        var forged = R.Signature(R.Encode(R.Mul(42, R.Base)), 42);
        R.Verify(identity, Message, forged, rejectSmallOrder: false).Should().BeTrue("([s]B, s) satisfies the equation under the identity key");
        Ed25519.Verify(identity, Message, forged).Should().BeFalse("small-order keys are rejected (CONSENSUS.md §0)");
        Signatures.Verify(new PubKey(identity), Domain.Attester, default, new Signature(forged)).Should().BeFalse();
    }

    [Fact]
    public void Rejects_a_small_order_R_even_when_the_equation_holds()
    {
        // R = identity, S = k·a: [S]B = [k]A = R + [k]A, a signature only the key's owner can make.
        var identity = R.Encode(R.Identity);
        var k = R.Challenge(identity, Pub, Message);
        var s = k * R.SecretScalar(Seed) % R.L;
        var sig = R.Signature(identity, s);

        R.Verify(Pub, Message, sig, rejectSmallOrder: false).Should().BeTrue("the equation holds");
        Ed25519.Verify(Pub, Message, sig).Should().BeFalse("a small-order R is rejected (CONSENSUS.md §0)");
        R.Verify(Pub, Message, sig).Should().BeFalse();
    }

    [Fact]
    public void Treats_mixed_order_keys_and_Rs_as_the_rule_says()
    {
        var torsion = TorsionPoints();
        var r = Sig.AsSpan(0, 32).ToArray();
        var s = Sig.AsSpan(32).ToArray();
        foreach (var t in torsion)
        {
            var mixed = Add(Pub, t);
            Ed25519.Verify(mixed, Message, Sig).Should().Be(R.Verify(mixed, Message, Sig), $"key + {Convert.ToHexStringLower(t)}");
            foreach (var u in torsion.Where((_, j) => j % 3 == 0))
            {
                byte[] sig = [.. Add(r, u), .. s];
                Ed25519.Verify(mixed, Message, sig).Should().Be(R.Verify(mixed, Message, sig));
                Ed25519.Verify(Pub, Message, sig).Should().Be(R.Verify(Pub, Message, sig));
            }
        }

        Ed25519.Verify(Pub, Message, Sig).Should().BeTrue();
    }

    [Fact]
    public void Rejects_a_non_canonical_S()
    {
        var s = R.FromLe(Sig.AsSpan(32));
        for (var multiple = 1; multiple <= 8; multiple++)
        {
            var big = s + (R.L * multiple);
            if (big.GetBitLength() > 256)
            {
                break;
            }

            Ed25519.Verify(Pub, Message, R.Signature(Sig.AsSpan(0, 32), big)).Should().BeFalse($"S + {multiple}L");
        }

        Ed25519.Verify(Pub, Message, R.Signature(Sig.AsSpan(0, 32), R.L)).Should().BeFalse("S = L");
    }

    [Fact]
    public void Rejects_invalid_public_key_encodings()
    {
        var keys = new List<byte[]>();
        for (var delta = 0; delta < 19; delta++)
        {
            var y = R.ToLe(R.P + delta); // y ≥ p: non-canonical, whether or not y − p is on the curve
            keys.Add((byte[])y.Clone());
            y[31] |= 0x80;
            keys.Add(y);
        }

        keys.Add(Convert.FromHexString("01" + new string('0', 60) + "80")); // x = 0 with the sign bit: "negative zero"
        keys.Add(Convert.FromHexString("ec" + new string('f', 62)));
        keys.Add(Convert.FromHexString("02" + new string('0', 62))); // not on the curve
        var random = new Random(10);
        while (keys.Count < 80)
        {
            var y = new byte[32];
            random.NextBytes(y);
            if (R.Decode(y) is null)
            {
                keys.Add(y);
            }
        }

        foreach (var key in keys)
        {
            Ed25519.Verify(key, Message, Sig).Should().BeFalse(Convert.ToHexStringLower(key));
        }

        // Even a signature made to fit the non-canonical key fails: p + 1 would be the identity.
        var forged = R.Signature(R.Encode(R.Mul(5, R.Base)), 5);
        Ed25519.Verify(R.ToLe(R.P + 1), Message, forged).Should().BeFalse();
    }

    [Fact]
    public void Rejects_invalid_R_encodings()
    {
        var s = Sig.AsSpan(32).ToArray();
        var rs = new List<byte[]>
        {
            R.ToLe(R.P + 1),
            Convert.FromHexString("01" + new string('0', 60) + "80"),
            Convert.FromHexString("02" + new string('0', 62)),
            Enumerable.Repeat((byte)0xff, 32).ToArray(),
        };
        for (var delta = 0; delta < 19; delta++)
        {
            rs.Add(R.ToLe(R.P + delta));
        }

        foreach (var r in rs)
        {
            Ed25519.Verify(Pub, Message, [.. r, .. s]).Should().BeFalse(Convert.ToHexStringLower(r));
        }
    }

    [Fact]
    public void Never_throws_on_garbage()
    {
        var ones32 = Enumerable.Repeat((byte)0xff, 32).ToArray();
        var ones64 = Enumerable.Repeat((byte)0xff, 64).ToArray();
        foreach (var len in new[] { 0, 1, 31, 33, 64 })
        {
            Ed25519.Verify(new byte[len], Message, Sig).Should().BeFalse($"key length {len}");
        }

        foreach (var len in new[] { 0, 1, 32, 63, 65, 128 })
        {
            var sig = new byte[len];
            Sig.AsSpan(0, Math.Min(len, 64)).CopyTo(sig);
            Ed25519.Verify(Pub, Message, sig).Should().BeFalse($"signature length {len}");
        }

        Ed25519.Verify(ones32, Message, Sig).Should().BeFalse();
        Ed25519.Verify(Pub, Message, ones64).Should().BeFalse();
        Ed25519.Verify(ones32, Message, ones64).Should().BeFalse();
        Ed25519.Verify(new byte[32], Message, new byte[64]).Should().BeFalse();
        Ed25519.Verify(Pub, Message, new byte[64]).Should().BeFalse();
        var random = new Random(11);
        for (var i = 0; i < 2_000; i++)
        {
            var key = new byte[32];
            var sig = new byte[64];
            random.NextBytes(key);
            random.NextBytes(sig);
            if (i % 2 == 0)
            {
                sig[63] &= 0x0f; // canonical S, so the whole equation is evaluated
            }

            Ed25519.Verify(i % 3 == 0 ? Pub : key, Message, sig).Should().BeFalse();
        }
    }

    [Fact]
    public void Rejects_seeds_that_are_not_32_bytes_and_keeps_the_seed_out_of_ToString()
    {
        var act = () => Keys.FromSeed(new byte[31]);
        act.Should().Throw<ArgumentException>().WithMessage("*31*");
        Key.ToString().Should().NotContain(Convert.ToHexStringLower(Seed)[..8]);
    }

    [Fact]
    public void Stays_correct_after_a_failed_call()
    {
        Ed25519.Verify(Pub, Message, new byte[63]).Should().BeFalse();
        Ed25519.Verify(new byte[5], Message, Sig).Should().BeFalse();
        Key.SignMessage(Message).Should().Equal(Sig);
        Ed25519.Verify(Pub, Message, Sig).Should().BeTrue();
    }

    [Fact]
    public void Does_not_let_callers_change_the_key()
    {
        var pub = Key.PublicKey.ToArray();
        pub[0] ^= 1;
        Key.PublicKey.ToArray().Should().Equal(Pub);
        var seed = (byte[])Seed.Clone();
        var key = Keys.FromSeed(seed);
        Array.Fill(seed, (byte)0);
        key.SignMessage(Message).Should().Equal(Sig);
    }
}
