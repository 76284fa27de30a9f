using ActorChain.Core.Codec;
using ActorChain.Core.Pow;
using ActorChain.Node.Chain;
using ActorChain.Node.Tests.Storage;

namespace ActorChain.Node.Tests.Chain;

/// <summary><see cref="OrphanPool{TBlock}"/>: bounded, oldest first out, children in arrival order.</summary>
public sealed class OrphanPoolTest
{
    private static readonly PowBlock A = Blocks.Pow(1, Hash32.Zero, 1);
    private static readonly PowBlock B = Blocks.Pow(2, A.Hash, 1);
    private static readonly PowBlock C = Blocks.Pow(3, B.Hash, 1);
    private static readonly PowBlock B2 = Blocks.Pow(2, A.Hash, 2);

    [Fact]
    public void Returns_the_children_of_a_parent_in_arrival_order_and_forgets_them()
    {
        var pool = New(8);
        pool.Add(new(B2, 1)).Should().BeTrue();
        pool.Add(new(B, 2)).Should().BeTrue();
        pool.Add(new(B, 3)).Should().BeFalse();

        pool.TakeChildrenOf(A.Hash).Select(p => p.Block).Should().Equal(B2, B);
        pool.Count.Should().Be(0);
        pool.TakeChildrenOf(A.Hash).Should().BeEmpty();
    }

    [Fact]
    public void Names_the_far_end_of_a_gap_as_missing()
    {
        var pool = New(8);
        pool.Add(new(C, 1));
        pool.Add(new(B, 1));

        pool.MissingRootOf(B.Hash).Should().Be(A.Hash);
        pool.MissingRootOf(Hash32.Zero).Should().Be(Hash32.Zero);
    }

    [Fact]
    public void Drops_the_oldest_beyond_capacity()
    {
        var pool = New(2);
        pool.Add(new(B, 1));
        pool.Add(new(C, 1));
        pool.Add(new(B2, 1));

        pool.Count.Should().Be(2);
        pool.TakeChildrenOf(A.Hash).Select(p => p.Block).Should().Equal(B2);
        pool.TakeChildrenOf(B.Hash).Select(p => p.Block).Should().Equal(C);
    }

    private static OrphanPool<PowBlock> New(int capacity) => new(capacity, b => b.Hash, b => b.ParentHash);
}
