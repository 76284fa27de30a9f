using ActorChain.Core.Crypto;
using ActorChain.Core.Pos.Misc;
using ActorChain.Core.Pos.Model;
using ActorChain.Core.Pos.State;
using ActorChain.Core.Transactions;

namespace ActorChain.Core.Pos.Block;

/// <summary>
/// Attestation validity (CONSENSUS.md §5.4 step 5, as Ethereum Altair's <c>process_attestation</c>) in a block and on
/// gossip, and the participation flags an included attestation earns. Cheap checks come first; the signature last.
/// </summary>
public static class AttestationRules
{
    /// <summary>Participation flag bit of SOURCE: <c>1 &lt;&lt; TIMELY_SOURCE_FLAG_INDEX</c>.</summary>
    public const byte TimelySource = 1 << ConsensusConfig.TimelySourceFlagIndex;

    /// <summary>Participation flag bit of TARGET.</summary>
    public const byte TimelyTarget = 1 << ConsensusConfig.TimelyTargetFlagIndex;

    /// <summary>Participation flag bit of HEAD.</summary>
    public const byte TimelyHead = 1 << ConsensusConfig.TimelyHeadFlagIndex;

    /// <summary>
    /// Validity for inclusion in a block at <paramref name="stateAtBlockSlot"/>'s slot (§5.4 step 5): window, committee,
    /// source, then signature. Null when valid.
    /// </summary>
    public static AttestationRejection? ValidateForBlock(BeaconState stateAtBlockSlot, Attestation a, ConsensusConfig c,
        SignatureCheck sigs)
    {
        var s = stateAtBlockSlot;
        var d = a.Data;
        return CheckTargetEpoch(d, c.EpochOf(s.Slot), c)
            ?? CheckInclusionWindow(d, s.Slot, c)
            ?? CheckCommittee(s, a, c)
            ?? CheckSource(s, d, c)
            ?? CheckSignature(s, a, sigs);
    }

    /// <summary>
    /// Validity on gossip, against the head state advanced to <paramref name="currentSlot"/>: not from a future slot,
    /// target epoch current or previous by the clock and the epoch of <c>data.slot</c>, in the committee it names, the
    /// state's justified source (a wrong source is a rejection: it could never be included), then the signature.
    /// </summary>
    public static AttestationRejection? ValidateForGossip(BeaconState headStateAdvancedToCurrentSlot, Attestation a,
        ulong currentSlot, ConsensusConfig c, SignatureCheck sigs)
    {
        var s = headStateAdvancedToCurrentSlot;
        var d = a.Data;
        if (d.Slot > currentSlot)
        {
            return Reject(AttestationInvalidReason.FutureSlot, $"slot {d.Slot}, current slot {currentSlot}");
        }

        return CheckTargetEpoch(d, c.EpochOf(currentSlot), c)
            ?? CheckCommittee(s, a, c)
            ?? CheckSource(s, d, c)
            ?? CheckSignature(s, a, sigs);
    }

    /// <summary>
    /// The flags an attestation earns when included at <paramref name="inclusionSlot"/>, with
    /// <c>d = inclusionSlot − data.slot</c> (§5.4 step 5): SOURCE if <c>d ≤ isqrt(SLOTS_PER_EPOCH)</c>; TARGET if
    /// <c>target.root == blockRoot(target.epoch)</c> and <c>d ≤ SLOTS_PER_EPOCH</c>; HEAD if TARGET holds,
    /// <c>headRoot</c> is the root at <c>data.slot</c> and <c>d == 1</c>. The attestation must already have passed
    /// <see cref="ValidateForBlock"/>.
    /// </summary>
    public static byte ParticipationFlags(BeaconState s, AttestationData d, ulong inclusionSlot, ConsensusConfig c)
    {
        var delay = inclusionSlot - d.Slot;
        var matchingTarget = d.Target.Root == Accessors.BlockRoot(s, d.Target.Epoch, c);
        var matchingHead = matchingTarget && d.HeadRoot == Accessors.BlockRootAtSlot(s, d.Slot, c);
        byte flags = 0;
        if (delay <= ExactMath.IntegerSquareRoot(c.SlotsPerEpoch))
        {
            flags |= TimelySource;
        }

        if (matchingTarget && delay <= c.SlotsPerEpoch)
        {
            flags |= TimelyTarget;
        }

        if (matchingHead && delay == 1)
        {
            flags |= TimelyHead;
        }

        return flags;
    }

