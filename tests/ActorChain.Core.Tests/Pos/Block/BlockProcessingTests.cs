using ActorChain.Core.Codec;
using ActorChain.Core.Crypto;
using ActorChain.Core.Pos;
using ActorChain.Core.Pos.Block;
using ActorChain.Core.Pos.State;
using ActorChain.Core.Transactions;
using static ActorChain.Core.Tests.Pos.BeaconFixture;
using static ActorChain.Core.Units;

namespace ActorChain.Core.Tests.Pos.Block;

public sealed class BlockProcessingTests
{
    private static readonly BeaconState GenesisState = Genesis(16, Minimal);
    private static readonly SigningKey Bob = Keys.FromName(ChainSeed, "bob");

    [Fact]
    public void Reaches_the_producers_state_root_when_processing_a_produced_block()
    {
        var b1 = Produce(GenesisState, 1, [], Minimal);

        var applied = Apply(GenesisState, b1.Block, Minimal);

        applied.PostState.Root().Should().Be(b1.Block.Header.StateRoot);
        b1.PostState.Root().Should().Be(b1.Block.Header.StateRoot);
        applied.PostState.Slot.Should().Be(1);
        applied.Transitions.Should().BeEmpty();
    }

    [Fact]
    public void Keeps_the_header_with_a_zero_state_root_as_the_latest_block_header()
    {
        var b1 = Produce(GenesisState, 1, [], Minimal);

        var latest = Apply(GenesisState, b1.Block, Minimal).PostState.LatestBlockHeader!;

        latest.StateRoot.Should().Be(Hash32.Zero);
        (latest with { StateRoot = b1.Block.Header.StateRoot }).Root.Should().Be(b1.Block.Root);
        b1.Block.Header.ParentRoot.Should().Be(Terminal);
    }

    [Fact]
    public void Does_not_change_the_parent_state()
    {
        var before = GenesisState.Root();
        var b1 = Produce(GenesisState, 1, [], Minimal);
        Apply(GenesisState, b1.Block, Minimal);
        BlockProcessing.ProcessBlock(GenesisState, b1.Block, Minimal with { ProposerBlockReward = 7 }, SignatureCheck.Direct);

        GenesisState.Root().Should().Be(before);
        GenesisState.Slot.Should().Be(0);
    }

    [Fact]
    public void Crosses_an_epoch_boundary_and_reports_the_transition()
    {
        var b9 = Produce(GenesisState, 9, [], Minimal);

        var applied = Apply(GenesisState, b9.Block, Minimal);

        applied.Transitions.Select(t => t.Epoch).Should().Equal(0UL);
        applied.PostState.Root().Should().Be(b9.Block.Header.StateRoot);
    }

    [Fact]
    public void Pays_the_proposer_for_each_new_flag_of_included_attestations()
    {
        // 16 validators × 32 coins: isqrt(512e9) = 715541, baseRewardPerIncrement = 1e9 × 64 // 715541 = 89442,
        // baseReward = 32 × 89442 = 2862144; all three flags weigh 14 + 26 + 14 = 54: 2862144 × 54 // 448 = 344990.
        var b1 = Produce(GenesisState, 1, [], Minimal);
        var votes = Attestations(b1.PostState, b1.Block.Root, 1, Minimal);
        votes.Should().HaveCount(2);
        var proposer = ProposerAt(b1.PostState, 2, Minimal);
        var before = b1.PostState.Balance(proposer);

        var b2 = Produce(b1.PostState, 2, votes, Minimal);
        var post = Apply(b1.PostState, b2.Block, Minimal).PostState;

        b2.Block.Body.Attestations.Should().HaveCount(2);
        (post.Balance(proposer) - before).Should().Be(2 * 344_990UL);
        foreach (var a in votes)
        {
            post.CurrentEpochParticipation[(int)a.ValidatorIndex].Should().Be(0b111);
        }
    }

    [Fact]
    public void Pays_only_for_flags_not_already_set()
    {
        // Delay 2 earns SOURCE + TARGET (14 + 26 = 40): 2862144 × 40 // 448 = 255548; a duplicate earns nothing new.
        var b1 = Produce(GenesisState, 1, [], Minimal);
        var vote = Attestations(b1.PostState, b1.Block.Root, 1, Minimal)[0];
        var b3 = Produce(b1.PostState, 3, [vote], Minimal);
        var proposer = ProposerAt(b3.PostState, 4, Minimal);
        var proposer3 = (int)b3.Block.Header.ProposerIndex;

        var before3 = b1.PostState.Balance(proposer3);
        var post3 = Apply(b1.PostState, b3.Block, Minimal).PostState;
        var again = Produce(post3, 4, [vote], Minimal);

        (post3.Balance(proposer3) - before3).Should().Be(255_548UL);
        again.Block.Body.Attestations.Should().BeEmpty();
        again.PostState.Balance(proposer).Should().Be(post3.Balance(proposer));
    }

