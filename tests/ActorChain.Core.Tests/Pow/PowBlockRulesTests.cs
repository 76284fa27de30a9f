using System.Numerics;
using ActorChain.Core.Codec;
using ActorChain.Core.Crypto;
using ActorChain.Core.Ledger;
using ActorChain.Core.Pow;
using ActorChain.Core.Transactions;
using static ActorChain.Core.Tests.Pow.ChainBuilder;
using static ActorChain.Core.Units;

namespace ActorChain.Core.Tests.Pow;

public sealed class PowBlockRulesTests
{
    private readonly ChainBuilder _chain = Simulated();
    private readonly BlockContext _ctx;
    private readonly PowParams _p;

    public PowBlockRulesTests()
    {
        _ctx = _chain.ContextFor(_chain.Genesis);
        _p = _chain.Params;
    }

    private static PowInvalidReason? Reason(PowBlock b, BlockContext context, ulong now, PowParams p) =>
        PowBlockRules.Validate(b, context, now, p)?.Reason;

    private PowInvalidReason? Reason(PowBlock b) => Reason(b, _ctx, LateNow, _p);

    private PowBlock Valid(params Transaction[] txs) => _chain.Child(_chain.Genesis, Miner1, txs);

    [Fact]
    public void Accepts_a_valid_block_and_computes_its_post_state()
    {
        var tx = Transfer.Sign(TestKeys.Alice, Bob, Coins(10), 5, 3, 0);
        var b = Valid(tx);

        var applied = PowBlockRules.TryApply(b, _ctx, LateNow, _p, SignatureCheck.Direct, out var postState, out var rejection);

        applied.Should().BeTrue(rejection?.Describe());
        var post = postState!;
        b.Coinbase.Should().Be(Coins(50) + 3);
        post.Account(Miner1).Should().Be(new Account(Miner1, Coins(50) + 3, 0));
        post.Account(Alice).Should().Be(new Account(Alice, Coins(90) - 1 - 3, 1));
        post.Account(Bob).Balance.Should().Be(Coins(15));
        post.BaseFee.Should().Be(Fees.NextBaseFee(1, 1));
        // The base fee (1 gwei) is burned: supply grows by the reward only.
        post.Accounts.TotalBalance().Should().Be(_chain.GenesisState.Accounts.TotalBalance() + Coins(50) - 1);
    }

    [Fact]
    public void Sets_the_post_state_base_fee_from_the_parents_and_the_tx_count()
    {
        var expensive = new LedgerState(_chain.GenesisState.Accounts, 1_000, _chain.GenesisState.Registry);
        var c = new ChainBuilder(_p, expensive);
        var empty = c.Child(c.Genesis, Miner1, []);
        var one = c.Child(c.Genesis, Miner1, [Transfer.Sign(TestKeys.Alice, Bob, 1, 1_000, 0, 0)]);

        c.Imported(empty).Should().NotBeNull();
        c.Tree.StateOf(empty.Hash).BaseFee.Should().Be(875);
        c.Imported(one);
        c.Tree.StateOf(one.Hash).BaseFee.Should().Be(Fees.NextBaseFee(1_000, 1)).And.Be(876);
    }

    [Fact]
    public void Rejects_a_block_with_the_wrong_height()
    {
        var b = WithHeader(Valid(), h => h with { Height = 2 });

        var r = PowBlockRules.Validate(b, _ctx, LateNow, _p);

        r.Should().Be(new BlockRejection(PowInvalidReason.WrongHeight, "height 2, expected 1"));
    }

    [Fact]
    public void Rejects_a_block_naming_another_parent()
    {
        var b = WithHeader(Valid(), h => h with { ParentHash = Hash32.Zero });
        Reason(b).Should().Be(PowInvalidReason.WrongParent);
    }

    [Fact]
    public void Rejects_a_block_with_a_timestamp_not_after_the_median()
    {
        var median = _ctx.MedianTimePast;
        median.Should().Be(_chain.Genesis.Timestamp);
        var atMedian = _chain.Child(_chain.Genesis, Miner1, median + 1, []);
        var b = WithHeader(atMedian, h => h with { Timestamp = median });

        Reason(atMedian).Should().BeNull();
        Reason(b).Should().Be(PowInvalidReason.TimestampNotAfterMedian);
    }

