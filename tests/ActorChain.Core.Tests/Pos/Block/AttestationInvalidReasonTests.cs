using ActorChain.Core.Pos.Block;
using ActorChain.Core.Pos.Misc;
using ActorChain.Core.Pos.Model;
using ActorChain.Core.Transactions;
using static ActorChain.Core.Tests.Pos.BeaconFixture;
using static ActorChain.Core.Tests.Pos.Block.AttestationRulesTests;

namespace ActorChain.Core.Tests.Pos.Block;

/// <summary>
/// <see cref="AttestationInvalidReasonExtensions.RefusedVoteMayBeEvidence"/> against the order of the checks in
/// <see cref="AttestationRules.ValidateForGossip"/>: for each reason, a vote refused for it, once genuine and once forged.
/// </summary>
public sealed class AttestationInvalidReasonTests
{
    /// <summary>A vote by <paramref name="Validator"/> with <paramref name="Data"/>, gossiped at <paramref name="CurrentSlot"/>.</summary>
    private sealed record Refusal(ulong CurrentSlot, ulong Validator, AttestationData Data)
    {
        public Attestation Genuine() =>
            Validator < (ulong)S1.ValidatorCount ? Sign(KeyOf(S1, Validator), Validator, Data) : Forged();

        public Attestation Forged() => Sign(Alice, Validator, Data);

        public bool FromTheFuture() => Data.Slot > CurrentSlot || Data.Target.Epoch > Minimal.EpochOf(CurrentSlot);

        public AttestationInvalidReason? Gossip(Attestation a) =>
            AttestationRules.ValidateForGossip(Advanced(S1, CurrentSlot, Minimal), a, CurrentSlot, Minimal,
                SignatureCheck.Direct)?.Reason;

        public Refusal WithData(ulong slot, ulong targetEpoch) =>
            this with { Data = Data with { Slot = slot, Target = new Checkpoint(targetEpoch, Data.Target.Root) } };
    }

    /// <summary>A vote refused on gossip for each reason but the block-only one (BadSignature: the forged one is refused).</summary>
    private static readonly SortedDictionary<AttestationInvalidReason, Refusal> Refusals = BuildRefusals();

    private static SortedDictionary<AttestationInvalidReason, Refusal> BuildRefusals()
    {
        var d = Vote.Data;
        var voter = (ulong)Voter;
        return new SortedDictionary<AttestationInvalidReason, Refusal>
        {
            [AttestationInvalidReason.FutureSlot] = new(1, voter, d with { Slot = 9, Target = new Checkpoint(1, d.Target.Root) }),
            [AttestationInvalidReason.FutureTarget] = new(1, voter, d with { Slot = 1, Target = new Checkpoint(1, d.Target.Root) }),
            [AttestationInvalidReason.TargetEpochTooOld] = new(17, voter, d),
            [AttestationInvalidReason.TargetEpochNotSlotEpoch] = new(9, voter, d with { Slot = 9 }),
            [AttestationInvalidReason.BadCommitteeIndex] = new(1, voter, d with { Slot = 1, CommitteeIndex = 1 }),
            [AttestationInvalidReason.UnknownValidator] = new(1, 99, d),
            [AttestationInvalidReason.NotInCommittee] = new(1, Outsider(), d),
            [AttestationInvalidReason.WrongSource] = new(1, voter, d with { Slot = 1, Source = new Checkpoint(0, Other) }),
            [AttestationInvalidReason.BadSignature] = new(1, voter, d),
        };
    }

    private static ulong Outsider()
    {
        var committee = Committees.BeaconCommittee(S1, 1, 0, Minimal).ToArray();
        for (var v = (Voter + 1) % 16; ; v = (v + 1) % 16)
        {
            if (!committee.Contains(v))
            {
                return (ulong)v;
            }
        }
    }

    [Fact]
    public void Refuses_each_genuine_fixture_for_its_own_reason()
    {
        foreach (var (reason, r) in Refusals)
        {
            if (reason == AttestationInvalidReason.BadSignature)
            {
                r.Gossip(r.Genuine()).Should().BeNull("the genuine vote of the bad-signature case is valid");
                r.Gossip(r.Forged()).Should().Be(reason);
            }
            else
            {
                r.Gossip(r.Genuine()).Should().Be(reason);
            }
        }
    }

    [Fact]
    public void Calls_evidence_exactly_the_refusals_decided_before_the_signature_of_a_present_vote_by_a_known_validator()
    {
        foreach (var reason in Enum.GetValues<AttestationInvalidReason>())
        {
            var decidedBeforeSignature = Refusals.TryGetValue(reason, out var r)
                && r.Gossip(r.Genuine()) == reason && r.Gossip(r.Forged()) == reason;
            var derived = decidedBeforeSignature && !r!.FromTheFuture() && r.Validator < (ulong)S1.ValidatorCount;

            reason.RefusedVoteMayBeEvidence().Should().Be(derived, $"{reason}");
        }
    }

    [Fact]
    public void Refuses_a_vote_from_the_future_for_the_clock_whatever_else_is_wrong_with_it()
    {
        foreach (var (reason, r) in Refusals)
        {
            if (!reason.RefusedVoteMayBeEvidence())
            {
                continue;
            }

            var epoch = Minimal.EpochOf(r.CurrentSlot);
            var laterSlot = r.WithData(r.CurrentSlot + 1, Minimal.EpochOf(r.CurrentSlot + 1));
            var laterTarget = r.WithData(r.Data.Slot, epoch + 1);

            r.Gossip(laterSlot.Forged()).Should().Be(AttestationInvalidReason.FutureSlot, $"{reason}, one slot ahead");
            r.Gossip(laterTarget.Forged()).Should().Be(AttestationInvalidReason.FutureTarget, $"{reason}, one epoch ahead");
        }
    }

    [Fact]
    public void Describes_every_reason()
    {
        foreach (var reason in Enum.GetValues<AttestationInvalidReason>())
        {
            reason.Describe().Should().NotBe(reason.ToString());
        }
    }
}
