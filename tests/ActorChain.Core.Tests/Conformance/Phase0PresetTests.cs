using ActorChain.Core.Conformance;
using ActorChain.Core.Pos;

namespace ActorChain.Core.Tests.Conformance;

public sealed class Phase0PresetTests
{
    private const string Yaml = """
        # Minimal preset

        CONFIG_NAME: "minimal"
        # [customized] Just 4 committees for slot for testing purposes
        MAX_COMMITTEES_PER_SLOT: 4
        SHUFFLE_ROUND_COUNT: 10  # trailing comment
        MAX_EFFECTIVE_BALANCE: 32000000000
        MIN_SLASHING_PENALTY_QUOTIENT: 64
        PROPORTIONAL_SLASHING_MULTIPLIER: 2
        DOMAIN_BEACON_ATTESTER: 0x01000000
        SLOTS_PER_EPOCH: 8
        """;

    [Fact]
    public void Reads_key_value_lines()
    {
        var m = YamlLines.Parse(Yaml, out var error)!.Value.ToDictionary();
        error.Should().BeNull();
        m.Should().Contain("CONFIG_NAME", "minimal").And.Contain("SHUFFLE_ROUND_COUNT", "10")
            .And.Contain("DOMAIN_BEACON_ATTESTER", "0x01000000").And.HaveCount(8);
    }

    [Theory]
    [InlineData("A: 1\n  B: 2\n", "line 2")]
    [InlineData("- x\n", "line 1")]
    [InlineData("A: 1\nA: 2\n", "A is set twice")]
    public void Rejects_what_is_not_a_flat_key_value_line(string yaml, string expected)
    {
        YamlLines.Parse(yaml, out var error).Should().BeNull();
        error.Should().Contain(expected);
    }

    [Fact]
    public void Keeps_whole_numbers_only()
    {
        var p = Phase0Preset.FromYaml("minimal", Yaml, out _)!;
        p.Get("MAX_EFFECTIVE_BALANCE").Should().Be(32_000_000_000UL);
        p.Constants.Keys.Should().NotContain(["CONFIG_NAME", "DOMAIN_BEACON_ATTESTER"]);
        var missing = () => p.Get("SLOTS_PER_HISTORICAL_ROOT");
        missing.Should().Throw<KeyNotFoundException>()
            .WithMessage("*the minimal phase0.yaml does not set SLOTS_PER_HISTORICAL_ROOT*");
    }

    [Fact]
    public void Rejects_a_number_beyond_64_bits_naming_the_key()
    {
        Phase0Preset.FromYaml("minimal", "BIG: 18446744073709551616\n", out var error).Should().BeNull();
        error.Should().Be("BIG: 18446744073709551616 does not fit in 64 bits");
    }

    [Fact]
    public void Overrides_the_shared_constants_of_the_actorchain_preset()
    {
        var c = Phase0Preset.FromYaml("minimal", Yaml, out _)!.ToConsensusConfig(out _)!;
        c.Preset.Should().Be("minimal");
        c.MaxEffectiveBalance.Should().Be(32_000_000_000UL);
        c.MinSlashingPenaltyQuotient.Should().Be(64UL);
        c.ProportionalSlashingMultiplier.Should().Be(2UL);
        c.ShuffleRoundCount.Should().Be(10UL);
        c.SlotsPerEpoch.Should().Be(8UL);
        c.EpochsPerHistoricalVector.Should().Be(ConsensusConfig.Minimal.EpochsPerHistoricalVector);
    }
}
