using System.Text;
using ActorChain.Core.Codec;
using ActorChain.Core.Crypto;
using ActorChain.Core.Pos.Model;
using ActorChain.Core.Pos.Slashing;
using ActorChain.Core.Pos.State;
using ActorChain.Core.Transactions;
using static ActorChain.Core.Tests.Pos.BeaconFixture;

namespace ActorChain.Core.Tests.Pos.Slashing;

/// <summary>CONSENSUS.md §5.2 slashing conditions and §5.4 step 4 evidence validity: forged evidence never passes.</summary>
public sealed class SlashingRulesTests
{
    internal static readonly BeaconState State = Genesis(16, Minimal);
    internal static readonly Hash32 A = Sha256.Hash(Encoding.UTF8.GetBytes("a"));
    internal static readonly Hash32 B = Sha256.Hash(Encoding.UTF8.GetBytes("b"));

    internal static AttestationData Vote(ulong source, ulong target, Hash32 head) =>
        new(target * 8, 0, head, new Checkpoint(source, A), new Checkpoint(target, A));

    internal static Attestation Signed(int v, AttestationData d) => Sign(KeyOf(State, (ulong)v), (ulong)v, d);

    internal static SignedBeaconBlockHeader Header(int v, ulong slot, Hash32 body, SigningKey key)
    {
        var h = new BeaconBlockHeader(slot, (ulong)v, Hash32.Zero, Hash32.Zero, body);
        return new SignedBeaconBlockHeader(h, key.Sign(Domain.Proposer, h.Root));
    }

    [Fact]
    public void Finds_a_double_vote_in_the_same_target_epoch_with_different_data()
    {
        SlashingRules.IsSlashableAttestationData(Vote(1, 3, A), Vote(1, 3, B)).Should().BeTrue();
        SlashingRules.IsSlashableAttestationData(Vote(1, 3, A), Vote(2, 3, A)).Should().BeTrue();
        SlashingRules.IsSlashableAttestationData(Vote(1, 3, A), Vote(1, 3, A)).Should().BeFalse();
    }

    [Fact]
    public void Finds_a_surround_vote_only_when_the_first_surrounds_the_second()
    {
        SlashingRules.IsSlashableAttestationData(Vote(1, 5, A), Vote(2, 4, A)).Should().BeTrue();
        SlashingRules.IsSlashableAttestationData(Vote(2, 4, A), Vote(1, 5, A)).Should().BeFalse();
        SlashingRules.IsSlashableEitherOrder(Vote(2, 4, A), Vote(1, 5, A)).Should().BeTrue();
        // Sharing a source or a target is not a surround.
        SlashingRules.IsSlashableEitherOrder(Vote(1, 5, A), Vote(1, 4, A)).Should().BeFalse();
        SlashingRules.IsSlashableEitherOrder(Vote(1, 5, A), Vote(2, 6, A)).Should().BeFalse();
    }

    [Fact]
    public void Accepts_valid_double_proposal_evidence()
    {
        var s = new ProposerSlashing(Header(3, 1, A, KeyOf(State, 3)), Header(3, 1, B, KeyOf(State, 3)));

        SlashingRules.ValidateProposerSlashing(State, s, Minimal, SignatureCheck.Direct).Should().BeNull();
    }

    [Fact]
    public void Rejects_forged_or_mismatched_proposer_evidence()
    {
        var k = KeyOf(State, 3);
        ProposerReason(new(Header(3, 1, A, k), Header(3, 1, B, Alice))).Should().Be(SlashingInvalidReason.BadSignature);
        ProposerReason(new(Header(3, 1, A, k), Header(3, 2, B, k))).Should().Be(SlashingInvalidReason.SlotMismatch);
        ProposerReason(new(Header(3, 1, A, k), Header(4, 1, B, KeyOf(State, 4)))).Should().Be(SlashingInvalidReason.ProposerMismatch);
        ProposerReason(new(Header(3, 1, A, k), Header(3, 1, A, k))).Should().Be(SlashingInvalidReason.SameHeader);
        ProposerReason(new(Header(99, 1, A, k), Header(99, 1, B, k))).Should().Be(SlashingInvalidReason.UnknownValidator);
    }

