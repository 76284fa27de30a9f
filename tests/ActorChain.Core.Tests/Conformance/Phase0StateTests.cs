using ActorChain.Core.Codec;
using ActorChain.Core.Conformance;
using ActorChain.Core.Pos;
using ActorChain.Core.Pos.Model;

namespace ActorChain.Core.Tests.Conformance;

public sealed class Phase0StateTests
{
    /// <summary>A toy preset: 4-entry vectors keep the hand-built state small.</summary>
    internal static readonly Phase0Preset Tiny = new("minimal", new Dictionary<string, ulong>
    {
        ["SLOTS_PER_HISTORICAL_ROOT"] = 4,
        ["EPOCHS_PER_HISTORICAL_VECTOR"] = 4,
        ["EPOCHS_PER_SLASHINGS_VECTOR"] = 4,
        ["HISTORICAL_ROOTS_LIMIT"] = 16,
        ["VALIDATOR_REGISTRY_LIMIT"] = 1UL << 40,
        ["MAX_VALIDATORS_PER_COMMITTEE"] = 2048,
        ["MAX_ATTESTATIONS"] = 128,
        ["SLOTS_PER_EPOCH"] = 8,
        ["EPOCHS_PER_ETH1_VOTING_PERIOD"] = 4,
    });

    internal static ConsensusConfig TinyConfig => ConsensusConfig.Minimal with
    {
        SlotsPerHistoricalRoot = 4,
        EpochsPerHistoricalVector = 4,
        EpochsPerSlashingsVector = 4,
    };

    internal static byte[] Filled(int n, int value) => SszBuilder.FilledBytes(n, value);

    internal static Phase0State Decoded() => Phase0State.Decode(TinyState(), Tiny, out _)!;

    /// <summary>A two-validator state with one previous-epoch attestation and no current ones.</summary>
    internal static byte[] TinyState(ulong[]? balances = null, ulong committeeIndex = 1, int targetRoot = 0x21)
    {
        var b = new SszBuilder().U64(1606824000UL).Bytes(Filled(32, 0x11)).U64(17);
        b.Filled(16, 0).Filled(112, 0); // fork, latest_block_header
        for (var i = 0; i < 4; i++)
        {
            b.Bytes(Filled(32, 0x20 + i)); // block_roots
        }

        b.Filled(4 * 32, 0); // state_roots
        b.Variable(Filled(32, 0x99)); // historical_roots: one root
        b.Filled(72, 0); // eth1_data
        b.Variable([]); // eth1_data_votes
        b.U64(2); // eth1_deposit_index
        b.Variable(SszBuilder.Concat([
            Validator(1, 32_000_000_000UL, false, ulong.MaxValue),
            Validator(2, 31_000_000_000UL, true, 5),
        ]));
        b.Variable(U64s(balances ?? [32_500_000_000UL, 30_000_000_000UL]));
        for (var i = 0; i < 4; i++)
        {
            b.Bytes(Filled(32, 0x40 + i)); // randao_mixes
        }

        b.U64(0).U64(7).U64(0).U64(0); // slashings
        b.Variable(SszBuilder.VariableList([PendingAttestation([0b101], 9, committeeIndex, 1, targetRoot)]));
        b.Variable([]);
        b.U8(0b0011);
        Checkpoint(b, 0, 0x30);
        Checkpoint(b, 1, 0x31);
        Checkpoint(b, 0, 0x32);
        return b.Build();
    }

    [Fact]
    public void Decodes_every_kept_field()
    {
        var s = Phase0State.Decode(TinyState(), Tiny, out var error)!;
        error.Should().BeNull();
        s.GenesisTime.Should().Be(1606824000UL);
        s.GenesisValidatorsRoot.Should().Be(Hash32.Wrap(Filled(32, 0x11)));
        s.Slot.Should().Be(17UL);
        s.CurrentEpoch(8).Should().Be(2UL);
        s.BlockRoots.Should().HaveCount(4).And.EndWith(Hash32.Wrap(Filled(32, 0x23)));
        s.Validators.Should().HaveCount(2);
        var v1 = s.Validators[1];
        v1.Pubkey.Should().Be(BlsPubKey.Wrap(Filled(48, 2)));
        v1.EffectiveBalance.Should().Be(31_000_000_000UL);
        v1.Slashed.Should().BeTrue();
        v1.ExitEpoch.Should().Be(5UL);
        v1.WithdrawableEpoch.Should().Be(ConsensusConfig.FarFutureEpoch);
        s.Balances.Should().Equal(32_500_000_000UL, 30_000_000_000UL);
        s.RandaoMixes[2].Should().Be(Hash32.Wrap(Filled(32, 0x42)));
        s.Slashings.Should().Equal(0UL, 7UL, 0UL, 0UL);
        s.CurrentEpochAttestations.Should().BeEmpty();
        var a = s.PreviousEpochAttestations[0];
        a.AggregationBits.Should().Equal(true, false);
        a.Data.Slot.Should().Be(9UL);
        a.Data.CommitteeIndex.Should().Be(1UL);
        a.Data.Target.Should().Be(new Checkpoint(1, Hash32.Wrap(Filled(32, 0x21))));
        a.InclusionDelay.Should().Be(1UL);
        a.ProposerIndex.Should().Be(3UL);
        s.JustificationBits.Should().Be(0b0011);
        s.PreviousJustifiedCheckpoint.Root.Should().Be(Hash32.Wrap(Filled(32, 0x30)));
        s.CurrentJustifiedCheckpoint.Epoch.Should().Be(1UL);
        s.FinalizedCheckpoint.Root.Should().Be(Hash32.Wrap(Filled(32, 0x32)));
    }

