using ActorChain.Core.Codec;
using ActorChain.Core.Pos.Block;
using ActorChain.Core.Pos.Misc;
using ActorChain.Core.Pos.Model;
using ActorChain.Core.Pos.State;
using ActorChain.Core.Tests.Pos.Misc;
using ActorChain.Core.Transactions;
using static ActorChain.Core.Tests.Pos.BeaconFixture;

namespace ActorChain.Core.Tests.Pos.Block;

/// <summary>CONSENSUS.md §5.4 step 5: flags by inclusion delay, and each reason an attestation is refused.</summary>
public sealed class AttestationRulesTests
{
    private static readonly BeaconState GenesisState = Genesis(16, Minimal);
    private static readonly ProducedBlock B1 = Produce(GenesisState, 1, [], Minimal);

    /// <summary>The state after block 1 (slot 1), on 16 validators.</summary>
    internal static readonly BeaconState S1 = B1.PostState;

    /// <summary>The root of block 1.</summary>
    internal static readonly Hash32 B1Root = B1.Block.Root;

    internal static readonly Hash32 Other = TestStates.Hash("other");

    /// <summary>The lowest validator on duty at slot 1.</summary>
    internal static readonly int Voter = OnDutyAt(S1, 1);

    /// <summary>Voter's honest vote for block 1.</summary>
    internal static readonly Attestation Vote = AttestationOf(S1, B1Root, 1, Voter, Minimal);

    internal static Attestation Resigned(Attestation a, AttestationData d) =>
        Sign(KeyOf(S1, a.ValidatorIndex), a.ValidatorIndex, d);

    internal static AttestationRejection? ForBlockAt(ulong slot, Attestation a) =>
        AttestationRules.ValidateForBlock(Advanced(S1, slot, Minimal), a, Minimal, SignatureCheck.Direct);

    internal static AttestationRejection? GossipAt(ulong slot, Attestation a) =>
        AttestationRules.ValidateForGossip(Advanced(S1, slot, Minimal), a, slot, Minimal, SignatureCheck.Direct);

    private static int OnDutyAt(BeaconState s, ulong slot)
    {
        var a = Advanced(s, slot, Minimal);
        for (var v = 0; v < a.ValidatorCount; v++)
        {
            if (Committees.CommitteeOf(a, Minimal.EpochOf(slot), v, Minimal) is { } duty && duty.Slot == slot)
            {
                return v;
            }
        }

        throw new InvalidOperationException($"nobody is on duty at slot {slot}");
    }

    [Theory]
    [InlineData(1UL, 7)]
    [InlineData(2UL, 3)]
    [InlineData(3UL, 2)]
    [InlineData(8UL, 2)]
    public void Loses_head_after_one_slot_and_source_after_isqrt_of_slots_per_epoch(ulong delay, int flags)
    {
        // minimal: SLOTS_PER_EPOCH = 8, isqrt(8) = 2. SOURCE = 1, TARGET = 2, HEAD = 4.
        var inclusion = 1 + delay;
        var at = Advanced(S1, inclusion, Minimal);
        AttestationRules.ParticipationFlags(at, Vote.Data, inclusion, Minimal).Should().Be((byte)flags);

        var b = Produce(S1, inclusion, [Vote], Minimal);
        var post = Apply(S1, b.Block, Minimal).PostState;
        var set = inclusion < 8 ? post.CurrentEpochParticipation[Voter] : post.PreviousEpochParticipation[Voter];
        b.Block.Body.Attestations.Should().Equal(Vote);
        set.Should().Be((byte)flags);
    }

    [Fact]
    public void Earns_source_and_target_but_not_head_for_a_wrong_head_vote()
    {
        var wrongHead = Vote.Data with { HeadRoot = Other };
        AttestationRules.ParticipationFlags(Advanced(S1, 2, Minimal), wrongHead, 2, Minimal)
            .Should().Be(AttestationRules.TimelySource | AttestationRules.TimelyTarget);
    }

