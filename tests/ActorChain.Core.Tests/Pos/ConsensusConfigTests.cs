using ActorChain.Core.Pos;

namespace ActorChain.Core.Tests.Pos;

/// <summary>The presets hold CONSENSUS.md §1's table; overrides go by spec name and refuse unknown names and bad values.</summary>
public sealed class ConsensusConfigTests
{
    private static Dictionary<string, string> Table(ConsensusConfig c) => c.ByName().ToDictionary(kv => kv.Key, kv => kv.Value);

    [Theory]
    [InlineData("minimal", 8, 1, 10, 4, 4, 64, 64, 64, 256, 32, 16, 512, "ethereum", 0)]
    [InlineData("mainnet", 32, 12, 90, 128, 64, 65536, 8192, 8192, 16777216, 32, 256, 4096, "ethereum", 0)]
    [InlineData("tutorial", 8, 1, 10, 4, 4, 64, 64, 64, 256, 1, 16, 512, "roulette", 50)]
    public void Holds_the_preset_table_of_section_1(
        string preset, int slotsPerEpoch, int secondsPerSlot, int rounds, int targetCommittee, int maxCommittees,
        int historical, int slashingsVector, int historicalRoots, int inactivityQuotient, int minSlashingQuotient,
        int withdrawabilityDelay, int maxAttestations, string selection, int blockRewardCoins)
    {
        var t = Table(ConsensusConfig.ForPreset(preset));
        t["SLOTS_PER_EPOCH"].Should().Be($"{slotsPerEpoch}");
        t["SECONDS_PER_SLOT"].Should().Be($"{secondsPerSlot}");
        t["SHUFFLE_ROUND_COUNT"].Should().Be($"{rounds}");
        t["TARGET_COMMITTEE_SIZE"].Should().Be($"{targetCommittee}");
        t["MAX_COMMITTEES_PER_SLOT"].Should().Be($"{maxCommittees}");
        t["EPOCHS_PER_HISTORICAL_VECTOR"].Should().Be($"{historical}");
        t["EPOCHS_PER_SLASHINGS_VECTOR"].Should().Be($"{slashingsVector}");
        t["SLOTS_PER_HISTORICAL_ROOT"].Should().Be($"{historicalRoots}");
        t["INACTIVITY_PENALTY_QUOTIENT"].Should().Be($"{inactivityQuotient}");
        t["MIN_SLASHING_PENALTY_QUOTIENT"].Should().Be($"{minSlashingQuotient}");
        t["MIN_VALIDATOR_WITHDRAWABILITY_DELAY"].Should().Be($"{withdrawabilityDelay}");
        t["MAX_ATTESTATIONS"].Should().Be($"{maxAttestations}");
        t["PROPOSER_SELECTION"].Should().Be(selection);
        t["PROPOSER_BLOCK_REWARD"].Should().Be($"{Units.Coins((ulong)blockRewardCoins)}");

        // The rows every preset shares.
        t["MIN_SEED_LOOKAHEAD"].Should().Be("1");
        t["MAX_SEED_LOOKAHEAD"].Should().Be("4");
        t["MAX_EFFECTIVE_BALANCE"].Should().Be($"{Units.Coins(2048)}");
        t["EFFECTIVE_BALANCE_INCREMENT"].Should().Be($"{Units.Coins(1)}");
        t["EJECTION_BALANCE"].Should().Be($"{Units.Coins(16)}");
        (t["HYSTERESIS_QUOTIENT"], t["HYSTERESIS_DOWNWARD_MULTIPLIER"], t["HYSTERESIS_UPWARD_MULTIPLIER"]).Should().Be(("4", "1", "5"));
        t["BASE_REWARD_FACTOR"].Should().Be("64");
        t["MIN_EPOCHS_TO_INACTIVITY_PENALTY"].Should().Be("4");
        (t["INACTIVITY_SCORE_BIAS"], t["INACTIVITY_SCORE_RECOVERY_RATE"]).Should().Be(("4", "16"));
        t["PROPORTIONAL_SLASHING_MULTIPLIER"].Should().Be("3");
        t["WHISTLEBLOWER_REWARD_QUOTIENT"].Should().Be("512");
        (t["MIN_PER_EPOCH_CHURN_LIMIT"], t["CHURN_LIMIT_QUOTIENT"]).Should().Be(("4", "65536"));
        t["PROPOSER_SCORE_BOOST"].Should().Be("40");
        (t["MAX_PROPOSER_SLASHINGS"], t["MAX_ATTESTER_SLASHINGS"]).Should().Be(("16", "2"));
        t.Keys.Should().BeEquivalentTo(ConsensusConfig.ConstantNames);
    }

