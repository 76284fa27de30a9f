using ActorChain.Core.Crypto;
using ActorChain.Core.Ledger;
using ActorChain.Core.Transactions;
using ActorChain.Core.TxPool;
using static ActorChain.Core.Tests.TestKeys;

namespace ActorChain.Core.Tests.TxPool;

public sealed class MempoolTests
{
    private static readonly Address AliceAddr = Alice.Address;
    private static readonly Address BobAddr = Bob.Address;
    private static readonly Address CarolAddr = Carol.Address;
    private static readonly Address DaveAddr = Dave.Address;
    private static readonly LedgerState Head = LedgerState.Genesis(
        Accounts.Of([new Account(AliceAddr, Coins(100), 0), new Account(BobAddr, Coins(5), 0),
            new Account(CarolAddr, Coins(50), 0), new Account(DaveAddr, Coins(10), 0)]),
        [RegistryEntry.Of(Validator0.PublicKey, Coins(32)), RegistryEntry.Of(Validator1.PublicKey, Coins(32))]);

    private readonly Mempool _pool = new(MempoolPolicy.Defaults);

    /// <summary>A transfer of 1 coin to a fixed address, paying <paramref name="tip"/> with room to spare in maxFee.</summary>
    private static Transfer Pay(SigningKey from, ulong nonce, ulong tip) =>
        Transfer.Sign(from, Miner1.Address, Coins(1), 1_000, tip, nonce);

    private AddResult Add(Transaction tx) => _pool.Add(tx, Head);

    private static MempoolRejection Rejection(AddResult r)
    {
        r.Should().BeOfType<AddResult.Rejected>();
        r.Added.Should().BeFalse();
        return ((AddResult.Rejected)r).Rejection;
    }

    [Fact]
    public void Accepts_a_valid_transaction()
    {
        var tx = Pay(Alice, 0, 5);

        var r = Add(tx);

        r.Should().Be(new AddResult.Accepted());
        r.Added.Should().BeTrue();
        _pool.Count.Should().Be(1);
        _pool.Contains(tx.Id).Should().BeTrue();
        _pool.Get(tx.Id).Should().Be(tx);
        _pool.All().Should().Equal(tx);
    }

    [Fact]
    public void Rejects_a_duplicate()
    {
        var tx = Pay(Alice, 0, 5);
        Add(tx);

        Rejection(Add(tx)).Kind.Should().Be(MempoolRejectionKind.Duplicate);
        _pool.Count.Should().Be(1);
    }

    [Fact]
    public void Rejects_a_nonce_below_the_account_nonce()
    {
        var later = new LedgerState(Head.Accounts.With(new Account(AliceAddr, Coins(100), 4)), 1, Head.Registry);

        var r = Rejection(_pool.Add(Pay(Alice, 3, 5), later));

        r.Should().Be(new MempoolRejection(MempoolRejectionKind.NonceTooLow, "nonce 3, account nonce 4"));
    }

    [Fact]
    public void Accepts_future_nonces_within_the_window_and_rejects_beyond_it()
    {
        var small = new Mempool(new MempoolPolicy(100, 3, 10));

        small.Add(Pay(Alice, 2, 5), Head).Added.Should().BeTrue();
        small.Add(Pay(Alice, 0, 5), Head).Added.Should().BeTrue();
        var r = Rejection(small.Add(Pay(Alice, 3, 5), Head));

        r.Should().Be(new MempoolRejection(MempoolRejectionKind.NonceGap, "nonce 3, account nonce 0, at most 2 ahead"));
    }

    [Fact]
    public void Rejects_an_invalid_transaction_with_its_reason()
    {
        var badSig = Rejection(Add(Pay(Alice, 0, 5) with { Sig = Signature.Empty }));
        var overspend = Rejection(Add(Transfer.Sign(Bob, AliceAddr, Coins(5), 1, 0, 0)));
        var pricey = new LedgerState(Head.Accounts, 50, Head.Registry);
        var cheap = Rejection(_pool.Add(Transfer.Sign(Alice, BobAddr, 1, 49, 0, 0), pricey));
        var zero = Rejection(Add(Transfer.Sign(Alice, BobAddr, 0, 10, 0, 0)));
        var negativeTip = Rejection(Add(Transfer.Sign(Alice, BobAddr, 1, 10, ulong.MaxValue, 0)));
        var overflow = Rejection(_pool.Add(Transfer.Sign(Alice, BobAddr, 1, 10, 0, 0),
            new LedgerState(Head.Accounts.With(new Account(BobAddr, long.MaxValue, 0)), 1, Head.Registry)));

        badSig.Kind.Should().Be(MempoolRejectionKind.Invalid);
        badSig.TxReason.Should().Be(TxInvalidReason.BadSignature);
        badSig.Detail.Should().Contain("the signature does not verify").And.Contain("BadSignature");
        overspend.TxReason.Should().Be(TxInvalidReason.InsufficientBalance);
        overspend.Detail.Should().Contain("balance 5000000000");
        cheap.TxReason.Should().Be(TxInvalidReason.MaxFeeBelowBaseFee);
        cheap.Detail.Should().Contain("maxFee 49, base fee 50");
        zero.TxReason.Should().Be(TxInvalidReason.NonPositiveAmount);
        negativeTip.TxReason.Should().Be(TxInvalidReason.NegativeTip);
        overflow.TxReason.Should().Be(TxInvalidReason.BalanceOverflow);
        _pool.Count.Should().Be(0);
    }

