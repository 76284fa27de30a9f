using ActorChain.Core.Codec;
using ActorChain.Core.Crypto;
using ActorChain.Core.Pow;
using ActorChain.Core.Transactions;
using ActorChain.Node.Faults;

namespace ActorChain.Node.Tests.Faults;

/// <summary>When a withholding node publishes its blocks: a private chain at its release, selfish mining as Eyal and Sirer.</summary>
public sealed class WithholdingPolicyTests
{
    private static PowBlock Block(ulong height)
    {
        var header = new PowHeader(height, Hash32.Zero, height * 1000, Hash32.Zero, PowBlock.TxRoot(0, Array.Empty<Transaction>()),
            Address.Zero, 0);
        return new PowBlock(header, 0, []);
    }

    private static IEnumerable<ulong> Heights(WithholdingPolicy.Publication p) => p.Blocks.Select(b => b.Height);

    [Fact]
    public void Withholds_a_private_chain_until_its_head_reaches_the_release_height()
    {
        var p = WithholdingPolicy.Of(new Fault.PrivateChain(0, new Fault.ReleaseAt(Fault.ReleaseUnit.Height, 13)), 10);
        for (ulong h = 11; h <= 12; h++)
        {
            p.OnOwnBlock(Block(h)).IsEmpty.Should().BeTrue();
            p.OnHead(h).IsEmpty.Should().BeTrue();
        }

        p.OnForeignBlock(11).IsEmpty.Should().BeTrue();
        p.OnOwnBlock(Block(13)).IsEmpty.Should().BeTrue();
        var released = p.OnHead(13);
        Heights(released).Should().Equal(11UL, 12UL, 13UL);
        released.Reason.Should().Be("release at height 13");
        p.Finished.Should().BeTrue();
    }

    [Fact]
    public void Keeps_a_private_chain_without_a_release_height_until_cleared()
    {
        var p = WithholdingPolicy.Of(new Fault.PrivateChain(0, null), 10);
        p.OnOwnBlock(Block(11));
        p.OnHead(1_000).IsEmpty.Should().BeTrue();
        p.Finished.Should().BeFalse();
        Heights(p.ReleaseAll("cleared")).Should().Equal(11UL);
        p.Finished.Should().BeTrue();
    }

    [Fact]
    public void Races_with_its_only_block_when_the_others_catch_up()
    {
        var p = WithholdingPolicy.Of(new Fault.SelfishMining(0), 10);
        p.OnOwnBlock(Block(11)).IsEmpty.Should().BeTrue("lead 1: withhold");
        var race = p.OnForeignBlock(11);
        Heights(race).Should().Equal(11UL);
        race.Reason.Should().Be("race");
        Heights(p.OnOwnBlock(Block(12))).Should().Equal([12UL], "won the race: publish at once");
    }

    [Fact]
    public void Publishes_its_branch_when_the_others_come_within_one()
    {
        var p = WithholdingPolicy.Of(new Fault.SelfishMining(0), 10);
        p.OnOwnBlock(Block(11));
        p.OnOwnBlock(Block(12));
        var won = p.OnForeignBlock(11);
        Heights(won).Should().Equal(11UL, 12UL);
        won.Reason.Should().Be("lead of two");
        p.WithheldCount.Should().Be(0);
    }

    [Fact]
    public void Publishes_one_block_at_a_time_while_far_ahead()
    {
        var p = WithholdingPolicy.Of(new Fault.SelfishMining(0), 10);
        for (ulong h = 11; h <= 14; h++) p.OnOwnBlock(Block(h));
        Heights(p.OnForeignBlock(11)).Should().Equal([11UL], "lead of three before it: match it");
        Heights(p.OnForeignBlock(12)).Should().Equal([12UL], "still a lead of three before it");
        Heights(p.OnForeignBlock(13)).Should().Equal([13UL, 14UL], "a lead of two before it: publish the rest");
    }

    [Fact]
    public void Adopts_the_others_chain_when_behind()
    {
        var p = WithholdingPolicy.Of(new Fault.SelfishMining(0), 10);
        p.OnForeignBlock(11).IsEmpty.Should().BeTrue();
        p.OnOwnBlock(Block(12)).IsEmpty.Should().BeTrue("mining on their head: a new lead of 1");
        Heights(p.OnForeignBlock(12)).Should().Equal(12UL);
        p.OnForeignBlock(13).IsEmpty.Should().BeTrue("lost the race: adopt theirs");
        p.WithheldCount.Should().Be(0);
    }
}
