using System.Numerics;
using ActorChain.Core.Codec;
using ActorChain.Core.Crypto;
using ActorChain.Core.Pow;
using ActorChain.Core.Transactions;
using static ActorChain.Core.Tests.Pow.ChainBuilder;
using static ActorChain.Core.Units;

namespace ActorChain.Core.Tests.Pow;

public sealed class BlockTreeTests
{
    private readonly ChainBuilder _chain = Simulated();
    private readonly Transfer _aliceToBob = Transfer.Sign(TestKeys.Alice, Bob, Coins(10), 5, 3, 0);

    private BlockTree Tree => _chain.Tree;

    private PowBlock GenesisBlock => _chain.Genesis;

    private PowBlock Child(PowBlock parent, Address miner) => _chain.Child(parent, miner, []);

    [Fact]
    public void Starts_with_genesis_as_head()
    {
        Tree.Head.Should().Be(GenesisBlock);
        Tree.Genesis.Should().Be(GenesisBlock);
        Tree.HeadState.Should().Be(_chain.GenesisState);
        Tree.Count.Should().Be(1);
        Tree.CanonicalAt(0).Should().Be(GenesisBlock);
        Tree.CanonicalAt(1).Should().BeNull();
        Tree.CanonicalAt(ulong.MaxValue).Should().BeNull();
        Tree.TotalDifficulty(GenesisBlock.Hash).Should().Be(Targets.Work(GenesisBlock.Target));
        Tree.ContextFor(GenesisBlock.Hash).Height.Should().Be(1);
        Tree.ContextFor(GenesisBlock.Hash).State.Should().Be(_chain.GenesisState);
        Tree.Params.Should().Be(_chain.Params);
    }

    [Fact]
    public void Refuses_a_genesis_above_height_zero()
    {
        var notGenesis = Child(GenesisBlock, Miner1);
        var act = () => new BlockTree(notGenesis, _chain.GenesisState, _chain.Params);
        act.Should().Throw<ArgumentException>().WithMessage("*height 0*");
    }

    [Fact]
    public void Extends_the_head_with_a_valid_child()
    {
        var b1 = _chain.Child(GenesisBlock, Miner1, [_aliceToBob]);

        var r = Tree.ImportBlock(b1, LateNow);

        r.Should().Be(new ImportResult.Imported(b1, true, null));
        Tree.Head.Should().Be(b1);
        Tree.HeadState.Account(Bob).Balance.Should().Be(Coins(15));
        Tree.CanonicalAt(1).Should().Be(b1);
        Tree.Contains(b1.Hash).Should().BeTrue();
        Tree.Get(b1.Hash).Should().Be(b1);
        Tree.TotalDifficulty(b1.Hash).Should().Be(Targets.Work(GenesisBlock.Target) + Targets.Work(b1.Target));
    }

    [Fact]
    public void Reports_a_duplicate()
    {
        var b1 = _chain.Extend(GenesisBlock, Miner1, []);
        Tree.ImportBlock(b1, LateNow).Should().BeOfType<ImportResult.Duplicate>();
        Tree.ImportBlock(GenesisBlock, LateNow).Should().BeOfType<ImportResult.Duplicate>();
        Tree.Count.Should().Be(2);
    }

    [Fact]
    public void Reports_a_missing_parent()
    {
        var other = Simulated();
        var b1 = other.Extend(other.Genesis, Miner1, []);
        var b2 = other.Child(b1, Miner1, []);

        Tree.ImportBlock(b2, LateNow).Should().Be(new ImportResult.MissingParent(b1.Hash));
        Tree.Contains(b2.Hash).Should().BeFalse();
        Tree.ImportBlock(b1, LateNow).Should().BeOfType<ImportResult.Imported>();
        Tree.ImportBlock(b2, LateNow).Should().BeOfType<ImportResult.Imported>();
    }