    [Fact]
    public void Replaces_a_transaction_that_is_outbid_by_the_bump()
    {
        var old = Transfer.Sign(Alice, BobAddr, 1, 20, 10, 0);
        var better = Transfer.Sign(Alice, BobAddr, 2, 22, 11, 0);
        Add(old);

        var r = Add(better);

        r.Should().Be(new AddResult.Replaced(old));
        r.Added.Should().BeTrue();
        _pool.All().Should().Equal(better);
        _pool.Contains(old.Id).Should().BeFalse();
    }

    [Fact]
    public void Rejects_an_underpriced_replacement()
    {
        var old = Transfer.Sign(Alice, BobAddr, 1, 20, 10, 0);
        Add(old);

        var sameTip = Rejection(Add(Transfer.Sign(Alice, BobAddr, 2, 30, 10, 0)));
        var sameMaxFee = Rejection(Add(Transfer.Sign(Alice, BobAddr, 2, 20, 20, 0)));

        sameTip.Kind.Should().Be(MempoolRejectionKind.ReplacementUnderpriced);
        sameTip.Detail.Should().Contain("at least 11 and 22");
        sameMaxFee.Kind.Should().Be(MempoolRejectionKind.ReplacementUnderpriced);
        _pool.All().Should().Equal(old);
    }

    [Fact]
    public void Evicts_the_cheapest_when_full_for_a_better_payer()
    {
        var full = new Mempool(new MempoolPolicy(3, 64, 10));
        var alice = Pay(Alice, 0, 5);
        var bob = Pay(Bob, 0, 1);
        var carol = Pay(Carol, 0, 3);
        var dave = Pay(Dave, 0, 2);
        full.Add(alice, Head);
        full.Add(bob, Head);
        full.Add(carol, Head);

        var r = full.Add(dave, Head);

        r.Should().Be(new AddResult.Accepted(bob));
        full.Count.Should().Be(3);
        full.Contains(bob.Id).Should().BeFalse();
        var poorer = Rejection(full.Add(Pay(Alice, 1, 2), Head));
        poorer.Kind.Should().Be(MempoolRejectionKind.PoolFull);
        poorer.Detail.Should().Contain("capacity 3").And.Contain("tip 2");
    }

    [Fact]
    public void Never_evicts_the_newcomers_own_earlier_transaction()
    {
        var full = new Mempool(new MempoolPolicy(2, 64, 10));
        var alice0 = Pay(Alice, 0, 1);
        var bob0 = Pay(Bob, 0, 5);
        full.Add(alice0, Head);
        full.Add(bob0, Head);

        var r = full.Add(Pay(Alice, 1, 10), Head);

        r.Should().Be(new AddResult.Accepted(bob0));
        full.Contains(alice0.Id).Should().BeTrue();
    }

    [Fact]
    public void Selects_the_best_tip_first_but_each_sender_in_nonce_order()
    {
        var alice0 = Pay(Alice, 0, 1);
        var alice1 = Pay(Alice, 1, 100);
        var bob0 = Pay(Bob, 0, 50);
        var carol0 = Pay(Carol, 0, 20);
        foreach (var tx in new[] { alice1, carol0, alice0, bob0 })
        {
            Add(tx);
        }

        _pool.Select(Head, 10).Should().Equal(bob0, carol0, alice0, alice1);
    }

    [Fact]
    public void Ranks_by_the_tip_actually_paid()
    {
        var cappedHighTip = Transfer.Sign(Alice, BobAddr, 1, 3, 100, 0); // pays min(100, 3 − 1) = 2
        var modest = Pay(Carol, 0, 5);
        Add(cappedHighTip);
        Add(modest);

        _pool.Select(Head, 10).Should().Equal(modest, cappedHighTip);
    }

