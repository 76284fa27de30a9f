using ActorChain.Core.Crypto;
using ActorChain.Core.Ledger;
using ActorChain.Core.Transactions;
using static ActorChain.Core.Tests.TestKeys;

namespace ActorChain.Core.Tests.Transactions;

public sealed class TxRulesTests
{
    private static readonly Address AliceAddr = Alice.Address;
    private static readonly Address BobAddr = Bob.Address;
    private static readonly LedgerState State = new(
        Accounts.Of([new Account(AliceAddr, Coins(100), 0), new Account(BobAddr, Coins(5), 3)]),
        10,
        [RegistryEntry.Of(Validator0.PublicKey, Coins(32)), new RegistryEntry(Validator1.PublicKey, Coins(64), true)]);

    private static TxInvalidReason? Reason(Transaction tx, LedgerState? state = null) => TxRules.Validate(tx, state ?? State)?.Reason;

    [Fact]
    public void Accepts_a_valid_transfer_deposit_and_exit()
    {
        TxRules.Validate(Transfer.Sign(Alice, BobAddr, Coins(1), 10, 1, 0), State).Should().BeNull();
        TxRules.Validate(Deposit.Sign(Alice, Carol.PublicKey, Coins(1), 10, 1, 0), State).Should().BeNull();
        TxRules.Validate(Exit.Sign(Validator0, 0, 0), State).Should().BeNull();
    }

    [Fact]
    public void Rejects_a_transfer_with_a_bad_signature()
    {
        var good = Transfer.Sign(Alice, BobAddr, Coins(1), 10, 1, 0);
        var signedByBob = Transfer.Sign(Bob, BobAddr, Coins(1), 10, 1, 3);
        var forged = new Transfer(Bob.PublicKey, BobAddr, Coins(1), 10, 1, 3, good.Sig);

        Reason(good with { Sig = Signature.Empty }).Should().Be(TxInvalidReason.BadSignature);
        Reason(forged).Should().Be(TxInvalidReason.BadSignature);
        Reason(signedByBob).Should().BeNull();
    }

    [Fact]
    public void Rejects_a_transfer_whose_signed_fields_were_changed()
    {
        var good = Transfer.Sign(Alice, BobAddr, Coins(1), 10, 1, 0);
        Reason(good with { Amount = Coins(2) }).Should().Be(TxInvalidReason.BadSignature);
    }

    [Fact]
    public void Rejects_a_transfer_with_the_wrong_nonce()
    {
        var ahead = TxRules.Validate(Transfer.Sign(Bob, AliceAddr, 1, 10, 0, 5), State);
        var behind = TxRules.Validate(Transfer.Sign(Bob, AliceAddr, 1, 10, 0, 2), State);

        ahead.Should().Be(new TxRejection(TxInvalidReason.WrongNonce, "nonce 5, account nonce 3"));
        behind!.Reason.Should().Be(TxInvalidReason.WrongNonce);
    }

    [Fact]
    public void Rejects_a_transfer_that_overspends()
    {
        const ulong maxFee = 10;
        var exact = Transfer.Sign(Bob, AliceAddr, Coins(5) - maxFee, maxFee, 0, 3);
        var oneOver = Transfer.Sign(Bob, AliceAddr, Coins(5) - maxFee + 1, maxFee, 0, 3);
        var fromNobody = Transfer.Sign(Carol, AliceAddr, 1, maxFee, 0, 0);

        Reason(exact).Should().BeNull();
        var r = TxRules.Validate(oneOver, State)!;
        r.Reason.Should().Be(TxInvalidReason.InsufficientBalance);
        r.Detail.Should().Contain("balance 5000000000").And.Contain("maxFee 10");
        Reason(fromNobody).Should().Be(TxInvalidReason.InsufficientBalance);
    }

    [Fact]
    public void Rejects_an_overspend_that_would_overflow_64_bits() =>
        Reason(Transfer.Sign(Alice, BobAddr, long.MaxValue, long.MaxValue, 0, 0)).Should().Be(TxInvalidReason.InsufficientBalance);

    [Fact]
    public void Rejects_a_transfer_with_max_fee_below_the_base_fee()
    {
        var r = TxRules.Validate(Transfer.Sign(Alice, BobAddr, 1, 9, 0, 0), State)!;
        r.Reason.Should().Be(TxInvalidReason.MaxFeeBelowBaseFee);
        r.Describe().Should().Be("maxFee is below the base fee: maxFee 9, base fee 10");
    }

    [Fact]
    public void Rejects_a_max_fee_of_two_to_the_63_or_more_as_below_the_base_fee()
    {
        Reason(Transfer.Sign(Alice, BobAddr, 1, 1UL << 63, 0, 0)).Should().Be(TxInvalidReason.MaxFeeBelowBaseFee);
        Reason(Transfer.Sign(Alice, BobAddr, 1, ulong.MaxValue, 0, 0)).Should().Be(TxInvalidReason.MaxFeeBelowBaseFee);
    }

