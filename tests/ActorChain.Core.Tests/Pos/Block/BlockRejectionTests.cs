using ActorChain.Core.Codec;
using ActorChain.Core.Crypto;
using ActorChain.Core.Pos;
using ActorChain.Core.Pos.Block;
using ActorChain.Core.Pos.Model;
using ActorChain.Core.Pos.Slashing;
using ActorChain.Core.Pos.State;
using ActorChain.Core.Tests.Pos.Misc;
using ActorChain.Core.Transactions;
using static ActorChain.Core.Tests.Pos.BeaconFixture;

namespace ActorChain.Core.Tests.Pos.Block;

/// <summary>Each rule of CONSENSUS.md §5.4 rejects a block that breaks it, with its reason, and nothing else changes.</summary>
public sealed class BlockRejectionTests
{
    private static readonly BeaconState GenesisState = Genesis(16, Minimal);
    private static readonly ProducedBlock B1 = Produce(GenesisState, 1, [], Minimal);
    private static readonly BeaconState S1 = B1.PostState;
    private static readonly ProducedBlock B2 = Produce(S1, 2, [], Minimal);
    private static readonly Hash32 Other = TestStates.Hash("other");
    private static readonly SigningKey Bob = Keys.FromName(ChainSeed, "bob");

    private static BlockRejection Rejection(BeaconState parent, BeaconBlock b, ConsensusConfig? c = null)
    {
        var before = parent.Root();
        var r = BlockProcessing.ProcessBlock(parent, b, c ?? Minimal, SignatureCheck.Direct);
        parent.Root().Should().Be(before, "the parent state never changes");
        return r.Should().BeOfType<BlockRejected>().Subject.Rejection;
    }

    /// <summary><paramref name="b"/> with its header changed and signed again by <paramref name="key"/>.</summary>
    private static BeaconBlock Resign(BeaconBlock b, Func<BeaconBlockHeader, BeaconBlockHeader> change, SigningKey key)
    {
        var h = change(b.Header);
        return new BeaconBlock(h, b.Body, key.Sign(Domain.Proposer, h.Root));
    }

    /// <summary><paramref name="b"/> with another body, its header committing to it, signed by the right proposer.</summary>
    private static BeaconBlock WithBody(BeaconBlock b, BeaconBlockBody body, BeaconState parent)
    {
        var changed = b.Header with { BodyRoot = body.Root };
        return new BeaconBlock(changed, body, KeyOf(parent, changed.ProposerIndex).Sign(Domain.Proposer, changed.Root));
    }

    private static BeaconBlockBody Body(BeaconBlockBody b, Attestation[]? atts = null, ProposerSlashing[]? ps = null,
        AttesterSlashing[]? @as = null, Transaction[]? txs = null) =>
        new(b.RandaoReveal, [.. atts ?? []], [.. ps ?? []], [.. @as ?? []], [.. txs ?? []]);

    private static SigningKey ProposerKey(BeaconBlock b) => KeyOf(GenesisState, b.Header.ProposerIndex);

    [Fact]
    public void Rejects_a_block_whose_slot_is_not_after_its_parent()
    {
        Rejection(S1, B1.Block).Reason.Should().Be(BlockInvalidReason.SlotNotAfterParent);
        var atZero = Resign(B1.Block, h => h with { Slot = 0 }, ProposerKey(B1.Block));
        Rejection(GenesisState, atZero).Reason.Should().Be(BlockInvalidReason.SlotNotAfterParent);
    }

    [Fact]
    public void Rejects_a_block_from_a_validator_that_is_not_the_slots_proposer()
    {
        var other = (B1.Block.Header.ProposerIndex + 1) % 16;
        var b = Resign(B1.Block, h => h with { ProposerIndex = other }, KeyOf(GenesisState, other));

        var r = Rejection(GenesisState, b);

        r.Reason.Should().Be(BlockInvalidReason.WrongProposer);
        r.Detail.Should().Contain($"belongs to {B1.Block.Header.ProposerIndex}");
    }

    [Fact]
    public void Rejects_a_block_from_a_slashed_proposer()
    {
        var slashed = GenesisState.Copy();
        var p = (int)B1.Block.Header.ProposerIndex;
        slashed.SetValidator(p, slashed.Validators[p] with { Slashed = true });

        Rejection(slashed, B1.Block).Reason.Should().Be(BlockInvalidReason.ProposerSlashed);
    }

    [Fact]
    public void Rejects_a_block_on_another_parent()
    {
        var b = Resign(B1.Block, h => h with { ParentRoot = Other }, ProposerKey(B1.Block));
        Rejection(GenesisState, b).Reason.Should().Be(BlockInvalidReason.ParentRootMismatch);
    }

    [Fact]
    public void Rejects_a_block_signed_by_another_key()
    {
        var b = Resign(B1.Block, h => h, Alice);
        Rejection(GenesisState, b).Reason.Should().Be(BlockInvalidReason.BadProposerSignature);
    }

    [Fact]
    public void Rejects_a_block_whose_header_does_not_commit_to_its_body()
    {
        var b = Resign(B1.Block, h => h with { BodyRoot = Other }, ProposerKey(B1.Block));
        Rejection(GenesisState, b).Reason.Should().Be(BlockInvalidReason.BadBodyRoot);
    }

    [Fact]
    public void Rejects_a_randao_reveal_for_another_epoch()
    {
        var wrongReveal = ProposerKey(B1.Block).Sign(Domain.Randao, BlockProduction.RandaoSigningRoot(1));
        var b = WithBody(B1.Block, B1.Block.Body with { RandaoReveal = wrongReveal }, GenesisState);
        Rejection(GenesisState, b).Reason.Should().Be(BlockInvalidReason.BadRandaoReveal);
    }

