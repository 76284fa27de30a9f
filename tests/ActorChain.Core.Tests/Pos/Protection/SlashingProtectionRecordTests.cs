using ActorChain.Core.Pos.Protection;

namespace ActorChain.Core.Tests.Pos.Protection;

/// <summary>CONSENSUS.md §5.7: EIP-3076's minimal rules, as Teku.</summary>
public sealed class SlashingProtectionRecordTests
{
    private const ulong None = SlashingProtectionRecord.None;
    private static readonly SlashingProtectionRecord Empty = SlashingProtectionRecord.Empty;

    [Fact]
    public void Lets_a_fresh_validator_sign_anything()
    {
        Empty.Should().Be(new SlashingProtectionRecord(None, None, None));
        Empty.MaySignBlock(0).Should().Be(new SlashingProtectionRecord(0, None, None));
        Empty.MaySignAttestation(0, 0).Should().Be(new SlashingProtectionRecord(None, 0, 0));
    }

    [Fact]
    public void Signs_a_block_only_after_the_last_signed_slot()
    {
        var r = Empty.MaySignBlock(5)!;
        r.MaySignBlock(5).Should().BeNull();
        r.MaySignBlock(4).Should().BeNull();
        r.MaySignBlock(6).Should().Be(new SlashingProtectionRecord(6, None, None));
    }

    [Fact]
    public void Refuses_a_double_vote_and_a_vote_surrounding_or_below_the_last_one()
    {
        var r = Empty.MaySignAttestation(2, 3)!;
        r.MaySignAttestation(2, 3).Should().BeNull("same target: a double vote");
        r.MaySignAttestation(1, 4).Should().BeNull("older source: would surround");
        r.MaySignAttestation(3, 3).Should().BeNull("target not after the last");
        r.MaySignAttestation(2, 4).Should().Be(new SlashingProtectionRecord(None, 2, 4));
        r.MaySignAttestation(3, 5).Should().Be(new SlashingProtectionRecord(None, 3, 5));
    }

    [Fact]
    public void Refuses_to_sign_the_none_value_itself()
    {
        Empty.MaySignBlock(None).Should().BeNull();
        Empty.MaySignAttestation(0, None).Should().BeNull();
    }

    [Fact]
    public void Keeps_block_and_attestation_histories_apart() =>
        Empty.MaySignBlock(9)!.MaySignAttestation(0, 1).Should().Be(new SlashingProtectionRecord(9, 0, 1));

    [Fact]
    public void Records_the_highest_epochs_of_a_vote_signed_anyway()
    {
        var r = new SlashingProtectionRecord(40, 3, 5);
        r.MaySignAttestation(1, 6).Should().BeNull("surrounding: protection refuses it");
        r.RecordVoteAnyway(1, 6).Should().Be(new SlashingProtectionRecord(40, 3, 6));
        r.MaySignAttestation(4, 5).Should().BeNull("same target: protection refuses it");
        r.RecordVoteAnyway(4, 5).Should().Be(new SlashingProtectionRecord(40, 4, 5));
        r.RecordVoteAnyway(2, 4).Should().Be(r, "below both: nothing new");
        Empty.RecordVoteAnyway(0, 1).Should().Be(new SlashingProtectionRecord(None, 0, 1));
    }

    [Fact]
    public void Records_the_highest_slot_of_a_block_signed_anyway()
    {
        var r = new SlashingProtectionRecord(40, 3, 5);
        r.MaySignBlock(40).Should().BeNull("same slot: protection refuses it");
        r.RecordBlockAnyway(40).Should().Be(r);
        r.RecordBlockAnyway(39).Should().Be(r);
        r.RecordBlockAnyway(41).Should().Be(new SlashingProtectionRecord(41, 3, 5));
        Empty.RecordBlockAnyway(0).Should().Be(new SlashingProtectionRecord(0, None, None));
    }

    [Fact]
    public void Round_trips_its_24_byte_encoding_and_rejects_bad_bytes()
    {
        var r = new SlashingProtectionRecord(17, 1, 2);
        SlashingProtectionRecord.Decode(r.Encode(), out _).Should().Be(r);
        SlashingProtectionRecord.Decode(Empty.Encode(), out _).Should().Be(Empty);
        Empty.Encode().Should().Equal(Enumerable.Repeat((byte)0xff, 24));
        r.Encode().Should().HaveCount(24);
        SlashingProtectionRecord.Decode(new byte[23], out var truncated).Should().BeNull();
        truncated.Should().NotBeNull();
        var bad = new SlashingProtectionRecord(0, 0, 0).Encode();
        bad[7] = 0x80; // lastSignedBlockSlot = 2^63, neither none nor below 2^63
        SlashingProtectionRecord.Decode(bad, out var reason).Should().BeNull();
        reason.Should().Contain("2^63");
        var construct = () => new SlashingProtectionRecord(None - 1, None, None);
        construct.Should().Throw<ArgumentOutOfRangeException>();
    }
}