    [Fact]
    public void Earns_only_source_for_a_wrong_target_vote()
    {
        var wrongTarget = Vote.Data with { Target = new Checkpoint(0, Other) };
        AttestationRules.ParticipationFlags(Advanced(S1, 2, Minimal), wrongTarget, 2, Minimal)
            .Should().Be(AttestationRules.TimelySource);
    }

    [Fact]
    public void Accepts_an_honest_attestation_for_a_block_and_on_gossip()
    {
        ForBlockAt(2, Vote).Should().BeNull();
        GossipAt(1, Vote).Should().BeNull();
    }

    [Fact]
    public void Refuses_inclusion_outside_the_window()
    {
        ForBlockAt(1, Vote)!.Reason.Should().Be(AttestationInvalidReason.OutsideInclusionWindow);
        ForBlockAt(10, Vote)!.Reason.Should().Be(AttestationInvalidReason.OutsideInclusionWindow);
    }

    [Fact]
    public void Refuses_a_target_older_than_the_previous_epoch() =>
        ForBlockAt(17, Vote)!.Reason.Should().Be(AttestationInvalidReason.TargetEpochTooOld);

    [Fact]
    public void Refuses_a_wrong_source_on_gossip_and_in_blocks()
    {
        var wrong = Resigned(Vote, Vote.Data with { Source = new Checkpoint(0, Other) });
        GossipAt(1, wrong)!.Reason.Should().Be(AttestationInvalidReason.WrongSource);
        ForBlockAt(2, wrong)!.Reason.Should().Be(AttestationInvalidReason.WrongSource);
    }

    [Fact]
    public void Refuses_a_future_slot_and_a_future_target_on_gossip()
    {
        var d = Vote.Data;
        var future = Resigned(Vote, d with { Slot = 9, Target = new Checkpoint(1, d.Target.Root) });
        GossipAt(1, future)!.Reason.Should().Be(AttestationInvalidReason.FutureSlot);
        var futureTargetOnly = Resigned(Vote, d with { Slot = 1, Target = new Checkpoint(1, d.Target.Root) });
        GossipAt(1, futureTargetOnly)!.Reason.Should().Be(AttestationInvalidReason.FutureTarget);
    }

    [Fact]
    public void Refuses_a_target_epoch_that_is_not_the_slots_epoch()
    {
        var mismatch = Resigned(Vote, Vote.Data with { Slot = 9 });
        GossipAt(9, mismatch)!.Reason.Should().Be(AttestationInvalidReason.TargetEpochNotSlotEpoch);
    }

    [Fact]
    public void Refuses_a_validator_outside_the_committee()
    {
        var committee = Committees.BeaconCommittee(S1, 1, 0, Minimal);
        var outsider = (Voter + 1) % 16;
        while (committee.Contains(outsider))
        {
            outsider = (outsider + 1) % 16;
        }

        var a = Sign(KeyOf(S1, (ulong)outsider), (ulong)outsider, Vote.Data);
        GossipAt(1, a)!.Reason.Should().Be(AttestationInvalidReason.NotInCommittee);
    }

    [Fact]
    public void Refuses_a_bad_committee_index_and_an_unknown_validator()
    {
        var badCommittee = Resigned(Vote, Vote.Data with { CommitteeIndex = 1 });
        var unknown = new Attestation(99, Vote.Data, Vote.Sig);
        GossipAt(1, badCommittee)!.Reason.Should().Be(AttestationInvalidReason.BadCommitteeIndex);
        GossipAt(1, unknown)!.Reason.Should().Be(AttestationInvalidReason.UnknownValidator);
    }

    [Fact]
    public void Refuses_a_bad_signature()
    {
        var forged = Sign(Alice, Vote.ValidatorIndex, Vote.Data);
        GossipAt(1, forged)!.Reason.Should().Be(AttestationInvalidReason.BadSignature);
        ForBlockAt(2, forged)!.Reason.Should().Be(AttestationInvalidReason.BadSignature);
    }
}
