using ActorChain.Core.Crypto;
using ActorChain.Core.Ledger;
using ActorChain.Core.Transactions;
using static ActorChain.Core.Tests.TestKeys;

namespace ActorChain.Core.Tests.Transactions;

public sealed class TxApplierTests
{
    private static readonly Address AliceAddr = Alice.Address;
    private static readonly Address BobAddr = Bob.Address;
    private static readonly Address Miner = Miner1.Address;
    private static readonly LedgerState Parent = new(
        Accounts.Of([new Account(AliceAddr, Coins(10), 0)]), 4, [RegistryEntry.Of(Validator0.PublicKey, Coins(32))]);

    [Fact]
    public void Validates_each_transaction_against_the_state_so_far()
    {
        var applier = TxApplier.On(Parent);

        applier.TryApply(Transfer.Sign(Alice, BobAddr, Coins(2), 10, 3, 0)).Should().BeNull();
        applier.TryApply(Transfer.Sign(Bob, AliceAddr, Coins(1), 10, 3, 0)).Should().BeNull();
        applier.TryApply(Transfer.Sign(Alice, BobAddr, Coins(2), 10, 3, 0))!.Reason.Should().Be(TxInvalidReason.WrongNonce);
        applier.Count.Should().Be(2);
        applier.Tips.Should().Be(6);
        applier.Account(BobAddr).Should().Be(new Account(BobAddr, Coins(1) - 7, 1));
        applier.Applied.Should().HaveCount(2);
    }

    [Fact]
    public void Leaves_the_state_untouched_by_a_rejected_transaction()
    {
        var applier = TxApplier.On(Parent);
        applier.TryApply(Transfer.Sign(Alice, BobAddr, Coins(11), 10, 3, 0))!.Reason.Should().Be(TxInvalidReason.InsufficientBalance);

        applier.Count.Should().Be(0);
        applier.Finish().Accounts.Should().Be(Parent.Accounts);
    }

    [Fact]
    public void Finishes_with_the_next_base_fee_from_the_number_applied()
    {
        var applier = TxApplier.On(Parent);
        applier.TryApply(Exit.Sign(Validator0, 0, 0)).Should().BeNull();
        applier.Credit(Miner, Coins(50));
        var post = applier.Finish();

        post.BaseFee.Should().Be(Fees.NextBaseFee(4, 1));
        post.Registry[0].ExitRequested.Should().BeTrue();
        post.Account(Miner).Balance.Should().Be(Coins(50));
        Parent.Registry[0].ExitRequested.Should().BeFalse();
    }

    [Fact]
    public void Refuses_a_transaction_whose_tip_would_overflow_the_blocks_tips()
    {
        var rich = new LedgerState(
            Accounts.Of([new Account(AliceAddr, long.MaxValue, 0), new Account(BobAddr, long.MaxValue, 0)]), 1, []);
        var applier = TxApplier.On(rich);
        var half = (ulong)long.MaxValue / 2;
        applier.TryApply(Transfer.Sign(Alice, AliceAddr, 1, half + 2, half + 1, 0)).Should().BeNull();
        var overflow = applier.TryApply(Transfer.Sign(Bob, BobAddr, 1, half + 2, half + 1, 0));

        overflow!.Reason.Should().Be(TxInvalidReason.BalanceOverflow);
        applier.Tips.Should().Be(half + 1);
    }

    [Fact]
    public void Refuses_use_after_finish()
    {
        var applier = TxApplier.On(Parent);
        applier.Finish();
        FluentActions.Invoking(applier.Finish).Should().Throw<InvalidOperationException>();
        FluentActions.Invoking(() => applier.Credit(Miner, 1)).Should().Throw<InvalidOperationException>();
        FluentActions.Invoking(() => applier.TryApply(Exit.Sign(Validator0, 0, 0))).Should().Throw<InvalidOperationException>();
    }
}
