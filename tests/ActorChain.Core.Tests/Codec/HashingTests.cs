using System.Numerics;
using System.Text;
using ActorChain.Core.Codec;

namespace ActorChain.Core.Tests.Codec;

/// <summary>SHA-256 (<c>H</c> of CONSENSUS.md §0), roots and <see cref="Hash32"/>.</summary>
public sealed class HashingTests
{
    private static readonly byte[] Abc = Encoding.ASCII.GetBytes("abc");

    [Fact]
    public void Matches_the_sha256_test_vector()
    {
        Sha256.Hash(Abc).ToString().Should().Be("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    }

    [Fact]
    public void Hashes_concatenated_parts_like_the_whole()
    {
        Sha256.Hash("a"u8, "bc"u8).Should().Be(Sha256.Hash(Abc));
        Sha256.Hash("a"u8, "b"u8, "c"u8).Should().Be(Sha256.Hash(Abc));
        var big = Enumerable.Range(0, 1000).Select(i => (byte)i).ToArray();
        Sha256.Hash(big.AsSpan(0, 300), big.AsSpan(300)).Should().Be(Sha256.Hash(big), "long inputs are streamed");
        Sha256.Hash(big.AsSpan(0, 10), big.AsSpan(10, 500), big.AsSpan(510)).Should().Be(Sha256.Hash(big));
    }

    [Fact]
    public void Hashes_twice_as_sha_of_sha()
    {
        Sha256.HashTwice(Abc).Should().Be(Sha256.Hash(Sha256.Hash(Abc).AsSpan()));
    }

    [Fact]
    public void Roots_a_canonical_value_as_the_hash_of_its_bytes()
    {
        var value = new Sample(7, "x");
        Canonical.Root(value).Should().Be(Sha256.Hash(Canonical.Encode(value)));
        Canonical.Encode(value).Should().HaveCount(8 + 4 + 1);
    }

    [Fact]
    public void Round_trips_hashes_through_hex_and_unsigned_integers()
    {
        var h = Sha256.Hash(Abc);
        Hash32.FromHex(h.ToString()).Should().Be(h);
        Hash32.FromHex("0x" + h).Should().Be(h);
        Hash32.FromUnsignedBigInteger(h.ToUnsignedBigInteger()).Should().Be(h);
        Hash32.FromUnsignedBigInteger(BigInteger.One).ToString().Should().Be(string.Concat(Enumerable.Repeat("00", 31)) + "01");
        Hash32.FromUnsignedBigInteger(BigInteger.Pow(2, 256) - 1).ToString().Should().Be(new string('f', 64));
        h.ShortHex().Should().Be("ba7816bf");
    }

    [Fact]
    public void Rejects_values_that_are_not_256_bit_unsigned()
    {
        FluentFrom(() => Hash32.FromUnsignedBigInteger(BigInteger.One << 256)).Should().Throw<ArgumentOutOfRangeException>();
        FluentFrom(() => Hash32.FromUnsignedBigInteger(BigInteger.MinusOne)).Should().Throw<ArgumentOutOfRangeException>();
    }

    [Fact]
    public void Rejects_wrong_widths_and_bad_hex()
    {
        FluentFrom(() => Hash32.Wrap(new byte[31])).Should().Throw<ArgumentException>().WithMessage("*needs 32 bytes, got 31*");
        FluentFrom(() => Hash32.FromHex("zz")).Should().Throw<FormatException>();
        Hash32.TryFromHex("zz", out _).Should().BeFalse();
        Hash32.TryFromHex(null, out _).Should().BeFalse();
        Hash32.TryFromHex(new string('g', 64), out _).Should().BeFalse();
        Hash32.TryFromHex(new string('A', 64), out var upper).Should().BeTrue();
        upper.ToString().Should().Be(new string('a', 64));
    }

    [Fact]
    public void Orders_fixed_bytes_as_unsigned_big_endian_numbers()
    {
        var small = Hash32.FromUnsignedBigInteger(0x7f);
        var big = Hash32.FromUnsignedBigInteger(0x80);
        var top = Hash32.FromHex("80" + new string('0', 62));
        List<Hash32> sorted = [top, big, small, Hash32.Zero];
        sorted.Sort();

        sorted.Should().Equal(Hash32.Zero, small, big, top);
        (small < big).Should().BeTrue();
        (top >= big).Should().BeTrue();
    }

    [Fact]
    public void Copies_bytes_in_and_out()
    {
        var raw = new byte[32];
        var h = Hash32.Wrap(raw);
        raw[0] = 1;
        h.ToArray()[1] = 1;
        h.Should().Be(Hash32.Zero);
    }

    [Fact]
    public void Treats_the_default_value_as_zero()
    {
        default(Hash32).Should().Be(Hash32.Zero);
        default(Hash32).IsZero.Should().BeTrue();
        default(Hash32).AsSpan().Length.Should().Be(32);
        new Hash32(new byte[32]).GetHashCode().Should().Be(default(Hash32).GetHashCode());
        Sha256.Hash(Abc).IsZero.Should().BeFalse();
    }

    [Fact]
    public void Xors_and_reads_the_first_u64()
    {
        var a = Sha256.Hash(Abc);
        a.Xor(a).Should().Be(Hash32.Zero);
        a.Xor(Hash32.Zero).Should().Be(a);
        Hash32.FromHex("0100000000000000" + new string('f', 48)).FirstU64Le().Should().Be(1UL);
    }

    [Fact]
    public void Round_trips_through_the_reader()
    {
        var h = Sha256.Hash(Abc);
        var w = new CanonicalWriter();
        h.WriteTo(w);
        Hash32.Read(new CanonicalReader(w.ToArray())).Should().Be(h);
    }

    [Fact]
    public void Is_equal_by_content_with_a_matching_hash_code()
    {
        var a = Sha256.Hash(Abc);
        var b = Hash32.Wrap(a.ToArray());
        a.Should().Be(b);
        (a == b).Should().BeTrue();
        a.GetHashCode().Should().Be(b.GetHashCode());
        new HashSet<Hash32> { a, b, Hash32.Zero }.Should().HaveCount(2);
    }

    private static Action FluentFrom(Action a) => a;

    private sealed record Sample(ulong N, string S) : ICanonical
    {
        public void WriteTo(CanonicalWriter w) => w.U64Le(N).String(S);
    }
}
