using ActorChain.Core.Pos.Block;
using ActorChain.Core.Pos.Model;
using ActorChain.Core.Pos.State;
using ActorChain.Core.Transactions;
using static ActorChain.Core.Tests.Pos.BeaconFixture;

namespace ActorChain.Core.Tests.Pos.Block;

/// <summary>CONSENSUS.md §5.7: what an honest proposer includes, and in which order.</summary>
public sealed class BlockProductionTests
{
    private static readonly BeaconState GenesisState = Genesis(16, Minimal);
    private static readonly ProducedBlock B1 = Produce(GenesisState, 1, [], Minimal);
    private static readonly BeaconState S1 = B1.PostState;

    [Fact]
    public void Puts_the_attestations_that_set_the_most_flags_first()
    {
        // At slot 3 the slot-1 votes earn SOURCE + TARGET (delay 2 = isqrt(8)) and the slot-2 votes all three flags:
        // those are worth more and come first, lower validator index first on a tie.
        var b2 = Produce(S1, 2, [], Minimal);
        var slot1 = Attestations(S1, B1.Block.Root, 1, Minimal);
        var slot2 = Attestations(b2.PostState, b2.Block.Root, 2, Minimal);

        var b3 = Produce(b2.PostState, 3, [.. slot1, .. slot2], Minimal);

        var included = b3.Block.Body.Attestations;
        included.Should().HaveCount(4);
        included.Take(2).Should().BeEquivalentTo(slot2);
        included.Skip(2).Should().BeEquivalentTo(slot1);
        included[0].ValidatorIndex.Should().BeLessThan(included[1].ValidatorIndex);
        Apply(b2.PostState, b3.Block, Minimal).PostState.Root().Should().Be(b3.Block.Header.StateRoot);
    }

    [Fact]
    public void Leaves_out_invalid_duplicate_and_worthless_attestations()
    {
        var vote = Attestations(S1, B1.Block.Root, 1, Minimal)[0];
        var d = vote.Data;
        var wrongSource = Sign(KeyOf(S1, vote.ValidatorIndex), vote.ValidatorIndex,
            d with { Source = new Checkpoint(0, d.HeadRoot) });
        var forged = Sign(Alice, vote.ValidatorIndex, d);

        var b2 = Produce(S1, 2, [wrongSource, vote, forged, vote], Minimal);

        b2.Block.Body.Attestations.Should().Equal(vote);
    }

    [Fact]
    public void Stops_at_max_attestations()
    {
        var one = Minimal with { MaxAttestations = 1 };
        var votes = Attestations(S1, B1.Block.Root, 1, one);

        var b2 = Produce(S1, 2, votes, one);

        votes.Should().HaveCount(2);
        b2.Block.Body.Attestations.Should().ContainSingle().Which.Should().BeOneOf(votes);
    }

    [Fact]
    public void Keeps_the_better_of_two_votes_of_one_validator()
    {
        var v = (int)Attestations(S1, B1.Block.Root, 1, Minimal)[0].ValidatorIndex;
        var honest = AttestationOf(S1, B1.Block.Root, 1, v, Minimal);
        var d = honest.Data;
        var wrongHead = Sign(KeyOf(S1, (ulong)v), (ulong)v, d with { HeadRoot = d.Target.Root });

        var b2 = Produce(S1, 2, [wrongHead, honest], Minimal);

        b2.Block.Body.Attestations.Should().Equal(honest);
    }

    [Fact]
    public void Refuses_to_produce_for_another_proposer_or_with_the_wrong_key()
    {
        var proposer = ProposerAt(S1, 2, Minimal);
        var other = (proposer + 1) % 16;

        var forOther = () => BlockProduction.Produce(S1, 2, other, KeyOf(S1, (ulong)other), [], [], [], [], Minimal,
            SignatureCheck.Direct);
        forOther.Should().Throw<ArgumentException>().WithMessage("*proposer*");
        var wrongKey = () => BlockProduction.Produce(S1, 2, proposer, Alice, [], [], [], [], Minimal, SignatureCheck.Direct);
        wrongKey.Should().Throw<ArgumentException>();
        var pastSlot = () => BlockProduction.Produce(S1, 1, proposer, KeyOf(S1, (ulong)proposer), [], [], [], [], Minimal,
            SignatureCheck.Direct);
        pastSlot.Should().Throw<ArgumentException>();
    }
}
