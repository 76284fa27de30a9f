using ActorChain.Core.Codec;
using ActorChain.Core.Crypto;
using ActorChain.Core.Pow;
using ActorChain.Core.Transactions;
using static ActorChain.Core.Tests.Pow.ChainBuilder;
using static ActorChain.Core.Units;

namespace ActorChain.Core.Tests.Pow;

public sealed class PowBlockBuilderTests
{
    private readonly ChainBuilder _chain = Simulated();
    private readonly BlockContext _ctx;

    public PowBlockBuilderTests() => _ctx = _chain.ContextFor(_chain.Genesis);

    [Fact]
    public void Keeps_only_the_candidates_valid_in_sequence()
    {
        var a0 = Transfer.Sign(TestKeys.Alice, Bob, Coins(1), 5, 2, 0);
        var a0Again = Transfer.Sign(TestKeys.Alice, Bob, Coins(2), 5, 2, 0);
        var a2 = Transfer.Sign(TestKeys.Alice, Bob, Coins(1), 5, 2, 2);
        var a1 = Transfer.Sign(TestKeys.Alice, Bob, Coins(1), 5, 7, 1);
        var bobOverspends = Transfer.Sign(TestKeys.Bob, Alice, Coins(50), 5, 2, 0);

        var b = PowBlockBuilder.Build(_ctx, Miner1, _ctx.MedianTimePast + 1, [a0, a0Again, a2, bobOverspends, a1], _chain.Params);

        b.Transactions.Should().Equal(a0, a1);
        b.Coinbase.Should().Be(Coins(50) + 2 + 4);
        b.Header.TxRoot.Should().Be(PowBlock.TxRoot(b.Coinbase, b.Transactions));
        b.Header.Nonce.Should().Be(0);
        b.Height.Should().Be(1);
        b.ParentHash.Should().Be(_chain.Genesis.Hash);
        b.Target.Should().Be(_ctx.Target);
        b.Miner.Should().Be(Miner1);
        PowBlockRules.Validate(b, _ctx, LateNow, _chain.Params).Should().BeNull();
    }

    [Fact]
    public void Stops_at_the_maximum_transactions_per_block()
    {
        var txs = new List<Transaction>();
        for (ulong nonce = 0; nonce < Fees.MaxTxsPerBlock + 2; nonce++)
        {
            txs.Add(Transfer.Sign(TestKeys.Alice, Bob, 1, 1, 0, nonce));
        }

        var b = PowBlockBuilder.Build(_ctx, Miner1, _ctx.MedianTimePast + 1, txs, _chain.Params);

        b.Transactions.Should().HaveCount(Fees.MaxTxsPerBlock).And.Equal(txs.Take(Fees.MaxTxsPerBlock));
        PowBlockRules.Validate(b, _ctx, LateNow, _chain.Params).Should().BeNull();
    }

    [Fact]
    public void Picks_a_timestamp_after_the_median()
    {
        var median = _ctx.MedianTimePast;
        PowBlockBuilder.TimestampFor(_ctx, median + 500).Should().Be(median + 500);
        PowBlockBuilder.TimestampFor(_ctx, median).Should().Be(median + 1);
        PowBlockBuilder.TimestampFor(_ctx, median - 10_000).Should().Be(median + 1);
    }

    [Fact]
    public void Refuses_a_timestamp_not_after_the_median()
    {
        var act = () => PowBlockBuilder.Build(_ctx, Miner1, _ctx.MedianTimePast, [], _chain.Params);
        act.Should().Throw<ArgumentException>().WithMessage("*median*");
    }

    [Fact]
    public void Builds_the_genesis_block()
    {
        var g = PowGenesis.Block(_chain.Params, 1234);

        g.Height.Should().Be(0);
        g.ParentHash.Should().Be(Hash32.Zero);
        g.Miner.Should().Be(Address.Zero);
        g.Coinbase.Should().Be(0);
        g.Transactions.Should().BeEmpty();
        g.Timestamp.Should().Be(1234);
        g.Target.Should().Be(_chain.Params.GenesisTarget);
        g.Header.TxRoot.Should().Be(PowBlock.TxRoot(0, []));
        PowGenesis.Block(_chain.Params, 1234).Should().Be(g);
        PowGenesis.Block(_chain.Params, 1235).Should().NotBe(g);
    }
}