    /// <summary>The checkpoint an attestation with this target epoch must name as its source, on state <paramref name="s"/>.</summary>
    public static Checkpoint JustifiedFor(BeaconState s, ulong targetEpoch, ConsensusConfig c) =>
        targetEpoch == c.EpochOf(s.Slot) ? s.CurrentJustified : s.PreviousJustified;

    /// <summary>Whether <paramref name="a"/> carries the signature of validator <c>a.ValidatorIndex</c>, which <paramref name="s"/> must hold.</summary>
    public static bool IsSignedByItsValidator(BeaconState s, Attestation a, SignatureCheck sigs) =>
        sigs.Verify(s.Validators[(int)a.ValidatorIndex].Pubkey, Domain.Attester, a.Data.Root, a.Sig);

    /// <summary><c>target.epoch ∈ {previous, current}</c> and <c>target.epoch == epoch(data.slot)</c>.</summary>
    internal static AttestationRejection? CheckTargetEpoch(AttestationData d, ulong currentEpoch, ConsensusConfig c)
    {
        var target = d.Target.Epoch;
        var previous = currentEpoch == 0 ? 0 : currentEpoch - 1;
        if (target > currentEpoch)
        {
            return Reject(AttestationInvalidReason.FutureTarget, $"target epoch {target}, current epoch {currentEpoch}");
        }

        if (target < previous)
        {
            return Reject(AttestationInvalidReason.TargetEpochTooOld, $"target epoch {target}, previous epoch {previous}");
        }

        if (c.EpochOf(d.Slot) != target)
        {
            return Reject(AttestationInvalidReason.TargetEpochNotSlotEpoch,
                $"target epoch {target}, slot {d.Slot} is in epoch {c.EpochOf(d.Slot)}");
        }

        return null;
    }

    /// <summary><c>data.slot + 1 ≤ s ≤ data.slot + SLOTS_PER_EPOCH</c>.</summary>
    internal static AttestationRejection? CheckInclusionWindow(AttestationData d, ulong blockSlot, ConsensusConfig c)
    {
        if (d.Slot >= blockSlot || blockSlot - d.Slot > c.SlotsPerEpoch)
        {
            return Reject(AttestationInvalidReason.OutsideInclusionWindow,
                $"slot {d.Slot}, block slot {blockSlot}, window {c.SlotsPerEpoch} slots");
        }

        return null;
    }

    /// <summary>The committee index exists at the target epoch, the validator exists and is in that committee.</summary>
    internal static AttestationRejection? CheckCommittee(BeaconState s, Attestation a, ConsensusConfig c)
    {
        var d = a.Data;
        var shuffling = Committees.Shuffling(s, d.Target.Epoch, c);
        var committees = shuffling.CommitteesPerSlot;
        if (d.CommitteeIndex >= committees)
        {
            return Reject(AttestationInvalidReason.BadCommitteeIndex,
                $"committee {d.CommitteeIndex}, committees per slot {committees}");
        }

        if (a.ValidatorIndex >= (ulong)s.ValidatorCount)
        {
            return Reject(AttestationInvalidReason.UnknownValidator,
                $"validator index {a.ValidatorIndex}, registry size {s.ValidatorCount}");
        }

        var assignment = shuffling.AssignmentOf((int)a.ValidatorIndex);
        if (assignment is not { } duty || duty.Slot != d.Slot || duty.CommitteeIndex != d.CommitteeIndex)
        {
            var has = assignment is { } x ? $"slot {x.Slot} committee {x.CommitteeIndex}" : "none (not active)";
            return Reject(AttestationInvalidReason.NotInCommittee,
                $"validator {a.ValidatorIndex} named slot {d.Slot} committee {d.CommitteeIndex}; its duty is {has}");
        }

        return null;
    }

    /// <summary><c>data.source</c> is <c>currentJustified</c> for a current-epoch target, else <c>previousJustified</c>.</summary>
    internal static AttestationRejection? CheckSource(BeaconState s, AttestationData d, ConsensusConfig c)
    {
        var expected = JustifiedFor(s, d.Target.Epoch, c);
        return d.Source == expected
            ? null
            : Reject(AttestationInvalidReason.WrongSource,
                $"source {d.Source}, justified checkpoint for target epoch {d.Target.Epoch} is {expected}");
    }

    private static AttestationRejection? CheckSignature(BeaconState s, Attestation a, SignatureCheck sigs) =>
        IsSignedByItsValidator(s, a, sigs)
            ? null
            : Reject(AttestationInvalidReason.BadSignature, $"validator {a.ValidatorIndex}, data {a.Data.Root}");

    private static AttestationRejection Reject(AttestationInvalidReason reason, string detail) => new(reason, detail);
}
