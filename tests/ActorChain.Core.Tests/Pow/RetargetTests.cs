using System.Numerics;
using ActorChain.Core.Codec;
using ActorChain.Core.Crypto;
using ActorChain.Core.Pow;

namespace ActorChain.Core.Tests.Pow;

public sealed class RetargetTests
{
    private static readonly Hash32 Old = Hash32.FromUnsignedBigInteger(BigInteger.One << 230);
    private static readonly PowParams P = PowParams.Defaults().WithGenesisTarget(Old); // interval 16, block time 2 s

    private static PowHeader Header(ulong height, ulong timestamp, Hash32 target) =>
        new(height, Hash32.Zero, timestamp, target, Hash32.Zero, Address.Zero, 0);

    /// <summary>Timestamps of a chain whose block h is at h × gap.</summary>
    private static Func<ulong, ulong> Every(ulong gap) => h => h * gap;

    private static Hash32 Scaled(Hash32 t, long num, long den) =>
        Hash32.FromUnsignedBigInteger(t.ToUnsignedBigInteger() * num / den);

    [Theory]
    [InlineData(0UL)]
    [InlineData(1UL)]
    [InlineData(14UL)]
    [InlineData(16UL)]
    [InlineData(17UL)]
    [InlineData(30UL)]
    public void Keeps_the_parent_target_between_retargets(ulong parentHeight)
    {
        var parent = Header(parentHeight, parentHeight * 100, Old);
        Retarget.NextTarget(P, parent, Every(100)).Should().Be(Old);
    }

    [Fact]
    public void Keeps_the_target_when_the_last_interval_blocks_took_the_expected_time()
    {
        var parent = Header(31, 31 * 2_000, Old);
        // Blocks 16..31 took ts(31) − ts(15) = 16 × 2 s = expected.
        Retarget.NextTarget(P, parent, Every(2_000)).Should().Be(Old);
    }

    [Fact]
    public void Measures_the_first_window_from_height_one_and_scales_its_expected_span()
    {
        var parent = Header(15, 15 * 2_000, Old);
        // 14 gaps from height 1 to 15 on schedule: the target stays.
        Retarget.NextTarget(P, parent, Every(2_000)).Should().Be(Old);
        // Twice as fast: 14 gaps in 14 s against 28 s expected.
        Retarget.NextTarget(P, Header(15, 15 * 1_000, Old), Every(1_000)).Should().Be(Scaled(Old, 14_000, 28_000));
    }

    [Fact]
    public void Ignores_the_genesis_timestamp_in_the_first_window()
    {
        // A real-time chain: genesis at 0 (a configured constant), blocks at wall-clock times near 1.7e12 ms.
        const ulong t0 = 1_700_000_000_000;
        var parent = Header(15, t0 + (15 * 2_000), Old);
        Retarget.NextTarget(P, parent, h => h == 0 ? 0 : t0 + (h * 2_000)).Should().Be(Old);
    }

    [Fact]
    public void Halves_the_target_when_blocks_came_twice_as_fast()
    {
        var parent = Header(47, 47 * 1_000, Old);
        Retarget.NextTarget(P, parent, Every(1_000)).Should().Be(Scaled(Old, 1, 2));
    }

    [Fact]
    public void Raises_the_target_when_blocks_came_slower()
    {
        var parent = Header(31, 31 * 3_000, Old);
        Retarget.NextTarget(P, parent, Every(3_000)).Should().Be(Scaled(Old, 3, 2));
    }

    [Fact]
    public void Clamps_the_span_to_four_times_the_expected()
    {
        var parent = Header(31, 31 * 100_000, Old);
        Retarget.NextTarget(P, parent, Every(100_000)).Should().Be(Scaled(Old, 4, 1));
    }

    [Fact]
    public void Clamps_the_span_to_a_quarter_of_the_expected()
    {
        var parent = Header(31, 31 * 10, Old);
        Retarget.NextTarget(P, parent, Every(10)).Should().Be(Scaled(Old, 1, 4));
    }

    [Fact]
    public void Clamps_a_negative_span_to_a_quarter_of_the_expected()
    {
        var parent = Header(31, 0, Old);
        Retarget.NextTarget(P, parent, _ => 1_000_000).Should().Be(Scaled(Old, 1, 4));
        Retarget.NewTarget(P, Old, -5).Should().Be(Scaled(Old, 1, 4));
    }

    [Fact]
    public void Never_goes_above_the_pow_limit()
    {
        var p = P.WithGenesisTarget(P.PowLimit);
        var parent = Header(31, 31 * 8_000, p.PowLimit);
        Retarget.NextTarget(p, parent, Every(8_000)).Should().Be(p.PowLimit);
    }

    [Fact]
    public void Never_goes_below_one()
    {
        Retarget.NewTarget(P, Targets.MinTarget, 0).Should().Be(Targets.MinTarget);
    }

    [Fact]
    public void Asks_only_for_the_anchor_height_of_the_window()
    {
        var asked = new List<ulong>();
        var parent = Header(63, 63 * 2_000, Old);
        Retarget.NextTarget(P, parent, h =>
        {
            asked.Add(h);
            return h * 2_000;
        });
        asked.Should().Equal(47UL);
        Retarget.AnchorHeight(P, 64).Should().Be(47);
        Retarget.AnchorHeight(P, 16).Should().Be(1);
        Retarget.AnchorHeight(P, 17).Should().BeNull();
    }

    [Fact]
    public void Keeps_the_parent_target_when_the_window_measures_no_gap()
    {
        // Interval 2: the child at height 2 would measure from anchor 1 to parent 1, no gap at all.
        var p = P.WithRetargetInterval(2);
        Retarget.AnchorHeight(p, 2).Should().BeNull();
        Retarget.NextTarget(p, Header(1, 10, Old), _ => throw new InvalidOperationException("no timestamp needed"))
            .Should().Be(Old);
    }

    [Fact]
    public void Refuses_an_expected_span_of_zero()
    {
        var act = () => Retarget.NewTarget(P.PowLimit, Old, 100, 0);
        act.Should().Throw<ArgumentOutOfRangeException>();
    }
}