    [Fact]
    public void Applies_transfers_with_the_base_fee_burned_and_the_tip_to_the_proposers_account()
    {
        var t = Transfer.Sign(Alice, Bob.Address, Coins(5), 10, 3, 0);
        var b1 = Produce(GenesisState, 1, [], Minimal, [t]);
        var post = Apply(GenesisState, b1.Block, Minimal).PostState;
        var proposerAccount = KeyOf(GenesisState, b1.Block.Header.ProposerIndex).Address;

        b1.Block.Body.Transactions.Should().Equal(t);
        post.Accounts.Get(Alice.Address).Balance.Should().Be(AliceFunds - Coins(5) - 1 - 3);
        post.Accounts.Get(Alice.Address).Nonce.Should().Be(1);
        post.Accounts.Get(Bob.Address).Balance.Should().Be(Coins(5));
        post.Accounts.Get(proposerAccount).Balance.Should().Be(3);
        post.BaseFee.Should().Be(1); // one transaction: 1 + 1 × (1 − 64) // 64 // 8 = 0, floored to 1
    }

    [Fact]
    public void Tops_up_or_appends_validators_on_deposits_and_exits_on_exits()
    {
        var topUp = Deposit.Sign(Alice, Key(3).PublicKey, Coins(1), 10, 0, 0);
        var fresh = Deposit.Sign(Alice, Key(40).PublicKey, Coins(40), 10, 0, 1);
        var exit = Exit.Sign(Key(5), 5, 0);
        Transaction[] txs = [topUp, fresh, exit];
        var b1 = Produce(GenesisState, 1, [], Minimal, txs);

        var post = Apply(GenesisState, b1.Block, Minimal).PostState;

        b1.Block.Body.Transactions.Should().Equal(txs);
        post.Balance(3).Should().Be(Stake + Coins(1));
        post.ValidatorCount.Should().Be(17);
        post.Validators[16].Pubkey.Should().Be(Key(40).PublicKey);
        post.Validators[16].EffectiveBalance.Should().Be(Coins(40));
        post.Validators[16].ActivationEligibilityEpoch.Should().Be(1);
        post.Validators[16].ActivationEpoch.Should().Be(ConsensusConfig.FarFutureEpoch);
        post.Balance(16).Should().Be(Coins(40));
        post.Validators[5].ExitEpoch.Should().Be(5); // current 0 + 1 + MAX_SEED_LOOKAHEAD 4
        post.Validators[5].WithdrawableEpoch.Should().Be(5 + 16);
    }

    [Fact]
    public void Skips_invalid_transactions_when_producing()
    {
        var wrongNonce = Transfer.Sign(Alice, Bob.Address, 1, 10, 0, 7);
        var unknown = Exit.Sign(Key(30), 30, 0);
        var future = Exit.Sign(Key(6), 6, 3);
        var forged = Exit.Sign(Key(7), 8, 0);

        var b1 = Produce(GenesisState, 1, [], Minimal, [wrongNonce, unknown, future, forged]);

        b1.Block.Body.Transactions.Should().BeEmpty();
    }

    [Fact]
    public void Names_the_rule_a_transaction_of_a_block_breaks()
    {
        var s = GenesisState.Copy();
        s.SetValidator(9, s.Validators[9] with { ActivationEpoch = ConsensusConfig.FarFutureEpoch });
        s.SetValidator(10, s.Validators[10] with { ExitEpoch = 7 });
        var txs = new TransactionProcessing(s, Minimal, SignatureCheck.Direct, Alice.Address);

        Reason(txs, Transfer.Sign(Alice, Bob.Address, 1, 10, 0, 7)).Should().Be(TxInvalidReason.WrongNonce);
        Reason(txs, Transfer.Sign(Alice, Bob.Address, 0, 10, 0, 0)).Should().Be(TxInvalidReason.NonPositiveAmount);
        Reason(txs, Exit.Sign(Key(30), 30, 0)).Should().Be(TxInvalidReason.UnknownValidator);
        Reason(txs, Exit.Sign(Key(9), 9, 0)).Should().Be(TxInvalidReason.ValidatorNotActive);
        Reason(txs, Exit.Sign(Key(10), 10, 0)).Should().Be(TxInvalidReason.ExitAlreadyRequested);
        Reason(txs, Exit.Sign(Key(6), 6, 3)).Should().Be(TxInvalidReason.ExitEpochInFuture);
        Reason(txs, Exit.Sign(Key(7), 8, 0)).Should().Be(TxInvalidReason.BadSignature);
        txs.Count.Should().Be(0);
    }

    private static TxInvalidReason? Reason(TransactionProcessing txs, Transaction tx) => txs.Apply(tx)?.Reason;

    [Fact]
    public void Pays_the_fixed_proposer_reward_in_the_tutorial_preset()
    {
        var tutorial = ConsensusConfig.Tutorial;
        var genesis = Genesis(16, tutorial);
        var b1 = Produce(genesis, 1, [], tutorial);
        var proposer = (int)b1.Block.Header.ProposerIndex;

        var post = Apply(genesis, b1.Block, tutorial).PostState;

        post.Balance(proposer).Should().Be(Stake + Coins(50));
    }
}