    [Fact]
    public void Rejects_an_invalid_block_and_remembers_why()
    {
        var good = Child(GenesisBlock, Miner1);
        var greedy = WithBody(good, good.Coinbase + 1, []);

        var first = Tree.ImportBlock(greedy, LateNow);
        var again = Tree.ImportBlock(greedy, LateNow);

        var rejection = first.Should().BeOfType<ImportResult.Invalid>().Subject.Rejection;
        rejection.Reason.Should().Be(PowInvalidReason.WrongCoinbase);
        again.Should().Be(first);
        Tree.KnownInvalid(greedy.Hash).Should().Be(rejection);
        Tree.Contains(greedy.Hash).Should().BeFalse();
        Tree.Head.Should().Be(GenesisBlock);
    }

    [Fact]
    public void Rejects_the_child_of_an_invalid_block()
    {
        var greedy = WithBody(Child(GenesisBlock, Miner1), Coins(51), []);
        Tree.ImportBlock(greedy, LateNow);
        var orphanOfInvalid = new PowBlock(new PowHeader(2, greedy.Hash, greedy.Timestamp + 1, greedy.Target,
            PowBlock.TxRoot(0, []), Miner1, 0), 0, []);

        var r = Tree.ImportBlock(orphanOfInvalid, LateNow);

        r.Should().BeOfType<ImportResult.Invalid>().Which.Rejection.Reason.Should().Be(PowInvalidReason.InvalidParent);
        Tree.KnownInvalid(orphanOfInvalid.Hash)!.Reason.Should().Be(PowInvalidReason.InvalidParent);
    }

    [Fact]
    public void Accepts_a_block_from_the_future_once_the_clock_catches_up()
    {
        var b1 = Child(GenesisBlock, Miner1);
        var tooEarly = b1.Timestamp - _chain.Params.MaxFutureDriftMillis - 1;

        var early = Tree.ImportBlock(b1, tooEarly);
        var later = Tree.ImportBlock(b1, tooEarly + 1);

        early.Should().BeOfType<ImportResult.Invalid>().Which.Rejection.Reason
            .Should().Be(PowInvalidReason.TimestampTooFarInFuture);
        later.Should().BeOfType<ImportResult.Imported>();
    }

    [Fact]
    public void Accepts_the_real_body_after_a_mangled_copy_of_the_same_header()
    {
        var real = _chain.Child(GenesisBlock, Miner1, [_aliceToBob]);
        var mangled = new PowBlock(real.Header, real.Coinbase, []);

        var bad = Tree.ImportBlock(mangled, LateNow);
        var good = Tree.ImportBlock(real, LateNow);

        bad.Should().BeOfType<ImportResult.Invalid>().Which.Rejection.Reason.Should().Be(PowInvalidReason.BadTxRoot);
        good.Should().BeOfType<ImportResult.Imported>();
        Tree.Get(real.Hash)!.Transactions.Should().Equal(_aliceToBob);
    }

    [Fact]
    public void Keeps_the_first_seen_head_on_a_tie()
    {
        var a1 = _chain.Extend(GenesisBlock, Miner1, []);
        var b1 = Child(GenesisBlock, Miner2);

        var r = Tree.ImportBlock(b1, LateNow);

        r.Should().Be(new ImportResult.Imported(b1, false, null));
        Tree.TotalDifficulty(b1.Hash).Should().Be(Tree.TotalDifficulty(a1.Hash));
        Tree.Head.Should().Be(a1);
        Tree.IsCanonical(b1.Hash).Should().BeFalse();
        Tree.OrphanCount.Should().Be(1);
        Tree.Count.Should().Be(3);
    }