    [Fact]
    public void Checks_the_timestamp_against_the_median_of_the_last_eleven_blocks()
    {
        // Each offset is after the median before it. Over the last 11 the median is 1017; over 10 or 12 it is 1019.
        ulong[] offsets = [6, 8, 1007, 1009, 1009, 2008, 1108, 1060, 1060, 1010, 1015, 1012, 1015, 1016, 1017, 1067, 1118,
            1023, 1068, 1019];
        var tip = _chain.Genesis;
        foreach (var offset in offsets)
        {
            tip = _chain.Child(tip, Miner1, GenesisTime + offset, []);
            _chain.Imported(tip);
        }

        var next = _chain.ContextFor(tip);
        next.MedianTimePast.Should().Be(GenesisTime + 1017);
        var early = _chain.Child(tip, Miner1, GenesisTime + 1018, []);
        var tooEarly = WithHeader(early, h => h with { Timestamp = GenesisTime + 1017 });

        // Before its parent in time, but after the median: valid.
        Reason(early, next, LateNow, _p).Should().BeNull();
        Reason(tooEarly, next, LateNow, _p).Should().Be(PowInvalidReason.TimestampNotAfterMedian);
    }

    [Fact]
    public void Rejects_a_block_with_a_timestamp_too_far_in_the_future()
    {
        var b = Valid();
        var now = b.Timestamp - _p.MaxFutureDriftMillis;

        Reason(b, _ctx, now, _p).Should().BeNull();
        var r = PowBlockRules.Validate(b, _ctx, now - 1, _p);
        r!.Reason.Should().Be(PowInvalidReason.TimestampTooFarInFuture);
        r.Detail.Should().Contain("drift 15000");
    }

    [Fact]
    public void Rejects_a_block_with_the_wrong_target()
    {
        var easier = Hash32.FromUnsignedBigInteger(_ctx.Target.ToUnsignedBigInteger() + BigInteger.One);
        var b = WithHeader(Valid(), h => h with { Target = easier });
        Reason(b).Should().Be(PowInvalidReason.WrongTarget);
    }

    [Fact]
    public void Accepts_a_real_proof_of_work()
    {
        var real = RealEasy();
        var mined = Mine(real.Child(real.Genesis, Miner1, []));

        Targets.Meets(mined.Hash, mined.Target).Should().BeTrue();
        PowBlockRules.Validate(mined, real.ContextFor(real.Genesis), LateNow, real.Params).Should().BeNull();
    }

    [Fact]
    public void Rejects_insufficient_work_when_proof_of_work_is_checked()
    {
        var real = RealEasy();
        var unmined = real.Child(real.Genesis, Miner1, []);
        var b = unmined.WithNonce(UnminedNonce(unmined));
        var c = real.ContextFor(real.Genesis);

        var r = PowBlockRules.Validate(b, c, LateNow, real.Params);

        r!.Reason.Should().Be(PowInvalidReason.InsufficientWork);
        r.Detail.Should().Contain(b.Hash.ToString());
        Reason(b, c, LateNow, real.Params.WithCheckProofOfWork(false)).Should().BeNull();
    }

    [Fact]
    public void Rejects_a_block_with_a_bad_tx_root()
    {
        var good = Valid();
        var wrongRoot = WithHeader(good, h => h with { TxRoot = Hash32.Zero });
        var otherBody = new PowBlock(good.Header, good.Coinbase, [Transfer.Sign(TestKeys.Alice, Bob, 1, 1, 0, 0)]);

        Reason(wrongRoot).Should().Be(PowInvalidReason.BadTxRoot);
        Reason(otherBody).Should().Be(PowInvalidReason.BadTxRoot);
    }

    [Fact]
    public void Rejects_a_block_with_too_many_transactions()
    {
        var txs = new List<Transaction>();
        for (ulong i = 0; i <= Fees.MaxTxsPerBlock; i++)
        {
            txs.Add(new Transfer(TestKeys.Alice.PublicKey, Bob, 1, 1, 0, i, Signature.Empty));
        }

        var b = WithBody(Valid(), _p.BlockRewardGwei, txs);

        PowBlockRules.Validate(b, _ctx, LateNow, _p).Should()
            .Be(new BlockRejection(PowInvalidReason.TooManyTransactions, "129 transactions, at most 128"));
    }

