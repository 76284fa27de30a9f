using System.Collections.Immutable;
using ActorChain.Core.Codec;
using ActorChain.Core.Crypto;
using CsCheck;

namespace ActorChain.Core.Tests.Codec;

/// <summary>
/// CsCheck properties of the canonical encoding (CONSENSUS.md §0): every value round-trips, and every truncation of a
/// valid encoding, and any trailing byte, is rejected with a reason by <see cref="Canonical.TryDecode{T}"/>, never an
/// exception.
/// </summary>
public sealed class CodecPropertyTests
{
    private static readonly Gen<Sample> Samples =
        Gen.Select(
            Gen.ULong, Gen.UInt, Gen.Byte, Gen.Bool, Gen.Byte.Array[0, 40], Gen.ULong.Array[0, 12], Gen.Byte.Array[32],
            Gen.String[0, 12])
        .Select(t => new Sample(t.Item1, t.Item2, t.Item3, t.Item4, [.. t.Item5], [.. t.Item6], new Hash32(t.Item7), t.Item8));

    [Fact]
    public void Every_value_round_trips()
    {
        Samples.Sample(s =>
        {
            var bytes = Canonical.Encode(s);
            return Canonical.TryDecode(bytes, Sample.Read, out var back, out _)
                && back.Equals(s)
                && Canonical.Encode(back).AsSpan().SequenceEqual(bytes);
        });
    }

    [Fact]
    public void Every_truncation_of_a_valid_encoding_is_rejected_with_a_reason()
    {
        Samples.Sample(s =>
        {
            var bytes = Canonical.Encode(s);
            for (var len = 0; len < bytes.Length; len++)
            {
                if (Canonical.TryDecode(bytes.AsMemory(0, len), Sample.Read, out _, out var reason) || string.IsNullOrEmpty(reason))
                {
                    return false;
                }
            }

            return true;
        }, iter: 200);
    }

    [Fact]
    public void A_trailing_byte_is_rejected_with_a_reason()
    {
        Gen.Select(Samples, Gen.Byte).Sample((s, extra) =>
            !Canonical.TryDecode((byte[])[.. Canonical.Encode(s), extra], Sample.Read, out _, out var reason)
            && reason.Contains("trailing", StringComparison.Ordinal));
    }

    [Fact]
    public void Fixed_width_values_round_trip()
    {
        Gen.Byte.Array[32].Sample(b => Canonical.TryDecode(Canonical.Encode(new Hash32(b)), Hash32.Read, out var h, out _) && h.AsSpan().SequenceEqual(b));
        Gen.Byte.Array[32].Sample(b => Canonical.TryDecode(Canonical.Encode(new PubKey(b)), PubKey.Read, out var k, out _) && k == new PubKey(b));
        Gen.Byte.Array[64].Sample(b => Canonical.TryDecode(Canonical.Encode(new Signature(b)), Signature.Read, out var s, out _) && s == new Signature(b));
        Gen.Byte.Array[20].Sample(b => Canonical.TryDecode(Canonical.Encode(new Address(b)), Address.Read, out var a, out _) && a == new Address(b));
        Gen.Byte.Array[32].Sample(b => Hash32.FromHex(new Hash32(b).ToString()) == new Hash32(b));
        Gen.Byte.Array[32].Sample(b => Hash32.FromUnsignedBigInteger(new Hash32(b).ToUnsignedBigInteger()) == new Hash32(b));
    }

    [Fact]
    public void Fixed_width_order_is_big_endian_numeric_order()
    {
        Gen.Select(Gen.Byte.Array[32], Gen.Byte.Array[32]).Sample((a, b) =>
            Math.Sign(new Hash32(a).CompareTo(new Hash32(b)))
            == new Hash32(a).ToUnsignedBigInteger().CompareTo(new Hash32(b).ToUnsignedBigInteger()));
    }

    [Fact]
    public void Any_bytes_decode_or_are_rejected_without_an_exception()
    {
        Gen.Byte.Array[0, 120].Sample(b =>
        {
            var ok = Canonical.TryDecode(b, Sample.Read, out var v, out var reason);
            return ok ? v is not null && Canonical.Encode(v).AsSpan().SequenceEqual(b) : reason is not null;
        });
    }

    private sealed record Sample(
        ulong U64, uint U32, byte U8, bool Flag, ImmutableArray<byte> Blob, ImmutableArray<ulong> Numbers, Hash32 Hash, string Text)
        : ICanonical
    {
        public static Sample Read(CanonicalReader r) => new(
            r.U64Le(), r.U32Le(), r.U8(), r.Bool(), [.. r.Bytes()], r.List(x => x.U64Le()), Hash32.Read(r), r.String());

        public void WriteTo(CanonicalWriter w) =>
            w.U64Le(U64).U32Le(U32).U8(U8).Bool(Flag).Bytes(Blob.AsSpan()).List(Numbers, (x, n) => x.U64Le(n)).Fixed(Hash).String(Text);

        public bool Equals(Sample? other) =>
            other is not null && U64 == other.U64 && U32 == other.U32 && U8 == other.U8 && Flag == other.Flag
            && Blob.SequenceEqual(other.Blob) && Numbers.SequenceEqual(other.Numbers) && Hash == other.Hash && Text == other.Text;

        public override int GetHashCode() => HashCode.Combine(U64, Hash);
    }
}