    [Fact]
    public void Confiscates_the_whole_balance_in_the_tutorial_preset_only()
    {
        ConsensusConfig.Tutorial.ConfiscatesWholeBalance.Should().BeTrue();
        ConsensusConfig.Minimal.ConfiscatesWholeBalance.Should().BeFalse();
        ConsensusConfig.Minimal.WithOverride("MIN_SLASHING_PENALTY_QUOTIENT", 1).ConfiscatesWholeBalance.Should().BeFalse();
    }

    [Fact]
    public void Overrides_one_constant_by_its_spec_name_from_any_whole_number()
    {
        var c = ConsensusConfig.Minimal.WithOverride("SLOTS_PER_EPOCH", 16);
        c.SlotsPerEpoch.Should().Be(16);
        c.Should().Be(ConsensusConfig.Minimal with { SlotsPerEpoch = 16 });
        ConsensusConfig.Minimal.WithOverride("INACTIVITY_PENALTY_QUOTIENT", 64L).InactivityPenaltyQuotient.Should().Be(64);
        ConsensusConfig.Minimal.WithOverride("EJECTION_BALANCE", 3.0).EjectionBalance.Should().Be(3);
        ConsensusConfig.Minimal.WithOverride("EJECTION_BALANCE", "18446744073709551615").EjectionBalance.Should().Be(ulong.MaxValue);
        ConsensusConfig.Minimal.WithOverride("PROPOSER_SELECTION", "ROULETTE").ProposerSelection.Should().Be(ProposerSelection.Roulette);
        ConsensusConfig.Minimal.Should().Be(ConsensusConfig.ForPreset("minimal"), "overrides leave the preset alone");
    }

    [Fact]
    public void Applies_a_dictionary_of_overrides()
    {
        var c = ConsensusConfig.Mainnet.WithOverrides(new Dictionary<string, object>
        {
            ["SLOTS_PER_EPOCH"] = 4,
            ["PROPOSER_SELECTION"] = "roulette",
        });
        (c.SlotsPerEpoch, c.ProposerSelection, c.Preset).Should().Be((4UL, ProposerSelection.Roulette, "mainnet"));
    }

    [Theory]
    [InlineData("SLOTS_PER_EPOCHS", 16, "*unknown consensus constant 'SLOTS_PER_EPOCHS'*SLOTS_PER_EPOCH*")]
    [InlineData("SLOTS_PER_EPOCH", -1, "*SLOTS_PER_EPOCH must be a whole number*")]
    [InlineData("SLOTS_PER_EPOCH", 2.5, "*SLOTS_PER_EPOCH must be a whole number*")]
    [InlineData("SLOTS_PER_EPOCH", "eight", "*SLOTS_PER_EPOCH must be a whole number*")]
    [InlineData("SLOTS_PER_EPOCH", 0, "*SLOTS_PER_EPOCH must be in [1,*")]
    [InlineData("SHUFFLE_ROUND_COUNT", 257, "*SHUFFLE_ROUND_COUNT must be in [0, 256]*")]
    [InlineData("PROPOSER_SCORE_BOOST", 101, "*PROPOSER_SCORE_BOOST must be in [0, 100]*")]
    [InlineData("PROPOSER_SELECTION", "lottery", "*PROPOSER_SELECTION must be ethereum or roulette*")]
    public void Refuses_an_unknown_name_or_a_bad_value_naming_the_key(string name, object value, string message)
    {
        var act = () => ConsensusConfig.Minimal.WithOverride(name, value);
        act.Should().Throw<ArgumentException>().WithMessage(message);
    }

    [Fact]
    public void Refuses_an_unknown_preset()
    {
        var act = () => ConsensusConfig.ForPreset("testnet");
        act.Should().Throw<ArgumentException>().WithMessage("*minimal, mainnet or tutorial*");
    }

    [Fact]
    public void Derives_epochs_and_effective_balances()
    {
        var c = ConsensusConfig.Minimal;
        c.EpochOf(87).Should().Be(10);
        c.StartSlot(10).Should().Be(80);
        c.EffectiveBalanceOf(Units.Coins(31) + 999_999_999).Should().Be(Units.Coins(31));
        c.EffectiveBalanceOf(Units.Coins(5000)).Should().Be(Units.Coins(2048));
    }
}