    [Fact]
    public void Rejects_a_block_whose_state_root_is_not_the_post_states()
    {
        var b = Resign(B1.Block, h => h with { StateRoot = Other }, ProposerKey(B1.Block));

        var r = Rejection(GenesisState, b);

        r.Reason.Should().Be(BlockInvalidReason.StateRootMismatch);
        r.Detail.Should().Contain(B1.Block.Header.StateRoot.ToString());
    }

    [Fact]
    public void Rejects_an_attestation_with_the_wrong_source()
    {
        var good = Attestations(S1, B1.Block.Root, 1, Minimal)[0];
        var wrong = good.Data with { Source = new Checkpoint(0, Other) };
        var bad = Sign(KeyOf(S1, good.ValidatorIndex), good.ValidatorIndex, wrong);
        var b = WithBody(B2.Block, Body(B2.Block.Body, atts: [bad]), S1);

        var r = Rejection(S1, b);

        r.Reason.Should().Be(BlockInvalidReason.InvalidAttestation);
        r.Cause.Should().Be(AttestationInvalidReason.WrongSource);
        r.Detail.Should().Contain(AttestationInvalidReason.WrongSource.Describe());
    }

    [Fact]
    public void Rejects_more_attestations_than_the_limit()
    {
        var one = Minimal with { MaxAttestations = 1 };
        var votes = Attestations(S1, B1.Block.Root, 1, one);
        var b2 = Produce(S1, 2, votes, one);
        b2.Block.Body.Attestations.Should().HaveCount(1);
        var b = WithBody(b2.Block, Body(b2.Block.Body, atts: [.. votes]), S1);

        Rejection(S1, b, one).Reason.Should().Be(BlockInvalidReason.TooManyAttestations);
    }

    [Fact]
    public void Rejects_more_slashings_than_the_limits()
    {
        var none = Minimal with { MaxProposerSlashings = 0, MaxAttesterSlashings = 0 };
        var b = WithBody(B2.Block, Body(B2.Block.Body, ps: [DoubleProposal(3)]), S1);
        Rejection(S1, b, none).Reason.Should().Be(BlockInvalidReason.TooManyProposerSlashings);

        var vote = Attestations(S1, B1.Block.Root, 1, Minimal)[0];
        var c = WithBody(B2.Block, Body(B2.Block.Body, @as: [new AttesterSlashing(vote, vote)]), S1);
        Rejection(S1, c, none).Reason.Should().Be(BlockInvalidReason.TooManyAttesterSlashings);
    }

    [Fact]
    public void Rejects_more_transactions_than_twice_the_target()
    {
        var txs = Enumerable.Range(0, 129)
            .Select(i => (Transaction)Transfer.Sign(Alice, Bob.Address, 1, 10, 0, (ulong)i)).ToArray();
        var b = WithBody(B2.Block, Body(B2.Block.Body, txs: txs), S1);

        Rejection(S1, b).Reason.Should().Be(BlockInvalidReason.TooManyTransactions);
    }

    [Fact]
    public void Rejects_an_invalid_transaction()
    {
        var wrongNonce = Transfer.Sign(Alice, Bob.Address, 1, 10, 0, 5);
        var b = WithBody(B2.Block, Body(B2.Block.Body, txs: [wrongNonce]), S1);

        var r = Rejection(S1, b);

        r.Reason.Should().Be(BlockInvalidReason.InvalidTransaction);
        r.Cause.Should().Be(TxInvalidReason.WrongNonce);
        r.Detail.Should().Contain("nonce 5, account nonce 0");
    }

    [Fact]
    public void Rejects_forged_proposer_slashing_evidence()
    {
        var real = DoubleProposal(3);
        var forged = new ProposerSlashing(real.H1, new SignedBeaconBlockHeader(real.H2.Header,
            KeyOf(S1, 4).Sign(Domain.Proposer, real.H2.Header.Root)));
        var b = WithBody(B2.Block, Body(B2.Block.Body, ps: [forged]), S1);

        var r = Rejection(S1, b);

        r.Reason.Should().Be(BlockInvalidReason.InvalidProposerSlashing);
        r.Cause.Should().Be(SlashingInvalidReason.BadSignature);
    }

    [Fact]
    public void Rejects_attester_slashing_evidence_whose_votes_are_not_slashable()
    {
        var a = Attestations(S1, B1.Block.Root, 1, Minimal)[0];
        var b = WithBody(B2.Block, Body(B2.Block.Body, @as: [new AttesterSlashing(a, a)]), S1);

        var r = Rejection(S1, b);

        r.Reason.Should().Be(BlockInvalidReason.InvalidAttesterSlashing);
        r.Cause.Should().Be(SlashingInvalidReason.NotSlashableData);
    }

    /// <summary>Two headers of validator <paramref name="v"/> at slot 1 with different roots, both properly signed.</summary>
    internal static ProposerSlashing DoubleProposal(int v)
    {
        var k = KeyOf(GenesisState, (ulong)v);
        var h1 = new BeaconBlockHeader(1, (ulong)v, Hash32.Zero, Hash32.Zero, Hash32.Zero);
        var h2 = new BeaconBlockHeader(1, (ulong)v, Hash32.Zero, Other, Hash32.Zero);
        return new ProposerSlashing(new SignedBeaconBlockHeader(h1, k.Sign(Domain.Proposer, h1.Root)),
            new SignedBeaconBlockHeader(h2, k.Sign(Domain.Proposer, h2.Root)));
    }
}