    [Fact]
    public void Reorgs_to_a_heavier_branch_and_moves_balances_back_and_forth()
    {
        var a1 = _chain.Extend(GenesisBlock, Miner1, [_aliceToBob]);
        Tree.HeadState.Account(Bob).Balance.Should().Be(Coins(15));
        Tree.HeadState.Account(Miner1).Balance.Should().Be(Coins(50) + 3);

        var b1 = _chain.Extend(GenesisBlock, Miner2, []);
        var b2 = Child(b1, Miner2);
        var toB = Tree.ImportBlock(b2, LateNow);

        toB.Should().Be(new ImportResult.Imported(b2, true, new Reorg(a1.Hash, b2.Hash, GenesisBlock.Hash, 1, 1, 2)));
        var onB = Tree.HeadState;
        onB.Account(Bob).Balance.Should().Be(Coins(5));
        onB.Account(Alice).Balance.Should().Be(Coins(100));
        onB.Account(Alice).Nonce.Should().Be(0);
        onB.Account(Miner1).Balance.Should().Be(0);
        onB.Account(Miner2).Balance.Should().Be(Coins(100));
        Tree.CanonicalAt(1).Should().Be(b1);

        var a2 = Child(a1, Miner1);
        Tree.ImportBlock(a2, LateNow).Should().Be(new ImportResult.Imported(a2, false, null));
        var a3 = Child(a2, Miner1);
        var backToA = Tree.ImportBlock(a3, LateNow);

        backToA.Should().Be(new ImportResult.Imported(a3, true, new Reorg(b2.Hash, a3.Hash, GenesisBlock.Hash, 2, 2, 3)));
        var onA = Tree.HeadState;
        onA.Account(Bob).Balance.Should().Be(Coins(15));
        onA.Account(Alice).Nonce.Should().Be(1);
        onA.Account(Miner1).Balance.Should().Be(Coins(150) + 3);
        onA.Account(Miner2).Balance.Should().Be(0);
        new[] { Tree.CanonicalAt(1), Tree.CanonicalAt(2), Tree.CanonicalAt(3) }.Should().Equal(a1, a2, a3);
        Tree.IsCanonical(b1.Hash).Should().BeFalse();
        Tree.IsCanonical(a1.Hash).Should().BeTrue();
        Tree.OrphanCount.Should().Be(2);
        Tree.StateOf(b2.Hash).Should().Be(onB);
    }

    [Fact]
    public void Includes_a_transaction_from_the_abandoned_branch_on_the_new_one()
    {
        var a1 = _chain.Extend(GenesisBlock, Miner1, [_aliceToBob]);
        var b1 = _chain.Extend(GenesisBlock, Miner2, []);
        var b2 = _chain.Extend(b1, Miner2, [_aliceToBob]);

        b2.Transactions.Should().Equal(_aliceToBob);
        Tree.Head.Should().Be(b2);
        Tree.HeadState.Account(Bob).Balance.Should().Be(Coins(15));
        Tree.Ancestors(a1.Hash, 10).Should().Equal(a1, GenesisBlock);
    }

    [Fact]
    public void Prefers_more_work_over_more_blocks()
    {
        var slow = GenesisBlock;
        for (var i = 0; i < 18; i++)
        {
            slow = _chain.Extend(slow, Miner2, []);
        }

        var fast = GenesisBlock;
        ImportResult? last = null;
        for (var i = 0; i < 16; i++)
        {
            fast = _chain.Child(fast, Miner1, fast.Timestamp + 100, []);
            last = Tree.ImportBlock(fast, LateNow);
        }

        fast.Height.Should().Be(16);
        // 16 blocks in 1.5 s: the span clamps to a quarter, so block 16 carries four times the work.
        fast.Target.Should().Be(Hash32.FromUnsignedBigInteger(GenesisBlock.Target.ToUnsignedBigInteger() / 4));
        Tree.TotalDifficulty(fast.Hash).Should().BeGreaterThan(Tree.TotalDifficulty(slow.Hash));
        Tree.Head.Should().Be(fast);
        last.Should().Be(new ImportResult.Imported(fast, true, new Reorg(slow.Hash, fast.Hash, GenesisBlock.Hash, 18, 18, 16)));
    }

