using ActorChain.Core.Conformance;
using ActorChain.Core.Pos;

namespace ActorChain.Core.Tests.Conformance;

public sealed class ConformanceRunnerTests
{
    private static ConsensusConfig TinyConfig => Phase0StateTests.TinyConfig with { MaxEffectiveBalance = 32_000_000_000UL };

    private static Phase0State Tiny() => Phase0StateTests.Decoded();

    [Fact]
    public void Reports_each_effective_balance_that_differs()
    {
        // validator 1: balance 30 ETH < effective 31 ETH − 0.25 ETH, so the step lowers it to 30 ETH; post says 31
        var r = ConformanceRunner.Run(EpochStep.EffectiveBalanceUpdates, Tiny(), Tiny(), TinyConfig);
        r.Passed.Should().BeFalse();
        r.Differences.Should().Equal("effective_balance[1]: expected 31000000000, got 30000000000 (-1000000000)");
    }

    [Fact]
    public void Passes_when_post_matches()
    {
        // slot 17 (epoch 2): nothing is slashed with withdrawable epoch 2 + 2, so balances stay
        var r = ConformanceRunner.Run(EpochStep.Slashings, Tiny(), Tiny(), TinyConfig);
        r.Passed.Should().BeTrue(r.Diff);
        r.Diff.Should().BeEmpty();
    }

    [Fact]
    public void Describes_justification_differences()
    {
        // 2 slots per epoch: slot 17 is epoch 8. The one pending attestation's target (0x21) is not blockRoot(7), only
        // validator 0 is active, so nothing is justified; the bits shift and previous_justified takes current_justified.
        var c = TinyConfig with { SlotsPerEpoch = 2 };
        var r = ConformanceRunner.Run(EpochStep.JustificationAndFinalization, Tiny(), Tiny(), c);
        r.Differences.Should().Equal(
            "justification_bits: expected 0b0011, got 0b0110",
            "previous_justified_checkpoint: expected (epoch 0, root 0x" + string.Concat(Enumerable.Repeat("30", 32))
                + "), got (epoch 1, root 0x" + string.Concat(Enumerable.Repeat("31", 32)) + ")");
    }

    [Fact]
    public void Reports_a_pending_attestation_naming_a_committee_that_does_not_exist()
    {
        // 2 slots per epoch: blockRoot(7) is block_roots[14 % 4] = 0x22, so this attestation's target matches
        var pre = Phase0State.Decode(Phase0StateTests.TinyState(committeeIndex: 9, targetRoot: 0x22), Phase0StateTests.Tiny, out _)!;
        var r = ConformanceRunner.Run(EpochStep.JustificationAndFinalization, pre, pre, TinyConfig with { SlotsPerEpoch = 2 });
        r.Differences.Should().Equal("attestation at slot 9 names committee 9 of 1");
    }

    [Fact]
    public void Skips_justification_until_epoch_two()
    {
        var c = TinyConfig with { SlotsPerEpoch = 16 }; // slot 17 is epoch 1
        var r = ConformanceRunner.Run(EpochStep.JustificationAndFinalization, Tiny(), Tiny(), c);
        r.Passed.Should().BeTrue(r.Diff);
    }

    [Fact]
    public void Rejects_an_unknown_step()
    {
        EpochSteps.ByName("rewards_and_penalties", out var error).Should().BeNull();
        error.Should().Contain("unknown epoch-processing step")
            .And.Contain("justification_and_finalization, slashings, effective_balance_updates");
        EpochSteps.ByName("slashings", out error).Should().Be(EpochStep.Slashings);
        error.Should().BeNull();
    }

    [Fact]
    public void Reports_a_mapping_error_as_a_difference()
    {
        var r = ConformanceRunner.Run(EpochStep.Slashings, Tiny(), Tiny(), ConsensusConfig.Minimal);
        r.Passed.Should().BeFalse();
        r.Diff.Should().Contain("block_roots has 4 entries but the config expects 64");
    }
}
