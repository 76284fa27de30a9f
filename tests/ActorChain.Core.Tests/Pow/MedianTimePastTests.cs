using ActorChain.Core.Pow;

namespace ActorChain.Core.Tests.Pow;

public sealed class MedianTimePastTests
{
    [Fact]
    public void Takes_the_middle_of_an_odd_count()
    {
        MedianTimePast.Of([50, 10, 40, 20, 30]).Should().Be(30);
        MedianTimePast.Of([7]).Should().Be(7);
    }

    [Fact]
    public void Takes_the_upper_middle_of_an_even_count()
    {
        MedianTimePast.Of([10, 40, 20, 30]).Should().Be(30);
        MedianTimePast.Of([1, 2]).Should().Be(2);
    }

    [Fact]
    public void Does_not_reorder_the_callers_timestamps()
    {
        ulong[] ts = [3, 1, 2];
        MedianTimePast.Of(ts);
        ts.Should().Equal(3UL, 1UL, 2UL);
    }

    [Fact]
    public void Refuses_no_timestamps()
    {
        var act = () => MedianTimePast.Of([]);
        act.Should().Throw<ArgumentException>();
    }
}
