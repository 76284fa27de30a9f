using System.Collections.Immutable;
using ActorChain.Core.Codec;

namespace ActorChain.Core.Tests.Codec;

/// <summary>The canonical writer and its strict reader (CONSENSUS.md §0; golden README "Strict decoding").</summary>
public sealed class CanonicalCodecTests
{
    [Fact]
    public void Writes_integers_little_endian_at_fixed_width()
    {
        var bytes = new CanonicalWriter().U8(0xab).U32Le(0x01020304).U64Le(0x0102030405060708UL).Bool(true).ToArray();

        Convert.ToHexStringLower(bytes).Should().Be("ab" + "04030201" + "0807060504030201" + "01");
    }

    [Fact]
    public void Round_trips_every_primitive()
    {
        var w = new CanonicalWriter(1)
            .U8(255).Bool(false).Bool(true).U32Le(uint.MaxValue).U64Le(1UL << 63).U64Le(ulong.MaxValue)
            .Fixed([9, 8, 7]).Bytes([1, 2]).String("héllo ✓")
            .List(ImmutableArray.Create(5UL, 6UL), (w, v) => w.U64Le(v));
        var r = new CanonicalReader(w.ToArray());

        r.U8().Should().Be(255);
        r.Bool().Should().BeFalse();
        r.Bool().Should().BeTrue();
        r.U32Le().Should().Be(uint.MaxValue);
        r.U64Le().Should().Be(1UL << 63);
        r.U64Le().Should().Be(ulong.MaxValue);
        r.Fixed(3).Should().Equal(9, 8, 7);
        r.Bytes().Should().Equal(1, 2);
        r.String().Should().Be("héllo ✓");
        r.List(x => x.U64Le()).Should().Equal(5UL, 6UL);
        r.AtEnd.Should().BeTrue();
        r.ExpectEnd();
    }

    [Fact]
    public void Grows_the_writer_buffer_as_needed()
    {
        var w = new CanonicalWriter(0);
        for (var i = 0UL; i < 1000; i++)
        {
            w.U64Le(i);
        }

        w.Length.Should().Be(8000);
        var r = new CanonicalReader(w.ToArray());
        for (var i = 0UL; i < 1000; i++)
        {
            r.U64Le().Should().Be(i);
        }
    }

    [Fact]
    public void Rejects_truncated_input()
    {
        Reading(new byte[7], r => r.U64Le()).Should().Throw<MalformedEncodingException>().WithMessage("*truncated*");
        Reading(new byte[3], r => r.U32Le()).Should().Throw<MalformedEncodingException>();
        Reading([], r => r.U8()).Should().Throw<MalformedEncodingException>();
        Reading(new byte[31], r => r.Fixed(32)).Should().Throw<MalformedEncodingException>();
        Reading(new CanonicalWriter().U32Le(10).Fixed(new byte[9]).ToArray(), r => r.Bytes()).Should().Throw<MalformedEncodingException>();
    }

    [Fact]
    public void Rejects_oversized_length_prefixes()
    {
        var atLimit = new CanonicalWriter().U32Le(CanonicalReader.MaxLength).ToArray();
        var huge = new CanonicalWriter().U32Le(CanonicalReader.MaxLength + 1).ToArray();
        var negative = new CanonicalWriter().U32Le(unchecked((uint)-5)).ToArray();

        Reading(huge, r => r.Bytes()).Should().Throw<MalformedEncodingException>().WithMessage("*length out of range*");
        Reading(negative, r => r.List(x => x.U8())).Should().Throw<MalformedEncodingException>().WithMessage("*4294967291*");
        Reading(atLimit, r => r.Bytes()).Should().Throw<MalformedEncodingException>().WithMessage("*truncated*", "2^24 itself is in range");
        Reading(new CanonicalWriter().U32Le(3).ToArray(), r => r.List(x => x.U8(), maxCount: 2))
            .Should().Throw<MalformedEncodingException>().WithMessage("*3 > 2*");
    }

    [Fact]
    public void Rejects_a_list_longer_than_its_bytes()
    {
        var bytes = new CanonicalWriter().U32Le(1_000_000).U64Le(1).ToArray();
        Reading(bytes, r => r.List(x => x.U64Le())).Should().Throw<MalformedEncodingException>();
    }

    [Fact]
    public void Rejects_trailing_bytes()
    {
        var bytes = new CanonicalWriter().U64Le(1).U8(0).ToArray();

        Canonical.TryDecode(bytes, r => r.U64Le(), out _, out var reason).Should().BeFalse();
        reason.Should().Contain("1 trailing bytes");
        Canonical.TryDecode(new CanonicalWriter().U64Le(42).ToArray(), r => r.U64Le(), out var decoded, out reason).Should().BeTrue();
        decoded.Should().Be(42UL);
        reason.Should().BeNull();
    }

    [Fact]
    public void Rejects_non_canonical_booleans_and_malformed_utf8()
    {
        Reading([2], r => r.Bool()).Should().Throw<MalformedEncodingException>().WithMessage("*bool*");
        var badUtf8 = new CanonicalWriter().Bytes([0xc3, 0x28]).ToArray();
        Reading(badUtf8, r => r.String()).Should().Throw<MalformedEncodingException>().WithMessage("*UTF-8*");
    }

    [Fact]
    public void Turns_every_rejection_into_a_reason_at_the_decode_boundary()
    {
        Canonical.TryDecode(new byte[] { 2 }, r => r.Bool(), out _, out var reason).Should().BeFalse();
        reason.Should().Contain("bool");
        Canonical.TryDecode(ReadOnlyMemory<byte>.Empty, r => r.U8(), out _, out reason).Should().BeFalse();
        reason.Should().Contain("truncated");
        Canonical.TryDecode(new byte[] { 1 }, _ => throw new ArgumentException("base fee 0"), out object? _, out reason).Should().BeFalse();
        reason.Should().Contain("base fee 0");
        Canonical.Decode<string>(new byte[] { 1 }, r => r.U8().ToString(System.Globalization.CultureInfo.InvariantCulture), out reason).Should().Be("1");
    }

    [Fact]
    public void Reads_a_u64_from_an_offset()
    {
        byte[] b = [0, 1, 0, 0, 0, 0, 0, 0, 0x80];
        CanonicalReader.U64Le(b, 1).Should().Be(0x8000000000000001UL);
    }

    private static Action Reading(byte[] bytes, Action<CanonicalReader> read) => () => read(new CanonicalReader(bytes));
}
