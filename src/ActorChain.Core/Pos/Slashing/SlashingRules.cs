using ActorChain.Core.Crypto;
using ActorChain.Core.Pos.Block;
using ActorChain.Core.Pos.Model;
using ActorChain.Core.Pos.State;
using ActorChain.Core.Transactions;

namespace ActorChain.Core.Pos.Slashing;

/// <summary>
/// Slashing conditions (CONSENSUS.md §5.2) and the validity of slashing evidence (§5.4 step 4), one method per rule.
/// Cheap checks come first, signatures last. Each validator returns null when valid, else the rule broken.
/// </summary>
public static class SlashingRules
{
    /// <summary><c>isSlashable(d1, d2)</c> of §5.2: a double vote, or <paramref name="d1"/> surrounds <paramref name="d2"/>.</summary>
    public static bool IsSlashableAttestationData(AttestationData d1, AttestationData d2)
    {
        var doubleVote = d1.Target.Epoch == d2.Target.Epoch && d1 != d2;
        var surround = d1.Source.Epoch < d2.Source.Epoch && d2.Target.Epoch < d1.Target.Epoch;
        return doubleVote || surround;
    }

    /// <summary>Evidence is accepted in either order (§5.2): <c>(d1, d2)</c>, then <c>(d2, d1)</c>.</summary>
    public static bool IsSlashableEitherOrder(AttestationData d1, AttestationData d2) =>
        IsSlashableAttestationData(d1, d2) || IsSlashableAttestationData(d2, d1);

    /// <summary>A double vote when the target epochs are equal, otherwise a surround vote.</summary>
    public static SlashingKind KindOf(AttesterSlashing s) =>
        s.A1.Data.Target.Epoch == s.A2.Data.Target.Epoch ? SlashingKind.DoubleVote : SlashingKind.SurroundVote;

    /// <summary>The offence <paramref name="e"/> proves.</summary>
    public static SlashingKind KindOf(ISlashingEvidence e) =>
        e is AttesterSlashing a ? KindOf(a) : SlashingKind.DoubleProposal;

    /// <summary>The event-log name of a kind: <c>double-proposal</c>, <c>double-vote</c> or <c>surround-vote</c>.</summary>
    public static string KindName(SlashingKind kind) => kind switch
    {
        SlashingKind.DoubleProposal => "double-proposal",
        SlashingKind.DoubleVote => "double-vote",
        _ => "surround-vote",
    };

    /// <summary>The epoch of the offence: the slot's epoch for a double proposal, the later target epoch for a vote.</summary>
    public static ulong OffenceEpoch(ISlashingEvidence e, ConsensusConfig c)
    {
        if (e is ProposerSlashing p)
        {
            return c.EpochOf(p.H1.Header.Slot);
        }

        var a = (AttesterSlashing)e;
        return Math.Max(a.A1.Data.Target.Epoch, a.A2.Data.Target.Epoch);
    }

    /// <summary>
    /// A proposer slashing is valid if both headers share slot and proposer, their roots differ, the proposer is
    /// slashable at the state's current epoch and both signatures verify (as Ethereum's <c>process_proposer_slashing</c>).
    /// </summary>
    public static SlashingRejection? ValidateProposerSlashing(BeaconState state, ProposerSlashing s, ConsensusConfig c, SignatureCheck sigs) =>
        CheckHeaders(s) ?? CheckSlashable(state, s.Offender, c) ?? CheckHeaderSignatures(state, s, sigs);

    /// <summary>
    /// An attester slashing is valid if both votes are by one validator, their data is slashable in either order, the
    /// validator is slashable at the state's current epoch and both signatures verify.
    /// </summary>
    public static SlashingRejection? ValidateAttesterSlashing(BeaconState state, AttesterSlashing s, ConsensusConfig c, SignatureCheck sigs) =>
        CheckVotes(s) ?? CheckSlashable(state, s.Offender, c) ?? CheckVoteSignatures(state, s, sigs);

    /// <summary>Either kind of evidence, as block processing checks it (§5.4 step 4).</summary>
    public static SlashingRejection? Validate(BeaconState state, ISlashingEvidence e, ConsensusConfig c, SignatureCheck sigs) =>
        e is ProposerSlashing p ? ValidateProposerSlashing(state, p, c, sigs) : ValidateAttesterSlashing(state, (AttesterSlashing)e, c, sigs);