    [Fact]
    public void Rejects_a_block_with_an_invalid_transaction()
    {
        var first = Transfer.Sign(TestKeys.Alice, Bob, 1, 1, 0, 0);
        var replayed = first;
        var b = WithBody(Valid(), _p.BlockRewardGwei, [first, replayed]);

        var r = PowBlockRules.Validate(b, _ctx, LateNow, _p);

        r!.Reason.Should().Be(PowInvalidReason.InvalidTransaction);
        r.Detail.Should().StartWith("tx 1 (").And.Contain("nonce 0, account nonce 1");
    }

    [Fact]
    public void Rejects_a_block_with_a_badly_signed_transaction()
    {
        var forged = Transfer.Sign(TestKeys.Alice, Bob, 1, 1, 0, 0) with { Sig = Signature.Empty };
        var b = WithBody(Valid(), _p.BlockRewardGwei, [forged]);

        var r = PowBlockRules.Validate(b, _ctx, LateNow, _p);

        r!.Reason.Should().Be(PowInvalidReason.InvalidTransaction);
        r.Detail.Should().Contain("signature");
    }

    [Fact]
    public void Rejects_a_block_with_the_wrong_coinbase()
    {
        var tx = Transfer.Sign(TestKeys.Alice, Bob, 1, 10, 4, 0);
        var good = Valid(tx);
        var greedy = WithBody(good, good.Coinbase + 1, good.Transactions);
        var modest = WithBody(good, good.Coinbase - 1, good.Transactions);

        Reason(good).Should().BeNull();
        PowBlockRules.Validate(greedy, _ctx, LateNow, _p).Should().Be(new BlockRejection(
            PowInvalidReason.WrongCoinbase, "coinbase 50000000005, expected reward 50000000000 + tips 4"));
        Reason(modest).Should().Be(PowInvalidReason.WrongCoinbase);
    }

    [Fact]
    public void Rejects_a_coinbase_that_would_overflow_the_reward()
    {
        var huge = _p.WithBlockRewardGwei(long.MaxValue);
        var b = WithBody(Valid(), 0, []);

        PowBlockRules.CheckCoinbase(b, 1, huge)!.Reason.Should().Be(PowInvalidReason.WrongCoinbase);
        PowBlockRules.CheckCoinbase(b, 0, huge)!.Detail.Should().StartWith("coinbase 0, expected reward");
    }

    [Fact]
    public void Checks_what_needs_no_parent_before_the_parent_is_known()
    {
        var good = Valid();
        var atGenesisHeight = WithHeader(good, h => h with { Height = 0 });
        var zeroTarget = WithHeader(good, h => h with { Target = Hash32.Zero });
        var aboveLimit = WithHeader(good, h => h with { Target = Targets.MaxTarget });

        PowBlockRules.CheckContextFree(good, _p).Should().BeNull();
        PowBlockRules.CheckContextFree(atGenesisHeight, _p)!.Reason.Should().Be(PowInvalidReason.WrongHeight);
        PowBlockRules.CheckContextFree(zeroTarget, _p)!.Reason.Should().Be(PowInvalidReason.WrongTarget);
        PowBlockRules.CheckContextFree(aboveLimit, _p)!.Reason.Should().Be(PowInvalidReason.WrongTarget);
        PowBlockRules.CheckContextFree(WithHeader(good, h => h with { TxRoot = Hash32.Zero }), _p)!.Reason
            .Should().Be(PowInvalidReason.BadTxRoot);
    }

    [Fact]
    public void Describes_every_reason()
    {
        foreach (var r in Enum.GetValues<PowInvalidReason>())
        {
            r.Describe().Should().NotBeNullOrWhiteSpace();
        }

        new BlockRejection(PowInvalidReason.WrongHeight, "height 3").Describe()
            .Should().Be("the height is not the parent's height + 1: height 3");
        new BlockRejection(PowInvalidReason.WrongHeight, string.Empty).Describe()
            .Should().Be("the height is not the parent's height + 1");
    }
}
