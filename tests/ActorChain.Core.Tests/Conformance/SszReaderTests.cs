using ActorChain.Core.Codec;
using ActorChain.Core.Conformance;

namespace ActorChain.Core.Tests.Conformance;

public sealed class SszReaderTests
{
    [Fact]
    public void Reads_little_endian_fixed_fields()
    {
        var b = new SszBuilder().U8(7).U64(0x0102030405060708UL).U64(ulong.MaxValue).U8(1).Build();
        var r = SszReader.Of(b, "Thing");
        r.U8("a").Should().Be(7);
        r.U64("b").Should().Be(0x0102030405060708UL);
        r.U64("c").Should().Be(ulong.MaxValue);
        r.Bool("d").Should().BeTrue();
        r.ExpectEndOfFixedPart();
        r.Remaining.Should().Be(0);
    }

    [Fact]
    public void Names_the_field_when_truncated()
    {
        var r = SszReader.Of(new byte[5], "Thing");
        var act = () => r.U64("slot");
        act.Should().Throw<MalformedEncodingException>()
            .WithMessage("*Thing.slot*").WithMessage("*needs 8 bytes at position 0*");
    }

    [Fact]
    public void Rejects_trailing_bytes_and_bad_booleans()
    {
        var r = SszReader.Of(new byte[9], "Thing");
        r.U64("a");
        r.Invoking(x => x.ExpectEndOfFixedPart()).Should().Throw<MalformedEncodingException>().WithMessage("*1 trailing bytes*");
        var act = () => SszReader.Of([2], "T").Bool("slashed");
        act.Should().Throw<MalformedEncodingException>().WithMessage("*T.slashed: a boolean must be 0 or 1, got 2*");
    }

    [Fact]
    public void Resolves_variable_fields_by_offset()
    {
        var b = new SszBuilder().U64(1).Variable([1, 0, 0, 0, 0, 0, 0, 0, 2, 0, 0, 0, 0, 0, 0, 0])
            .U8(9).Variable([]).Variable([5, 0, 0, 0, 0, 0, 0, 0]).Build();
        var r = SszReader.Of(b, "C");
        r.U64("x");
        var first = r.Offset("first");
        r.U8("y");
        var empty = r.Offset("empty");
        var last = r.Offset("last");
        r.ExpectEndOfFixedPart();
        r.Part(first).U64List(10).Should().Equal(1UL, 2UL);
        r.Part(empty).U64List(10).Should().BeEmpty();
        r.Part(last).U64List(10).Should().Equal(5UL);
    }

    [Fact]
    public void Rejects_a_first_offset_that_skips_or_overlaps_the_fixed_part()
    {
        var b = new SszBuilder().Variable(new byte[8]).Build();
        SszBuilder.PutU32(b, 0, 5);
        var r = SszReader.Of(b, "C");
        r.Offset("list");
        r.Invoking(x => x.ExpectEndOfFixedPart()).Should().Throw<MalformedEncodingException>()
            .WithMessage("*C.list: the first offset is 5, but the fixed part has 4 bytes*");
    }

    [Fact]
    public void Rejects_decreasing_or_out_of_range_offsets()
    {
        var b = new SszBuilder().Variable(new byte[8]).Variable(new byte[8]).Build();
        SszBuilder.PutU32(b, 4, 6); // second offset before the first
        var r = SszReader.Of(b, "C");
        r.Offset("a");
        r.Offset("b");
        r.Invoking(x => x.ExpectEndOfFixedPart()).Should().Throw<MalformedEncodingException>()
            .WithMessage("*C.a: offset 8 is out of order*");

        var c = new SszBuilder().Variable(new byte[8]).Variable(new byte[8]).Build();
        SszBuilder.PutU32(c, 4, 1000);
        var r2 = SszReader.Of(c, "C");
        r2.Offset("a");
        r2.Offset("b");
        r2.Invoking(x => x.ExpectEndOfFixedPart()).Should().Throw<MalformedEncodingException>().WithMessage("*C.b: offset 1000*");
    }

    [Fact]
    public void Checks_fixed_list_lengths_and_limits()
    {
        var odd = () => SszReader.Of(new byte[12], "L").U64List(10);
        odd.Should().Throw<MalformedEncodingException>().WithMessage("*12 bytes is not a whole number of 8-byte*");
        var big = () => SszReader.Of(new byte[24], "L").U64List(2);
        big.Should().Throw<MalformedEncodingException>().WithMessage("*3 elements exceed the limit 2*");
    }

    [Fact]
    public void Reads_a_variable_list()
    {
        var list = SszBuilder.VariableList([[1], [2, 3], []]);
        SszReader.Of(list, "L").VariableList(10, x => x.Size).Should().Equal(1, 2, 0);
        SszReader.Of([], "L").VariableList(10, x => x.Size).Should().BeEmpty();
    }

    [Fact]
    public void Rejects_a_broken_variable_list()
    {
        var list = SszBuilder.VariableList([[1], [2, 3]]);
        SszBuilder.PutU32(list, 4, 100);
        var past = () => SszReader.Of(list, "L").VariableList(10, x => x.Size);
        past.Should().Throw<MalformedEncodingException>().WithMessage("*L[0]: element offsets*");
        var unaligned = () => SszReader.Of([6, 0, 0, 0, 0, 0], "L").VariableList(10, x => x.Size);
        unaligned.Should().Throw<MalformedEncodingException>().WithMessage("*not a multiple of 4*");
        var three = SszBuilder.VariableList([[], [], []]);
        var tooMany = () => SszReader.Of(three, "L").VariableList(2, x => x.Size);
        tooMany.Should().Throw<MalformedEncodingException>().WithMessage("*3 elements exceed the limit 2*");
    }

    [Fact]
    public void Reads_a_bitlist_up_to_its_sentinel()
    {
        // bits 1,0,1 then the sentinel at bit 3: 0b1101
        SszReader.Of([0b1101], "B").Bitlist(8).Should().Equal(true, false, true);
        // 9 bits: byte0 = 0xff (bits 0..7), byte1 = 0b10 (bit 8 = 0, sentinel at bit 9 → length 9)
        var nine = SszReader.Of([0xff, 0b10], "B").Bitlist(16);
        nine.Should().HaveCount(9);
        nine[7].Should().BeTrue();
        nine[8].Should().BeFalse();
        SszReader.Of([1], "B").Bitlist(8).Should().BeEmpty();
    }

    [Fact]
    public void Rejects_a_bitlist_without_sentinel_or_too_long()
    {
        var empty = () => SszReader.Of([], "B").Bitlist(8);
        empty.Should().Throw<MalformedEncodingException>().WithMessage("*at least one byte*");
        var noSentinel = () => SszReader.Of([1, 0], "B").Bitlist(8);
        noSentinel.Should().Throw<MalformedEncodingException>().WithMessage("*no sentinel*");
        var tooLong = () => SszReader.Of([0, 0b100], "B").Bitlist(8);
        tooLong.Should().Throw<MalformedEncodingException>().WithMessage("*10 bits exceed the limit 8*");
    }
}
