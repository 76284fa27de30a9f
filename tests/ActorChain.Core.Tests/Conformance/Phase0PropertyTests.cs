using ActorChain.Core.Conformance;
using CsCheck;

namespace ActorChain.Core.Tests.Conformance;

/// <summary>Laws of the phase0 readers: bitlists round-trip, and no input bytes make a decoder throw.</summary>
public sealed class Phase0PropertyTests
{
    [Fact]
    public void A_bitlist_reads_back_the_bits_it_was_written_with()
    {
        Gen.Bool.Array[0, 70].Sample(bits =>
        {
            var bytes = new byte[(bits.Length / 8) + 1];
            for (var i = 0; i < bits.Length; i++)
            {
                bytes[i / 8] |= (byte)(bits[i] ? 1 << (i % 8) : 0);
            }

            bytes[bits.Length / 8] |= (byte)(1 << (bits.Length % 8)); // the sentinel
            SszReader.Of(bytes, "B").Bitlist(2048).Should().Equal(bits);
        });
    }

    [Fact]
    public void No_bytes_make_the_snappy_reader_or_the_state_decoder_throw()
    {
        Gen.Byte.Array[0, 600].Sample(bytes =>
        {
            SnappyBlock.Decompress(bytes, out var snappyError);
            var state = Phase0State.Decode(bytes, Phase0StateTests.Tiny, out var stateError);
            (state is null).Should().Be(stateError is not null);
            snappyError?.Should().StartWith("snappy:");
        });
    }

    [Fact]
    public void Every_single_byte_change_of_a_valid_state_decodes_or_is_named()
    {
        var valid = Phase0StateTests.TinyState();
        Gen.Select(Gen.Int[0, valid.Length - 1], Gen.Byte).Sample((at, value) =>
        {
            var bytes = (byte[])valid.Clone();
            bytes[at] = value;
            var state = Phase0State.Decode(bytes, Phase0StateTests.Tiny, out var error);
            (state is null).Should().Be(error is not null);
            (error ?? "BeaconState").Should().StartWith("BeaconState");
        });
    }
}