    [Fact]
    public void Breaks_tip_ties_by_transaction_id()
    {
        Transaction[] txs = [Pay(Alice, 0, 5), Pay(Bob, 0, 5), Pay(Carol, 0, 5)];
        foreach (var tx in txs)
        {
            Add(tx);
        }

        var selected = _pool.Select(Head, 10);
        selected.Should().BeEquivalentTo(txs);
        selected.Select(t => t.Id).Should().BeInAscendingOrder();
    }

    [Fact]
    public void Skips_transactions_that_are_not_valid_in_sequence()
    {
        var bob0 = Transfer.Sign(Bob, AliceAddr, Coins(3), 10, 9, 0);
        var bob1 = Transfer.Sign(Bob, AliceAddr, Coins(3), 10, 9, 1); // affordable alone, not after bob0
        var bob2 = Transfer.Sign(Bob, AliceAddr, 1, 10, 9, 2);
        var alice0 = Pay(Alice, 0, 1);
        foreach (var tx in new Transaction[] { bob0, bob1, bob2, alice0 })
        {
            Add(tx);
        }

        _pool.Select(Head, 10).Should().Equal(bob0, alice0);
        _pool.Count.Should().Be(4);
    }

    [Fact]
    public void Does_not_select_across_a_nonce_gap()
    {
        var alice1 = Pay(Alice, 1, 5);
        Add(alice1);
        _pool.Select(Head, 10).Should().BeEmpty();

        var alice0 = Pay(Alice, 0, 5);
        Add(alice0);
        _pool.Select(Head, 10).Should().Equal(alice0, alice1);
    }

    [Fact]
    public void Selects_at_most_the_given_number()
    {
        foreach (var tx in new[] { Pay(Alice, 0, 5), Pay(Bob, 0, 4), Pay(Carol, 0, 3) })
        {
            Add(tx);
        }

        _pool.Select(Head, 2).Cast<Payment>().Select(p => p.Tip).Should().Equal(5UL, 4UL);
        _pool.Select(Head, 0).Should().BeEmpty();
    }

    [Fact]
    public void Selects_from_the_given_state_not_the_last_head()
    {
        var alice0 = Pay(Alice, 0, 5);
        var alice1 = Pay(Alice, 1, 5);
        Add(alice0);
        Add(alice1);
        var applier = TxApplier.On(Head);
        applier.TryApply(alice0);
        var afterAlice0 = applier.Finish();

        _pool.Select(afterAlice0, 10).Should().Equal(alice1);
    }

    [Fact]
    public void Prunes_included_and_no_longer_affordable_transactions_on_a_new_head()
    {
        var alice0 = Pay(Alice, 0, 5);
        var alice1 = Pay(Alice, 1, 5);
        var bob0 = Transfer.Sign(Bob, AliceAddr, Coins(4), 10, 1, 0);
        var bob1 = Transfer.Sign(Bob, AliceAddr, Coins(1), 10, 1, 1);
        foreach (var tx in new[] { alice0, alice1, bob0, bob1 })
        {
            Add(tx);
        }

        var block = TxApplier.On(Head);
        block.TryApply(alice0);
        block.TryApply(bob0);
        var next = block.Finish();

        var dropped = _pool.OnNewHead(next);

        dropped.Should().BeEquivalentTo(new[] { alice0, bob0, bob1 });
        _pool.All().Should().Equal(alice1);
    }

    [Fact]
    public void Prunes_transactions_below_the_new_base_fee()
    {
        var low = Transfer.Sign(Alice, BobAddr, 1, 5, 0, 0);
        var high = Transfer.Sign(Carol, BobAddr, 1, 50, 0, 0);
        Add(low);
        Add(high);

        _pool.OnNewHead(new LedgerState(Head.Accounts, 6, Head.Registry));

        _pool.All().Should().Equal(high);
    }

    [Fact]
    public void Prunes_nonces_that_fall_out_of_the_window_after_a_reorg()
    {
        var small = new Mempool(new MempoolPolicy(100, 2, 10));
        var ahead = new LedgerState(Head.Accounts.With(new Account(AliceAddr, Coins(100), 5)), 1, Head.Registry);
        var alice6 = Pay(Alice, 6, 5);
        small.Add(alice6, ahead);

        small.OnNewHead(Head).Should().Equal(alice6);
        small.Count.Should().Be(0);
    }

