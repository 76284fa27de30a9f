using System.Numerics;
using ActorChain.Core.Codec;
using ActorChain.Core.Pow;

namespace ActorChain.Core.Tests.Pow;

public sealed class PowParamsTests
{
    [Fact]
    public void Defaults_to_the_spec_constants()
    {
        var p = PowParams.Defaults();

        p.BlockRewardGwei.Should().Be(Units.Coins(50));
        p.RetargetInterval.Should().Be(16);
        p.BlockTimeMillis.Should().Be(2_000);
        p.MaxFutureDriftMillis.Should().Be(15_000);
        p.MedianTimeSpan.Should().Be(11);
        p.CheckProofOfWork.Should().BeTrue();
        p.ExpectedSpanMillis.Should().Be(32_000);
        p.PowLimit.ToUnsignedBigInteger().Should().Be((BigInteger.One << 248) - 1);
        Targets.Work(p.GenesisTarget).Should().BeGreaterThanOrEqualTo(8_000_000).And.BeLessThanOrEqualTo(8_000_001);
    }

    [Fact]
    public void Changes_one_field_per_wither()
    {
        var p = PowParams.Defaults();
        p.WithCheckProofOfWork(false).Should().Be(new PowParams(p.BlockRewardGwei, 16, 2_000, p.PowLimit,
            p.GenesisTarget, 15_000, 11, checkProofOfWork: false));
        p.WithRetargetInterval(4).RetargetInterval.Should().Be(4);
        p.WithBlockTimeMillis(100).BlockTimeMillis.Should().Be(100);
        p.WithBlockRewardGwei(7).BlockRewardGwei.Should().Be(7);
        p.WithMaxFutureDriftMillis(1).MaxFutureDriftMillis.Should().Be(1);
        p.WithMedianTimeSpan(3).MedianTimeSpan.Should().Be(3);
        p.WithPowLimit(Targets.MaxTarget).WithGenesisTarget(Targets.MaxTarget).GenesisTarget.Should().Be(Targets.MaxTarget);
        p.WithRetargetInterval(4).Should().NotBe(p);
    }

    [Fact]
    public void Rejects_a_genesis_target_above_the_pow_limit()
    {
        var act = () => PowParams.Defaults().WithGenesisTarget(Targets.MaxTarget);
        act.Should().Throw<ArgumentException>().WithMessage("*powLimit*");
    }

    [Fact]
    public void Rejects_out_of_range_constants()
    {
        var p = PowParams.Defaults();
        FluentActions.Invoking(() => p.WithRetargetInterval(0)).Should().Throw<ArgumentException>().WithMessage("*retargetInterval*");
        FluentActions.Invoking(() => p.WithBlockTimeMillis(0)).Should().Throw<ArgumentException>().WithMessage("*blockTimeMillis*");
        FluentActions.Invoking(() => p.WithMedianTimeSpan(0)).Should().Throw<ArgumentException>().WithMessage("*medianTimeSpan*");
        FluentActions.Invoking(() => p.WithPowLimit(Hash32.Zero)).Should().Throw<ArgumentException>().WithMessage("*powLimit*");
        FluentActions.Invoking(() => p.WithRetargetInterval(ulong.MaxValue)).Should().Throw<ArgumentException>().WithMessage("*overflows*");
    }
}
