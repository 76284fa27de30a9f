using ActorChain.Core.Codec;
using ActorChain.Core.Pos.Model;
using ActorChain.Core.Pos.Protection;
using CsCheck;

namespace ActorChain.Core.Tests.Pos.Model;

/// <summary>Every PoS record decodes from its canonical bytes to an equal value with the same bytes (CONSENSUS.md §0).</summary>
public sealed class ModelRoundTripTests
{
    private static void RoundTrips<T>(Gen<T> gen, Func<T, byte[]> encode, DecodeFn<T> read, int? size = null)
    {
        gen.Sample(value =>
        {
            var bytes = encode(value);
            if (size is { } n)
            {
                bytes.Should().HaveCount(n);
            }

            Canonical.TryDecode(bytes, read, out var back, out var reason).Should().BeTrue(reason);
            back.Should().Be(value);
            encode(back!).Should().Equal(bytes);
            Canonical.TryDecode(bytes.AsMemory(0, bytes.Length - 1), read, out _, out _).Should().BeFalse("truncated");
            Canonical.TryDecode((byte[])[.. bytes, 0], read, out _, out _).Should().BeFalse("trailing byte");
        }, iter: 50);
    }

    [Fact]
    public void Checkpoints_round_trip() => RoundTrips(ModelGens.Checkpoint, x => x.Encode(), Checkpoint.Read, Checkpoint.EncodedSize);

    [Fact]
    public void Attestation_data_round_trips() => RoundTrips(ModelGens.Data, x => x.Encode(), AttestationData.Read, AttestationData.EncodedSize);

    [Fact]
    public void Attestations_round_trip() => RoundTrips(ModelGens.Attestation, x => x.Encode(), Attestation.Read, Attestation.EncodedSize);

    [Fact]
    public void Headers_round_trip() => RoundTrips(ModelGens.Header, x => x.Encode(), BeaconBlockHeader.Read, BeaconBlockHeader.EncodedSize);

    [Fact]
    public void Signed_headers_round_trip() =>
        RoundTrips(ModelGens.SignedHeader, x => x.Encode(), SignedBeaconBlockHeader.Read, SignedBeaconBlockHeader.EncodedSize);

    [Fact]
    public void Proposer_slashings_round_trip() =>
        RoundTrips(ModelGens.ProposerSlashing, x => x.Encode(), ProposerSlashing.Read, ProposerSlashing.EncodedSize);

    [Fact]
    public void Attester_slashings_round_trip() =>
        RoundTrips(ModelGens.AttesterSlashing, x => x.Encode(), AttesterSlashing.Read, AttesterSlashing.EncodedSize);

    [Fact]
    public void Bodies_round_trip() => RoundTrips(ModelGens.Body, x => x.Encode(), BeaconBlockBody.Read);

    [Fact]
    public void Blocks_round_trip() => RoundTrips(ModelGens.Block, x => x.Encode(), BeaconBlock.Read);

    [Fact]
    public void Validators_round_trip() => RoundTrips(ModelGens.Validator, x => x.Encode(), Validator.Read, Validator.EncodedSize);

    [Fact]
    public void Protection_records_round_trip() =>
        RoundTrips(ModelGens.ProtectionRecord, x => x.Encode(), SlashingProtectionRecord.Read, SlashingProtectionRecord.EncodedSize);

    [Fact]
    public void A_block_is_named_by_its_header_root_and_rejects_a_body_it_does_not_commit_to()
    {
        ModelGens.Block.Sample(block =>
        {
            block.Root.Should().Be(block.Header.Root);
            block.HashOfBytes().Should().Be(Sha256.Hash(block.Encode()));
            var forged = new BeaconBlock(block.Header with { BodyRoot = Sha256.Hash(block.Header.BodyRoot.AsSpan()) }, block.Body, block.Sig);
            BeaconBlock.Decode(forged.Encode(), out var reason).Should().BeNull();
            reason.Should().Contain("body root");
        }, iter: 20);
    }

    [Fact]
    public void Rejects_a_bool_other_than_zero_or_one()
    {
        var bytes = ModelGens.Validator.Single().Encode();
        bytes[40] = 2; // slashed
        Validator.Decode(bytes, out var reason).Should().BeNull();
        reason.Should().NotBeNull();
    }

    [Fact]
    public void Names_the_offender_of_each_kind_of_evidence()
    {
        var p = ModelGens.ProposerSlashing.Single();
        ((ISlashingEvidence)p).Offender.Should().Be(p.H1.Header.ProposerIndex);
        var a = ModelGens.AttesterSlashing.Single();
        ((ISlashingEvidence)a).Offender.Should().Be(a.A1.ValidatorIndex);
        a.Root.Should().Be(Sha256.Hash(a.Encode()));
    }
}