    [Fact]
    public void Keeps_one_exit_per_validator_until_the_chain_records_it()
    {
        var exit = Exit.Sign(Validator0, 0, 1);
        var accepted = Add(exit);
        var again = Rejection(Add(Exit.Sign(Validator0, 0, 2)));
        var unknown = Rejection(Add(Exit.Sign(Validator0, 7, 1)));
        var forged = Rejection(Add(Exit.Sign(Validator0, 1, 1)));

        accepted.Added.Should().BeTrue();
        again.Kind.Should().Be(MempoolRejectionKind.Duplicate);
        again.Detail.Should().Contain("validator 0");
        unknown.TxReason.Should().Be(TxInvalidReason.UnknownValidator);
        forged.TxReason.Should().Be(TxInvalidReason.BadSignature);
        var paid = Pay(Alice, 0, 1);
        Add(paid);
        _pool.Select(Head, 10).Should().Equal(paid, exit);

        var block = TxApplier.On(Head);
        block.TryApply(exit);
        _pool.OnNewHead(block.Finish()).Should().Equal(exit);
        _pool.All().Should().Equal(paid);
    }

    [Fact]
    public void Refuses_an_exit_already_requested_on_chain()
    {
        var exited = new LedgerState(Head.Accounts, 1, [Head.Registry[0] with { ExitRequested = true }]);
        Rejection(_pool.Add(Exit.Sign(Validator0, 0, 1), exited)).TxReason.Should().Be(TxInvalidReason.ExitAlreadyRequested);
    }

    [Fact]
    public void Lists_all_in_a_deterministic_order()
    {
        var exit1 = Exit.Sign(Validator1, 1, 0);
        var exit0 = Exit.Sign(Validator0, 0, 0);
        var alice1 = Pay(Alice, 1, 1);
        var alice0 = Pay(Alice, 0, 9);
        var bob0 = Pay(Bob, 0, 3);
        foreach (var tx in new Transaction[] { exit1, alice1, bob0, exit0, alice0 })
        {
            Add(tx);
        }

        Transaction[] payments = AliceAddr < BobAddr ? [alice0, alice1, bob0] : [bob0, alice0, alice1];
        _pool.All().Should().Equal(payments[0], payments[1], payments[2], exit0, exit1);
    }

    [Fact]
    public void Selects_the_same_whatever_the_arrival_order()
    {
        Transaction[] txs =
        [
            Pay(Alice, 0, 3), Pay(Alice, 1, 9), Pay(Bob, 0, 3), Pay(Carol, 0, 7), Pay(Carol, 1, 3), Pay(Dave, 0, 3),
            Exit.Sign(Validator1, 1, 0),
        ];
        var forward = new Mempool(MempoolPolicy.Defaults);
        var backward = new Mempool(MempoolPolicy.Defaults);
        foreach (var tx in txs)
        {
            forward.Add(tx, Head);
        }

        foreach (var tx in txs.Reverse())
        {
            backward.Add(tx, Head);
        }

        forward.Select(Head, 100).Should().HaveCount(txs.Length).And.Equal(backward.Select(Head, 100));
        forward.All().Should().Equal(backward.All());
    }

    [Fact]
    public void Removes_by_id()
    {
        var tx = Pay(Alice, 0, 5);
        Add(tx);

        _pool.Remove(tx.Id).Should().BeTrue();
        _pool.Remove(tx.Id).Should().BeFalse();
        _pool.Count.Should().Be(0);
        _pool.All().Should().BeEmpty();
    }

    [Fact]
    public void Defaults_and_validates_its_policy()
    {
        MempoolPolicy.Defaults.Should().Be(new MempoolPolicy(10_000, 64, 10));
        _pool.Policy.Should().Be(MempoolPolicy.Defaults);
        FluentActions.Invoking(() => new MempoolPolicy(0, 1, 10)).Should().Throw<ArgumentOutOfRangeException>();
        FluentActions.Invoking(() => new MempoolPolicy(1, 0, 10)).Should().Throw<ArgumentOutOfRangeException>();
        FluentActions.Invoking(() => new MempoolPolicy(1, 1, -1)).Should().Throw<ArgumentOutOfRangeException>();
    }

    [Fact]
    public void Describes_every_rejection_kind()
    {
        foreach (var k in Enum.GetValues<MempoolRejectionKind>())
        {
            MempoolRejection.Describe(k).Should().NotBeNullOrWhiteSpace();
        }

        Enum.GetValues<MempoolRejectionKind>().Should().HaveCount(6);
        new MempoolRejection(MempoolRejectionKind.PoolFull, "x").Describe().Should().StartWith("the pool is full").And.EndWith(": x");
    }
}