    [Fact]
    public void Rejects_non_positive_amounts_and_negative_tips_as_a_signed_reader_sees_them()
    {
        Reason(Transfer.Sign(Alice, BobAddr, 0, 10, 0, 0)).Should().Be(TxInvalidReason.NonPositiveAmount);
        Reason(Transfer.Sign(Alice, BobAddr, unchecked((ulong)-5L), 10, 0, 0)).Should().Be(TxInvalidReason.NonPositiveAmount);
        Reason(Transfer.Sign(Alice, BobAddr, 1UL << 63, 10, 0, 0)).Should().Be(TxInvalidReason.NonPositiveAmount);
        Reason(Deposit.Sign(Alice, Carol.PublicKey, 0, 10, 0, 0)).Should().Be(TxInvalidReason.NonPositiveAmount);
        Reason(Transfer.Sign(Alice, BobAddr, 1, 10, ulong.MaxValue, 0)).Should().Be(TxInvalidReason.NegativeTip);
        Reason(Transfer.Sign(Alice, BobAddr, 1, 10, 1UL << 63, 0)).Should().Be(TxInvalidReason.NegativeTip);
        Reason(Transfer.Sign(Alice, BobAddr, 1, 10, long.MaxValue, 0)).Should().BeNull("2^63 − 1 is a valid tip");
    }

    [Fact]
    public void Checks_in_the_golden_order_amount_tip_max_fee_nonce_balance()
    {
        Reason(Transfer.Sign(Bob, AliceAddr, 0, 1, ulong.MaxValue, 9)).Should().Be(TxInvalidReason.NonPositiveAmount);
        Reason(Transfer.Sign(Bob, AliceAddr, 1, 1, ulong.MaxValue, 9)).Should().Be(TxInvalidReason.NegativeTip);
        Reason(Transfer.Sign(Bob, AliceAddr, Coins(99), 1, 0, 9)).Should().Be(TxInvalidReason.MaxFeeBelowBaseFee);
        Reason(Transfer.Sign(Bob, AliceAddr, Coins(99), 10, 0, 9)).Should().Be(TxInvalidReason.WrongNonce);
        Reason(new Transfer(Bob.PublicKey, AliceAddr, Coins(99), 10, 0, 3, Signature.Empty)).Should().Be(TxInvalidReason.InsufficientBalance);
    }

    [Fact]
    public void Rejects_a_transfer_that_overflows_the_recipient()
    {
        var rich = new LedgerState(State.Accounts.With(new Account(BobAddr, long.MaxValue - 5, 0)), 1, State.Registry);
        Reason(Transfer.Sign(Alice, BobAddr, 6, 1, 0, 0), rich).Should().Be(TxInvalidReason.BalanceOverflow);
        Reason(Transfer.Sign(Alice, BobAddr, 5, 1, 0, 0), rich).Should().BeNull();
    }

    [Fact]
    public void Rejects_a_deposit_that_overflows_the_validators_stake()
    {
        var staked = new LedgerState(State.Accounts, 10, [RegistryEntry.Of(Carol.PublicKey, long.MaxValue - 5)]);
        Reason(Deposit.Sign(Alice, Carol.PublicKey, 6, 10, 0, 0), staked).Should().Be(TxInvalidReason.BalanceOverflow);
        Reason(Deposit.Sign(Alice, Carol.PublicKey, 5, 10, 0, 0), staked).Should().BeNull();
    }

    [Fact]
    public void Rejects_the_exit_of_an_unknown_validator()
    {
        TxRules.Validate(Exit.Sign(Validator0, 2, 0), State)
            .Should().Be(new TxRejection(TxInvalidReason.UnknownValidator, "validator index 2, registry size 2"));
        Reason(Exit.Sign(Validator0, ulong.MaxValue, 0)).Should().Be(TxInvalidReason.UnknownValidator);
    }

    [Fact]
    public void Rejects_an_exit_already_requested() =>
        Reason(Exit.Sign(Validator1, 1, 0)).Should().Be(TxInvalidReason.ExitAlreadyRequested);

    [Fact]
    public void Rejects_an_exit_not_signed_by_the_validator_key() =>
        Reason(Exit.Sign(Alice, 0, 0)).Should().Be(TxInvalidReason.BadSignature);

    [Fact]
    public void Describes_every_reason()
    {
        foreach (var r in Enum.GetValues<TxInvalidReason>())
        {
            r.Describe().Should().NotBeNullOrWhiteSpace();
        }

        Enum.GetValues<TxInvalidReason>().Should().HaveCount(11);
    }

