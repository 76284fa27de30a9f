using System.Text;
using ActorChain.Core.Codec;
using ActorChain.Core.Pos.Model;
using ActorChain.Core.Pos.Protection;
using ActorChain.Core.Pos.Slashing;
using ActorChain.Node.Faults;

namespace ActorChain.Node.Tests.Validators;

/// <summary>The slashable votes a faulty validator signs (CONSENSUS.md §5.2, isSlashable), from its honest duty and its record.</summary>
public sealed class ConflictingVotesTests
{
    private const ulong Spe = 8;
    private const ulong None = SlashingProtectionRecord.None;
    private static readonly Hash32 A = Root("a");
    private static readonly Hash32 B = Root("b");
    private static readonly Hash32 C = Root("c");

    private static Hash32 Root(string s) => Sha256.Hash(Encoding.ASCII.GetBytes(s));

    private static AttestationData Vote(ulong slot, Hash32 head, ulong source, Hash32 sourceRoot, ulong target, Hash32 targetRoot) =>
        new(slot, 0, head, new Checkpoint(source, sourceRoot), new Checkpoint(target, targetRoot));

    [Fact]
    public void Votes_for_the_target_block_as_head_in_a_second_vote_of_the_same_target()
    {
        var honest = Vote(29, C, 2, A, 3, B);
        var second = ConflictingVotes.DoubleVote(honest);
        second.HeadRoot.Should().Be(B);
        second.Target.Should().Be(honest.Target);
        second.Source.Should().Be(honest.Source);
        SlashingRules.IsSlashableEitherOrder(honest, second).Should().BeTrue();
    }

    [Fact]
    public void Votes_for_the_source_block_when_the_head_is_the_target_block()
    {
        var honest = Vote(24, B, 2, A, 3, B);
        var second = ConflictingVotes.DoubleVote(honest);
        second.HeadRoot.Should().Be(A);
        second.Target.Should().Be(new Checkpoint(3, A));
        SlashingRules.IsSlashableEitherOrder(honest, second).Should().BeTrue();
    }

    [Fact]
    public void Still_double_votes_when_head_target_and_source_are_one_block()
    {
        var honest = Vote(3, A, 0, A, 0, A);
        var second = ConflictingVotes.DoubleVote(honest);
        second.HeadRoot.Should().NotBe(A);
        SlashingRules.IsSlashableEitherOrder(honest, second).Should().BeTrue();
    }

    [Fact]
    public void Surrounds_the_vote_with_the_highest_source()
    {
        var earlier = Vote(28, B, 2, A, 3, B);
        var signed = new SlashingProtectionRecord(None, 2, 3);
        var honest = Vote(36, C, 3, B, 4, C);
        var surround = ConflictingVotes.SurroundVote(honest, signed, Spe);
        surround.Should().NotBeNull();
        surround!.Source.Epoch.Should().Be(1);
        surround.Target.Should().Be(honest.Target);
        SlashingRules.IsSlashableAttestationData(surround, earlier).Should().BeTrue("it surrounds the earlier vote");
        surround.Target.Epoch.Should().Be(4, "not a double vote of the honest target");
    }

    [Fact]
    public void Sits_inside_a_wide_vote_when_no_source_is_above_zero()
    {
        var wide = Vote(24, B, 0, A, 3, B);
        var signed = new SlashingProtectionRecord(None, 0, 3);
        var honest = Vote(33, C, 0, A, 4, C);
        var inside = ConflictingVotes.SurroundVote(honest, signed, Spe);
        inside.Should().NotBeNull();
        inside!.Source.Epoch.Should().Be(1);
        inside.Target.Epoch.Should().Be(2);
        inside.Slot.Should().Be(17, "the honest slot moved back to epoch 2");
        SlashingRules.IsSlashableAttestationData(wide, inside).Should().BeTrue("the wide vote surrounds it");
    }

    [Fact]
    public void Finds_nothing_to_surround_before_any_wide_enough_vote()
    {
        var honest = Vote(12, B, 0, A, 1, B);
        ConflictingVotes.SurroundVote(honest, SlashingProtectionRecord.Empty, Spe).Should().BeNull();
        ConflictingVotes.SurroundVote(honest, new SlashingProtectionRecord(None, 0, 0), Spe).Should().BeNull();
        ConflictingVotes.SurroundVote(Vote(20, B, 0, A, 2, B), new SlashingProtectionRecord(None, 0, 1), Spe).Should().BeNull();
    }

    [Fact]
    public void Every_vote_it_builds_is_slashable_against_the_one_protection_recorded()
    {
        // Property over small epochs: whenever SurroundVote answers, the answer and the recorded vote are a slashable pair.
        for (ulong s = 0; s < 6; s++)
        {
            for (var t = s + 1; t < 8; t++)
            {
                var recorded = Vote((t * Spe) + 1, B, s, A, t, B);
                var signed = new SlashingProtectionRecord(None, s, t);
                for (var target = t + 1; target < 10; target++)
                {
                    var honest = Vote((target * Spe) + 2, C, t, B, target, C);
                    var built = ConflictingVotes.SurroundVote(honest, signed, Spe);
                    if (built is not null)
                        SlashingRules.IsSlashableEitherOrder(built, recorded).Should().BeTrue($"({s},{t}) against {built}");
                }
            }
        }
    }
}
