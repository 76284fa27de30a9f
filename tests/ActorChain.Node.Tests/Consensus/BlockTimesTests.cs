using System.Numerics;
using ActorChain.Node.Consensus;
using ActorChain.Node.Time;

namespace ActorChain.Node.Tests.Consensus;

/// <summary>Simulated mining's waiting times: a portable logarithm and exponential draws with the right mean.</summary>
public sealed class BlockTimesTests
{
    [Theory]
    [InlineData(1.0)]
    [InlineData(0.5)]
    [InlineData(2.0)]
    [InlineData(1e-300)]
    [InlineData(4.9e-324)]
    [InlineData(0.7071067811865476)]
    [InlineData(1.4142135623730951)]
    [InlineData(123456.789)]
    [InlineData(0.999999999999)]
    public void Ln_agrees_with_the_runtime_logarithm_to_a_few_ulps(double x)
    {
        var ours = BlockTimes.Ln(x);
        var theirs = Math.Log(x);
        Math.Abs(ours - theirs).Should().BeLessThanOrEqualTo(4 * Math.Max(double.Epsilon, Math.Abs(theirs) * 2.3e-16) + 1e-300);
    }

    [Fact]
    public void Ln_matches_across_many_points()
    {
        var rng = new SplitMix64(7);
        for (var i = 0; i < 100_000; i++)
        {
            var x = 1.0 - rng.NextDouble();
            var diff = Math.Abs(BlockTimes.Ln(x) - Math.Log(x));
            diff.Should().BeLessThanOrEqualTo(Math.Abs(Math.Log(x)) * 1e-15 + 1e-17);
        }
    }

    [Fact]
    public void Draws_block_times_with_the_expected_mean_and_the_same_stream_for_a_seed()
    {
        var work = new BigInteger(4_000_000);
        const ulong hashrate = 1_000_000;                              // 4 s expected
        var a = new SplitMix64(42);
        var draws = Enumerable.Range(0, 20_000).Select(_ => BlockTimes.NextMillis(a, work, hashrate)!.Value).ToList();
        draws.Average().Should().BeInRange(3_900, 4_100);
        draws.Should().OnlyContain(ms => ms >= 1);
        var b = new SplitMix64(42);
        Enumerable.Range(0, 20_000).Select(_ => BlockTimes.NextMillis(b, work, hashrate)!.Value).Should().Equal(draws);
    }

    [Fact]
    public void Draws_pinned_block_times_for_a_pinned_seed()
    {
        var rng = new SplitMix64(42);
        Enumerable.Range(0, 6).Select(_ => BlockTimes.NextMillis(rng, new BigInteger(4_000_000), 1_000_000)!.Value)
            .Should().Equal(5412L, 697L, 1306L, 1688L, 155L, 8107L); // checked against Python: -log1p(-u) · work / rate
    }

    [Fact]
    public void A_miner_without_hashrate_never_finds_a_block() =>
        BlockTimes.NextMillis(new SplitMix64(1), BigInteger.One, 0).Should().BeNull();
}
