using ActorChain.Core.Codec;
using ActorChain.Core.Crypto;
using ActorChain.Core.Pos.Epoch;
using ActorChain.Core.Pos.Model;
using ActorChain.Node.Chain;

namespace ActorChain.Node.Tests.Chain;

/// <summary>The chain's record of the votes it saw per validator and target epoch, for the epoch tally.</summary>
public sealed class VotesSeenTests
{
    private static readonly Checkpoint Source = new(0, Sha256.Hash("genesis"u8));
    private static readonly Hash32 BlockA = Sha256.Hash("block a"u8);
    private static readonly Hash32 BlockB = Sha256.Hash("block b"u8);

    private static Attestation Vote(int validator, ulong slot, string targetRoot = "t", ulong epoch = 1) =>
        new((ulong)validator, new AttestationData(slot, 0, Sha256.Hash("head"u8), Source,
            new Checkpoint(epoch, Sha256.Hash(System.Text.Encoding.UTF8.GetBytes(targetRoot)))), Signature.Empty);

    private static readonly Func<Hash32, ulong, bool> OnlyA = (root, _) => root == BlockA;

    [Fact]
    public void Keeps_the_first_sighting_and_the_canonical_inclusion_of_a_vote_without_extra_entries()
    {
        var seen = new VotesSeen(4);
        var vote = Vote(2, 9);
        seen.Included(vote, BlockB, 10, clockSlot: 11); // on a fork first
        seen.Seen(vote with { }, clockSlot: 10); // the same data on gossip, earlier in the clock's terms
        seen.Included(vote, BlockA, 12, clockSlot: 12);

        seen.VotesOf(2, 1, OnlyA).Should().Equal(
            new SeenVote(vote.Data, 10, null),
            new SeenVote(vote.Data, 12, 12));
        seen.VotesOf(2, 1, (_, _) => true)[0].CanonicalInclusionSlot.Should().Be(10);
        seen.VotesOf(1, 1, OnlyA).Should().BeEmpty("validator 1 was not seen");
        seen.VotesOf(2, 2, OnlyA).Should().BeEmpty("nothing for epoch 2");
    }

    [Fact]
    public void Keeps_a_second_vote_of_the_same_epoch_once()
    {
        var seen = new VotesSeen(4);
        var first = Vote(1, 9, "fork one");
        var second = Vote(1, 9, "fork two");
        seen.Seen(first, 9);
        seen.Seen(second, 10);
        seen.Seen(second, 11);

        seen.VotesOf(1, 1, OnlyA).Should().Equal(new SeenVote(first.Data, 9, null), new SeenVote(second.Data, 10, null));
        seen.ExtraCount.Should().Be(1);
    }

    [Fact]
    public void Forgets_an_epoch_once_a_newer_one_takes_its_place_in_the_ring_and_ignores_older_votes()
    {
        var seen = new VotesSeen(2);
        seen.Seen(Vote(0, 9), 9);
        seen.Seen(Vote(0, 9 + (8 * VotesSeen.Epochs), epoch: 1 + VotesSeen.Epochs), 50);

        seen.VotesOf(0, 1, OnlyA).Should().BeEmpty("epoch 1's place went to epoch 5");
        seen.VotesOf(0, 1 + VotesSeen.Epochs, OnlyA).Should().ContainSingle();

        seen.Seen(Vote(1, 9), 51); // epoch 1 again: older than the epoch in its place
        seen.VotesOf(1, 1, OnlyA).Should().BeEmpty();
        seen.VotesOf(1, 1 + VotesSeen.Epochs, OnlyA).Should().BeEmpty();
    }

    [Fact]
    public void Grows_for_a_validator_beyond_the_count_it_started_with()
    {
        var seen = new VotesSeen(2);
        seen.Seen(Vote(9, 9), 9);
        seen.VotesOf(9, 1, OnlyA).Should().Equal(new SeenVote(Vote(9, 9).Data, 9, null));
    }
}
