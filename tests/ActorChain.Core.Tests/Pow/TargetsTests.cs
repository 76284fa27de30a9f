using System.Numerics;
using ActorChain.Core.Codec;
using ActorChain.Core.Pow;

namespace ActorChain.Core.Tests.Pow;

public sealed class TargetsTests
{
    private static Hash32 Target(BigInteger v) => Hash32.FromUnsignedBigInteger(v);

    [Fact]
    public void Computes_work_as_two_to_256_over_target_plus_one()
    {
        Targets.Work(Targets.MaxTarget).Should().Be(BigInteger.One);
        Targets.Work(Target((BigInteger.One << 255) - 1)).Should().Be(new BigInteger(2));
        Targets.Work(Targets.MinTarget).Should().Be(BigInteger.One << 255);
        Targets.Work(Hash32.Zero).Should().Be(Targets.TwoPow256);
        Targets.Work(Target((BigInteger.One << 240) - 1)).Should().Be(BigInteger.One << 16);
    }

    [Fact]
    public void Meets_a_target_when_the_hash_is_at_most_the_target()
    {
        var t = Target(1_000);
        Targets.Meets(Target(999), t).Should().BeTrue();
        Targets.Meets(t, t).Should().BeTrue();
        Targets.Meets(Target(1_001), t).Should().BeFalse();
        Targets.Meets(Hash32.FromHex("80" + new string('0', 62)), Targets.MaxTarget).Should().BeTrue();
        Targets.Meets(Hash32.FromHex("80" + new string('0', 62)), Target(BigInteger.One << 255)).Should().BeTrue();
        Targets.Meets(Hash32.FromHex("80" + new string('0', 60) + "01"), Target(BigInteger.One << 255)).Should().BeFalse();
    }

    [Theory]
    [InlineData(2L)]
    [InlineData(16L)]
    [InlineData(1_000L)]
    [InlineData(8_000_000L)]
    [InlineData(1L << 40)]
    public void Finds_the_target_for_an_expected_work(long hashes)
    {
        var work = Targets.Work(Targets.ForExpectedWork(hashes));
        work.Should().BeGreaterThanOrEqualTo(hashes).And.BeLessThanOrEqualTo(hashes + 1);
    }

    [Fact]
    public void Clamps_the_target_for_trivial_or_huge_work()
    {
        Targets.ForExpectedWork(1).Should().Be(Targets.MaxTarget);
        Targets.ForExpectedWork(0).Should().Be(Targets.MaxTarget);
        Targets.ForExpectedWork(Targets.TwoPow256).Should().Be(Targets.MinTarget);
    }

    [Fact]
    public void Clamps_into_one_to_the_maximum()
    {
        var max = Target(500);
        Targets.Clamp(BigInteger.Zero).Should().Be(Targets.MinTarget);
        Targets.Clamp(new BigInteger(-3)).Should().Be(Targets.MinTarget);
        Targets.Clamp(Targets.TwoPow256).Should().Be(Targets.MaxTarget);
        Targets.Clamp(501, max).Should().Be(max);
        Targets.Clamp(499, max).Should().Be(Target(499));
    }
}
