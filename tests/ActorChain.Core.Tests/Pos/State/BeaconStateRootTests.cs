using ActorChain.Core.Codec;
using ActorChain.Core.Pos;
using ActorChain.Core.Pos.Model;
using ActorChain.Core.Pos.State;
using ActorChain.Core.Tests.Pos.Misc;

namespace ActorChain.Core.Tests.Pos.State;

/// <summary>The memoized state root is always exactly <c>H(canonical(state))</c> (CONSENSUS.md §0), whatever changed.</summary>
public sealed class BeaconStateRootTests
{
    private static BeaconState Genesis(int validators) => TestStates.Uniform(ConsensusConfig.Minimal, 0, validators, 32);

    private static void RootIsHashOfCanonical(BeaconState s) => s.Root().Should().Be(Sha256.Hash(s.Encode()));

    [Fact]
    public void Keeps_the_root_equal_to_the_hash_of_the_canonical_form_across_changes()
    {
        var s = Genesis(8);
        RootIsHashOfCanonical(s);
        var before = s.Root();

        s.IncreaseBalance(3, 5);
        RootIsHashOfCanonical(s);
        s.Root().Should().NotBe(before);

        var afterBalance = s.Root();
        s.SetValidator(2, s.Validators[2] with { EffectiveBalance = Units.Coins(31) });
        RootIsHashOfCanonical(s);
        s.Root().Should().NotBe(afterBalance);

        s.AddValidator(s.Validators[0] with { EffectiveBalance = Units.Coins(1) }, Units.Coins(1));
        RootIsHashOfCanonical(s);
        s.Slot = 9;
        RootIsHashOfCanonical(s);
        s.LatestBlockHeader = new BeaconBlockHeader(9, 1, TestStates.GenesisRoot, Hash32.Zero, TestStates.Hash("body"));
        RootIsHashOfCanonical(s);
        s.LatestBlockRoot.Should().Be(s.LatestBlockHeader.Root);
    }

    [Fact]
    public void Does_not_let_a_copys_changes_reach_the_original()
    {
        var original = Genesis(8);
        var root = original.Root();
        var copy = original.Copy();
        copy.Root().Should().Be(root);

        copy.SetValidator(0, copy.Validators[0] with { Slashed = true });
        copy.IncreaseBalance(1, 1);
        copy.SetRandaoMixAt(0, TestStates.Hash("other mix"));
        copy.SetCurrentEpochParticipation(2, 0b111);
        copy.RotateParticipation();
        RootIsHashOfCanonical(copy);
        copy.Root().Should().NotBe(root);
        original.Root().Should().Be(root);
        RootIsHashOfCanonical(original);
    }

    [Fact]
    public void Round_trips_the_canonical_form()
    {
        var s = Genesis(5);
        s.IncreaseBalance(1, 42);
        s.JustificationBits = 0b1011;
        var back = BeaconState.Decode(s.Encode(), out var reason);
        reason.Should().BeNull();
        back!.Encode().Should().Equal(s.Encode());
        back.Root().Should().Be(s.Root());
        back.LatestBlockRoot.Should().Be(TestStates.GenesisRoot, "the anchor is the latest block");
    }

    [Fact]
    public void Rejects_justification_bits_above_fifteen_and_per_validator_vectors_of_another_length()
    {
        var s = Genesis(2);
        var bytes = s.Encode();
        var bitsAt = bytes.Length - (3 * Checkpoint.EncodedSize) - 4 - (2 * 8) - 4 - 8 - 1; // before the checkpoints
        bytes[bitsAt].Should().Be(0);
        bytes[bitsAt] = 16;
        BeaconState.Decode(bytes, out var reason).Should().BeNull();
        reason.Should().Contain("justification bits");

        var w = new CanonicalWriter();
        w.U64Le(0).Fixed(Hash32.Zero).List([s.Validators[0]]).U64Le(0).Bool(false);
        w.U32Le(0).U32Le(0).U32Le(0).U32Le(0); // no balance for the one validator; no mixes, roots, slashings
        w.Bytes([0]).Bytes([0]).U8(0).Value(s.Finalized).Value(s.Finalized).Value(s.Finalized);
        w.U32Le(1).U64Le(0).Value(s.Accounts).U64Le(1);
        BeaconState.Decode(w.ToArray(), out var mismatch).Should().BeNull();
        mismatch.Should().Contain("per-validator");
    }

    [Fact]
    public void Keeps_justification_bits_to_four_bits_and_balances_at_or_above_zero()
    {
        var s = Genesis(1);
        s.JustificationBits = 0b1_0110;
        s.JustificationBits.Should().Be(0b0110);
        s.DecreaseBalance(0, ulong.MaxValue);
        s.Balance(0).Should().Be(0);
        var overflow = () => { s.SetBalance(0, ulong.MaxValue); s.IncreaseBalance(0, 1); };
        overflow.Should().Throw<OverflowException>();
    }
}