    [Fact]
    public void Accepts_double_and_surround_vote_evidence_in_either_order()
    {
        var doubleVote = new AttesterSlashing(Signed(5, Vote(0, 1, A)), Signed(5, Vote(0, 1, B)));
        var surrounding = new AttesterSlashing(Signed(5, Vote(0, 3, A)), Signed(5, Vote(1, 2, A)));
        var surrounded = new AttesterSlashing(Signed(5, Vote(1, 2, A)), Signed(5, Vote(0, 3, A)));

        AttesterReason(doubleVote).Should().BeNull();
        AttesterReason(surrounding).Should().BeNull();
        AttesterReason(surrounded).Should().BeNull();
        SlashingRules.KindOf(doubleVote).Should().Be(SlashingKind.DoubleVote);
        SlashingRules.KindOf(surrounded).Should().Be(SlashingKind.SurroundVote);
        SlashingRules.KindName(SlashingRules.KindOf(doubleVote)).Should().Be("double-vote");
    }

    [Fact]
    public void Rejects_forged_or_harmless_attester_evidence()
    {
        var a = Signed(5, Vote(0, 1, A));
        AttesterReason(new(a, Sign(Alice, 5, Vote(0, 1, B)))).Should().Be(SlashingInvalidReason.BadSignature);
        AttesterReason(new(a, Signed(5, Vote(1, 2, A)))).Should().Be(SlashingInvalidReason.NotSlashableData);
        AttesterReason(new(a, a)).Should().Be(SlashingInvalidReason.NotSlashableData);
        AttesterReason(new(a, Signed(6, Vote(0, 1, B)))).Should().Be(SlashingInvalidReason.ValidatorMismatch);
        AttesterReason(new(Sign(KeyOf(State, 5), 99, Vote(0, 1, A)), Sign(KeyOf(State, 5), 99, Vote(0, 1, B))))
            .Should().Be(SlashingInvalidReason.UnknownValidator);
    }

    [Fact]
    public void Rejects_evidence_against_an_already_slashed_validator()
    {
        var slashed = State.Copy();
        slashed.SetValidator(5, slashed.Validators[5] with { Slashed = true });
        var s = new AttesterSlashing(Signed(5, Vote(0, 1, A)), Signed(5, Vote(0, 1, B)));

        SlashingRules.ValidateAttesterSlashing(slashed, s, Minimal, SignatureCheck.Direct)?.Reason
            .Should().Be(SlashingInvalidReason.ValidatorNotSlashable);
    }

    [Fact]
    public void Verifies_evidence_against_an_already_slashed_validator_as_true_but_not_includable()
    {
        var slashed = State.Copy();
        slashed.SetValidator(5, slashed.Validators[5] with { Slashed = true });
        var s = new AttesterSlashing(Signed(5, Vote(0, 1, A)), Signed(5, Vote(0, 1, B)));

        SlashingRules.VerifyEvidence(slashed, s, SignatureCheck.Direct).Should().BeNull();
        SlashingRules.ValidateAttesterSlashing(slashed, s, Minimal, SignatureCheck.Direct).Should().NotBeNull();
    }

    [Fact]
    public void Refuses_forged_evidence_when_verifying_it()
    {
        var a = Signed(5, Vote(0, 1, A));
        var k = KeyOf(State, 3);
        VerifyReason(new AttesterSlashing(a, Sign(Alice, 5, Vote(0, 1, B)))).Should().Be(SlashingInvalidReason.BadSignature);
        VerifyReason(new AttesterSlashing(a, Signed(5, Vote(1, 2, A)))).Should().Be(SlashingInvalidReason.NotSlashableData);
        VerifyReason(new AttesterSlashing(a, Signed(6, Vote(0, 1, B)))).Should().Be(SlashingInvalidReason.ValidatorMismatch);
        VerifyReason(new ProposerSlashing(Header(3, 1, A, k), Header(3, 1, B, Alice))).Should().Be(SlashingInvalidReason.BadSignature);
        VerifyReason(new ProposerSlashing(Header(99, 1, A, k), Header(99, 1, B, k))).Should().Be(SlashingInvalidReason.UnknownValidator);
        VerifyReason(new ProposerSlashing(Header(3, 1, A, k), Header(3, 1, B, k))).Should().BeNull();
    }