    [Fact]
    public void Moves_the_amount_burns_the_base_fee_and_returns_the_tip_of_a_transfer()
    {
        var accounts = State.Accounts.ToBuilder();
        var registry = State.Registry.ToList();
        var tx = Transfer.Sign(Alice, BobAddr, Coins(1), 15, 7, 0);

        var tip = TxRules.Apply(tx, accounts, registry, State.BaseFee);

        tip.Should().Be(5); // min(7, 15 − 10)
        accounts.Get(AliceAddr).Should().Be(new Account(AliceAddr, Coins(100) - Coins(1) - 10 - 5, 1));
        accounts.Get(BobAddr).Should().Be(new Account(BobAddr, Coins(6), 3));
        registry.Should().Equal(State.Registry);
    }

    [Fact]
    public void Charges_only_fees_for_a_transfer_to_self()
    {
        var accounts = State.Accounts.ToBuilder();
        TxRules.Apply(Transfer.Sign(Alice, AliceAddr, Coins(1), 10, 0, 0), accounts, [], 10);
        accounts.Get(AliceAddr).Should().Be(new Account(AliceAddr, Coins(100) - 10, 1));
    }

    [Fact]
    public void Appends_a_new_validator_for_a_deposit_to_a_new_pubkey()
    {
        var accounts = State.Accounts.ToBuilder();
        var registry = State.Registry.ToList();

        var tip = TxRules.Apply(Deposit.Sign(Alice, Carol.PublicKey, Coins(32), 11, 1, 0), accounts, registry, 10);

        tip.Should().Be(1);
        accounts.Get(AliceAddr).Should().Be(new Account(AliceAddr, Coins(68) - 11, 1));
        registry.Should().HaveCount(3);
        registry[2].Should().Be(RegistryEntry.Of(Carol.PublicKey, Coins(32)));
    }

    [Fact]
    public void Tops_up_an_existing_validator_for_a_deposit_to_its_pubkey()
    {
        var registry = State.Registry.ToList();
        TxRules.Apply(Deposit.Sign(Alice, Validator1.PublicKey, Coins(1), 10, 0, 0), State.Accounts.ToBuilder(), registry, 10);

        registry.Should().HaveCount(2);
        registry[1].Should().Be(new RegistryEntry(Validator1.PublicKey, Coins(65), true));
    }

    [Fact]
    public void Marks_the_validator_of_an_exit_and_charges_nothing()
    {
        var accounts = State.Accounts.ToBuilder();
        var registry = State.Registry.ToList();

        var tip = TxRules.Apply(Exit.Sign(Validator0, 0, 4), accounts, registry, 10);

        tip.Should().Be(0);
        registry[0].ExitRequested.Should().BeTrue();
        accounts.Build().Should().Be(State.Accounts);
    }

    [Fact]
    public void Applies_all_in_order_and_names_the_first_invalid_one()
    {
        var accounts = State.Accounts.ToBuilder();
        var registry = State.Registry.ToList();
        Transaction[] txs =
        [
            Transfer.Sign(Alice, BobAddr, 1, 10, 0, 0),
            Transfer.Sign(Alice, BobAddr, 1, 10, 0, 1),
            Transfer.Sign(Alice, BobAddr, 1, 10, 0, 1),
        ];

        var r = TxRules.ApplyAll(txs, accounts, registry, 10)!;

        r.Reason.Should().Be(TxInvalidReason.WrongNonce);
        r.Detail.Should().StartWith("tx 2 (").And.EndWith("nonce 1, account nonce 2");
        accounts.Get(AliceAddr).Nonce.Should().Be(2);
        TxRules.ApplyAll(txs[..1], State.Accounts.ToBuilder(), registry, 10).Should().BeNull();
    }

    [Fact]
    public void Names_the_signer_of_each_type()
    {
        TxRules.Signer(Transfer.Sign(Alice, BobAddr, 1, 10, 0, 0), State.Registry).Should().Be(Alice.PublicKey);
        TxRules.Signer(Exit.Sign(Validator0, 1, 0), State.Registry).Should().Be(Validator1.PublicKey);
        TxRules.Signer(Exit.Sign(Validator0, 9, 0), State.Registry).Should().BeNull();
    }

    [Fact]
    public void Refuses_to_credit_a_balance_up_to_two_to_the_63()
    {
        var accounts = Accounts.Of([new Account(BobAddr, long.MaxValue - 1, 0)]).ToBuilder();
        TxRules.Credit(accounts, BobAddr, 1);
        accounts.Get(BobAddr).Balance.Should().Be(long.MaxValue);
        FluentActions.Invoking(() => TxRules.Credit(accounts, BobAddr, 1)).Should().Throw<OverflowException>();
    }
}