    [Fact]
    public void Compares_decoded_states_by_content()
    {
        Decoded().Should().Be(Decoded());
        Decoded().GetHashCode().Should().Be(Decoded().GetHashCode());
    }

    [Theory]
    [InlineData(0)]
    [InlineData(7)]
    [InlineData(300)]
    [InlineData(-1)]
    public void Rejects_truncation_anywhere(int cut)
    {
        var full = TinyState();
        var bytes = full[..(cut < 0 ? full.Length + cut : cut)];
        Phase0State.Decode(bytes, Tiny, out var error).Should().BeNull();
        error.Should().Contain("BeaconState");
    }

    [Fact]
    public void Rejects_a_state_of_another_preset()
    {
        var longer = Tiny with { Constants = Tiny.Constants.SetItem("SLOTS_PER_HISTORICAL_ROOT", 8) };
        Phase0State.Decode(TinyState(), longer, out var error).Should().BeNull();
        error.Should().StartWith("BeaconState");
    }

    [Fact]
    public void Rejects_upper_justification_bits()
    {
        var b = TinyState();
        var bitsAt = 8 + 32 + 8 + 16 + 112 + (4 * 32 * 2) + 4 + 72 + 4 + 8 + 4 + 4 + (4 * 32) + (4 * 8) + 4 + 4;
        b[bitsAt] = 0x13;
        Phase0State.Decode(b, Tiny, out var error).Should().BeNull();
        error.Should().Contain("justification_bits");
    }

    [Fact]
    public void Rejects_balances_that_do_not_match_the_registry()
    {
        Phase0State.Decode(TinyState([1UL]), Tiny, out var error).Should().BeNull();
        error.Should().Be("BeaconState: 2 validators but 1 balances");
    }

    [Fact]
    public void Maps_onto_the_core_state_with_neutral_extras()
    {
        var s = Decoded();
        var b = Phase0Mapping.ToBeaconState(s, TinyConfig, out var error)!;
        error.Should().BeNull();
        b.Slot.Should().Be(17UL);
        b.GenesisRoot.Should().Be(s.GenesisValidatorsRoot);
        b.ValidatorCount.Should().Be(2);
        b.Validators[1].Pubkey.Should().Be(Phase0Mapping.PubKeyOf(BlsPubKey.Wrap(Filled(48, 2))));
        b.Validators[1].Slashed.Should().BeTrue();
        b.Validators[0].EffectiveBalance.Should().Be(32_000_000_000UL);
        b.Balance(0).Should().Be(32_500_000_000UL);
        b.BlockRootAt(3).Should().Be(Hash32.Wrap(Filled(32, 0x23)));
        b.RandaoMixAt(1).Should().Be(Hash32.Wrap(Filled(32, 0x41)));
        b.SlashingsAt(1).Should().Be(7UL);
        b.JustificationBits.Should().Be(0b0011);
        b.CurrentJustified.Should().Be(s.CurrentJustifiedCheckpoint);
        b.PreviousEpochParticipation[0].Should().Be(0);
        b.InactivityScores[1].Should().Be(0UL);
        b.Accounts.Count.Should().Be(0);

        Phase0Mapping.ToBeaconState(s, ConsensusConfig.Minimal, out error).Should().BeNull();
        error.Should().Contain("block_roots has 4 entries but the config expects 64");
    }

    private static byte[] Validator(int key, ulong effectiveBalance, bool slashed, ulong exitEpoch) =>
        new SszBuilder().Bytes(Filled(48, key)).Bytes(Filled(32, 0xcc)).U64(effectiveBalance)
            .U8(slashed ? 1 : 0).U64(0).U64(0).U64(exitEpoch).U64(ulong.MaxValue).Build();

    private static byte[] U64s(params ulong[] values)
    {
        var b = new SszBuilder();
        foreach (var v in values)
        {
            b.U64(v);
        }

        return b.Build();
    }

    private static SszBuilder Checkpoint(SszBuilder b, ulong epoch, int rootByte) => b.U64(epoch).Bytes(Filled(32, rootByte));

    private static byte[] PendingAttestation(byte[] bits, ulong slot, ulong index, ulong targetEpoch, int targetRoot)
    {
        var data = new SszBuilder().U64(slot).U64(index).Bytes(Filled(32, 0xbb));
        Checkpoint(data, 0, 0);
        Checkpoint(data, targetEpoch, targetRoot);
        return new SszBuilder().Variable(bits).Bytes(data.Build()).U64(1).U64(3).Build();
    }
}