    [Fact]
    public void Names_the_kind_offender_and_epoch_of_evidence()
    {
        var proposal = new ProposerSlashing(Header(3, 17, A, KeyOf(State, 3)), Header(3, 17, B, KeyOf(State, 3)));
        var surround = new AttesterSlashing(Signed(5, Vote(2, 3, A)), Signed(5, Vote(1, 4, A)));

        SlashingRules.KindOf((ISlashingEvidence)proposal).Should().Be(SlashingKind.DoubleProposal);
        SlashingRules.KindOf((ISlashingEvidence)surround).Should().Be(SlashingKind.SurroundVote);
        SlashingRules.KindName(SlashingKind.DoubleProposal).Should().Be("double-proposal");
        SlashingRules.KindName(SlashingKind.SurroundVote).Should().Be("surround-vote");
        proposal.Offender.Should().Be(3);
        surround.Offender.Should().Be(5);
        SlashingRules.OffenceEpoch(proposal, Minimal).Should().Be(2);
        SlashingRules.OffenceEpoch(surround, Minimal).Should().Be(4);
    }

    [Fact]
    public void Tells_who_signed_a_header_or_a_vote()
    {
        SlashingRules.IsSignedByProposer(State, Header(3, 1, A, KeyOf(State, 3)), SignatureCheck.Direct).Should().BeTrue();
        SlashingRules.IsSignedByProposer(State, Header(3, 1, A, KeyOf(State, 4)), SignatureCheck.Direct).Should().BeFalse();
        SlashingRules.IsSignedByProposer(State, Header(99, 1, A, KeyOf(State, 4)), SignatureCheck.Direct).Should().BeFalse();
        SlashingRules.IsSignedByAttester(State, Signed(5, Vote(0, 1, A)), SignatureCheck.Direct).Should().BeTrue();
        SlashingRules.IsSignedByAttester(State, Sign(Alice, 5, Vote(0, 1, A)), SignatureCheck.Direct).Should().BeFalse();
    }

    [Fact]
    public void Decodes_evidence_strictly()
    {
        var p = new ProposerSlashing(Header(3, 1, A, KeyOf(State, 3)), Header(3, 1, B, KeyOf(State, 3)));
        var a = new AttesterSlashing(Signed(5, Vote(0, 1, A)), Signed(5, Vote(0, 1, B)));

        ProposerSlashing.Decode(p.Encode(), out _).Should().Be(p);
        AttesterSlashing.Decode(a.Encode(), out _).Should().Be(a);
        AttesterSlashing.Decode(a.Encode().Append((byte)0).ToArray(), out var longer).Should().BeNull();
        longer.Should().NotBeNull();
        ProposerSlashing.Decode(p.Encode()[..^1], out var shorter).Should().BeNull();
        shorter.Should().NotBeNull();
    }

    private static SlashingInvalidReason? VerifyReason(ISlashingEvidence e) =>
        SlashingRules.VerifyEvidence(State, e, SignatureCheck.Direct)?.Reason;

    private static SlashingInvalidReason? ProposerReason(ProposerSlashing s) =>
        SlashingRules.ValidateProposerSlashing(State, s, Minimal, SignatureCheck.Direct)?.Reason;

    private static SlashingInvalidReason? AttesterReason(AttesterSlashing s) =>
        SlashingRules.ValidateAttesterSlashing(State, s, Minimal, SignatureCheck.Direct)?.Reason;
}
