using ActorChain.Core.Codec;
using ActorChain.Node.Network;

namespace ActorChain.Node.Tests.Network;

/// <summary>The link's dedupe set: remembers between capacity/2 and capacity recent ids, and allocates nothing per lookup.</summary>
public sealed class RecentIdsTests
{
    [Fact]
    public void Sees_an_id_once_until_it_is_cleared()
    {
        var ids = new RecentIds(16);
        ids.Add(LinkFixture.Id(1)).Should().BeTrue();
        ids.Add(LinkFixture.Id(1)).Should().BeFalse();
        ids.Clear();
        ids.Add(LinkFixture.Id(1)).Should().BeTrue();
    }

    [Fact]
    public void Remembers_at_least_half_its_capacity_and_forgets_old_generations()
    {
        var ids = new RecentIds(64);
        for (var i = 0; i < 1000; i++) ids.Add(LinkFixture.Id(i)).Should().BeTrue();
        for (var i = 1000 - 32; i < 1000; i++) ids.Add(LinkFixture.Id(i)).Should().BeFalse("the last capacity/2 ids are remembered");
        ids.Add(LinkFixture.Id(0)).Should().BeTrue("an id from many generations ago is forgotten");
    }

    [Fact]
    public void Keeps_every_id_of_a_generation_while_its_table_grows()
    {
        var ids = new RecentIds(8192);
        for (var i = 0; i < 4095; i++) ids.Add(LinkFixture.Id(i)).Should().BeTrue();
        for (var i = 0; i < 4095; i++) ids.Add(LinkFixture.Id(i)).Should().BeFalse("id {0} was added to the growing young table", i);
    }

    [Fact]
    public void Treats_the_zero_key_like_any_other()
    {
        var ids = new RecentIds(4);
        ids.Add(Hash32.Zero).Should().BeTrue();
        ids.Add(Hash32.Zero).Should().BeFalse();
    }

    [Fact]
    public void Refuses_a_capacity_below_two()
    {
        var act = () => new RecentIds(1);
        act.Should().Throw<ArgumentOutOfRangeException>();
    }

    [Fact]
    public void Looks_up_without_allocating()
    {
        var ids = new RecentIds(8192);
        var keys = Enumerable.Range(0, 10_000).Select(LinkFixture.Id).ToArray();
        foreach (var k in keys) ids.Add(k);
        var before = GC.GetAllocatedBytesForCurrentThread();
        foreach (var k in keys) ids.Add(k);
        (GC.GetAllocatedBytesForCurrentThread() - before).Should().Be(0);
    }
}