    [Fact]
    public void Retargets_at_the_interval_and_rejects_the_old_target()
    {
        var tip = GenesisBlock;
        for (var i = 0; i < 15; i++)
        {
            tip = _chain.Child(tip, Miner1, tip.Timestamp + 100, []);
            _chain.Imported(tip);
        }

        var ctx = Tree.ContextFor(tip.Hash);
        var expected = Retarget.NewTarget(_chain.Params, GenesisBlock.Target, 15 * 100);
        var stale = WithHeader(_chain.Child(tip, Miner1, []), h => h with { Target = GenesisBlock.Target });

        ctx.Height.Should().Be(16);
        ctx.Target.Should().Be(expected).And.NotBe(GenesisBlock.Target);
        Tree.ImportBlock(stale, LateNow).Should().BeOfType<ImportResult.Invalid>()
            .Which.Rejection.Reason.Should().Be(PowInvalidReason.WrongTarget);
        var b16 = _chain.Extend(tip, Miner1, []);
        b16.Target.Should().Be(expected);
        Tree.ContextFor(b16.Hash).Target.Should().Be(expected);
    }

    [Fact]
    public void Walks_ancestors_from_a_block_inclusive()
    {
        var b1 = _chain.Extend(GenesisBlock, Miner1, []);
        var b2 = _chain.Extend(b1, Miner1, []);

        Tree.Ancestors(b2.Hash, 2).Should().Equal(b2, b1);
        Tree.Ancestors(b2.Hash, 10).Should().Equal(b2, b1, GenesisBlock);
        Tree.Ancestors(b2.Hash, 0).Should().BeEmpty();
        Tree.Ancestors(Hash32.Zero, 5).Should().BeEmpty();
    }

    [Fact]
    public void Fails_loudly_for_unknown_blocks()
    {
        var context = () => Tree.ContextFor(Hash32.Zero);
        var state = () => Tree.StateOf(Hash32.Zero);
        var difficulty = () => Tree.TotalDifficulty(Hash32.Zero);

        context.Should().Throw<KeyNotFoundException>().WithMessage($"*{Hash32.Zero}*");
        state.Should().Throw<KeyNotFoundException>();
        difficulty.Should().Throw<KeyNotFoundException>();
        Tree.Get(Hash32.Zero).Should().BeNull();
        Tree.Contains(Hash32.Zero).Should().BeFalse();
        Tree.IsCanonical(Hash32.Zero).Should().BeFalse();
        Tree.KnownInvalid(Hash32.Zero).Should().BeNull();
    }

    [Fact]
    public void Imports_real_proof_of_work_blocks()
    {
        var real = RealEasy();
        var b1 = Mine(real.Child(real.Genesis, Miner1, []));
        real.Tree.ImportBlock(b1, LateNow).Should().BeOfType<ImportResult.Imported>();
        var b2 = Mine(real.Child(b1, Miner1, []));
        real.Tree.ImportBlock(b2, LateNow).Should().BeOfType<ImportResult.Imported>();
        real.Tree.Head.Should().Be(b2);
        var unmined = real.Child(b2, Miner1, []);

        var r = real.Tree.ImportBlock(unmined.WithNonce(UnminedNonce(unmined)), LateNow);

        r.Should().BeOfType<ImportResult.Invalid>().Which.Rejection.Reason.Should().Be(PowInvalidReason.InsufficientWork);
    }

    [Fact]
    public void Forgets_the_oldest_rejections_beyond_its_memory()
    {
        var good = Child(GenesisBlock, Miner1);
        var first = WithBody(good, good.Coinbase + 1, []);
        Tree.ImportBlock(first, LateNow);
        for (ulong extra = 2; extra <= 4_097; extra++)
        {
            Tree.ImportBlock(WithBody(good, good.Coinbase + extra, []), LateNow);
        }

        Tree.KnownInvalid(first.Hash).Should().BeNull();
        Tree.KnownInvalid(WithBody(good, good.Coinbase + 2, []).Hash)!.Reason.Should().Be(PowInvalidReason.WrongCoinbase);
    }
}