    /// <summary>
    /// Whether evidence proves an offence (§6) whatever the offender's state: the checks above, but only that the
    /// offender exists instead of "slashable now". What a slasher accepts from gossip.
    /// </summary>
    public static SlashingRejection? VerifyEvidence(BeaconState state, ISlashingEvidence e, SignatureCheck sigs)
    {
        if (e is ProposerSlashing p)
        {
            return CheckHeaders(p) ?? CheckKnown(state, p.Offender) ?? CheckHeaderSignatures(state, p, sigs);
        }

        var a = (AttesterSlashing)e;
        return CheckVotes(a) ?? CheckKnown(state, a.Offender) ?? CheckVoteSignatures(state, a, sigs);
    }

    /// <summary>Whether <paramref name="h"/> names a validator of the state as proposer and carries its signature.</summary>
    public static bool IsSignedByProposer(BeaconState state, SignedBeaconBlockHeader h, SignatureCheck sigs) =>
        CheckKnown(state, h.Header.ProposerIndex) is null
        && sigs.Verify(state.Validators[(int)h.Header.ProposerIndex].Pubkey, Domain.Proposer, h.Header.Root, h.Sig);

    /// <summary>Whether <paramref name="a"/> names a validator of the state and carries its signature.</summary>
    public static bool IsSignedByAttester(BeaconState state, Attestation a, SignatureCheck sigs) =>
        CheckKnown(state, a.ValidatorIndex) is null && AttestationRules.IsSignedByItsValidator(state, a, sigs);

    /// <summary>The validator exists and is slashable at the state's current epoch: unslashed, active ≤ current &lt; withdrawable.</summary>
    public static SlashingRejection? CheckSlashable(BeaconState state, ulong index, ConsensusConfig c)
    {
        if (CheckKnown(state, index) is { } unknown)
        {
            return unknown;
        }

        var current = c.EpochOf(state.Slot);
        var v = state.Validators[(int)index];
        return v.IsSlashable(current)
            ? null
            : new(SlashingInvalidReason.ValidatorNotSlashable,
                $"validator {index} at epoch {current}: slashed {v.Slashed}, activation epoch {v.ActivationEpoch}, withdrawable epoch {v.WithdrawableEpoch}");
    }

    private static SlashingRejection? CheckHeaders(ProposerSlashing s)
    {
        var h1 = s.H1.Header;
        var h2 = s.H2.Header;
        if (h1.Slot != h2.Slot)
        {
            return new(SlashingInvalidReason.SlotMismatch, $"slots {h1.Slot} and {h2.Slot}");
        }

        if (h1.ProposerIndex != h2.ProposerIndex)
        {
            return new(SlashingInvalidReason.ProposerMismatch, $"proposers {h1.ProposerIndex} and {h2.ProposerIndex}");
        }

        return h1.Root == h2.Root ? new(SlashingInvalidReason.SameHeader, $"both headers have root {h1.Root}") : null;
    }

    private static SlashingRejection? CheckHeaderSignatures(BeaconState state, ProposerSlashing s, SignatureCheck sigs)
    {
        foreach (var h in (ReadOnlySpan<SignedBeaconBlockHeader>)[s.H1, s.H2])
        {
            if (!IsSignedByProposer(state, h, sigs))
            {
                return new(SlashingInvalidReason.BadSignature, $"header {h.Header.Root} by proposer {s.Offender}");
            }
        }

        return null;
    }

    private static SlashingRejection? CheckVotes(AttesterSlashing s)
    {
        if (s.A1.ValidatorIndex != s.A2.ValidatorIndex)
        {
            return new(SlashingInvalidReason.ValidatorMismatch, $"validators {s.A1.ValidatorIndex} and {s.A2.ValidatorIndex}");
        }

        return IsSlashableEitherOrder(s.A1.Data, s.A2.Data)
            ? null
            : new(SlashingInvalidReason.NotSlashableData, $"votes {DescribeVote(s.A1.Data)} and {DescribeVote(s.A2.Data)}");
    }

    private static SlashingRejection? CheckVoteSignatures(BeaconState state, AttesterSlashing s, SignatureCheck sigs)
    {
        foreach (var a in (ReadOnlySpan<Attestation>)[s.A1, s.A2])
        {
            if (!IsSignedByAttester(state, a, sigs))
            {
                return new(SlashingInvalidReason.BadSignature, $"attestation {DescribeVote(a.Data)} by validator {a.ValidatorIndex}");
            }
        }

        return null;
    }

    private static SlashingRejection? CheckKnown(BeaconState state, ulong index) =>
        index < (ulong)state.ValidatorCount
            ? null
            : new(SlashingInvalidReason.UnknownValidator, $"validator index {index}, registry size {state.ValidatorCount}");

    private static string DescribeVote(AttestationData d) =>
        $"(source {d.Source.Epoch}, target {d.Target.Epoch}, data {d.Root})";
}
