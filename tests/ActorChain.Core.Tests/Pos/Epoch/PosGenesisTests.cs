using ActorChain.Core.Codec;
using ActorChain.Core.Crypto;
using ActorChain.Core.Ledger;
using ActorChain.Core.Pos;
using ActorChain.Core.Pos.Epoch;
using ActorChain.Core.Pos.Misc;
using ActorChain.Core.Pos.Model;
using ActorChain.Core.Tests.Pos.Misc;
using static ActorChain.Core.Units;

namespace ActorChain.Core.Tests.Pos.Epoch;

public sealed class PosGenesisTests
{
    private static readonly ConsensusConfig C = ConsensusConfig.Minimal;
    private static readonly Hash32 T = TestStates.Hash("terminal");
    private const ulong Far = ConsensusConfig.FarFutureEpoch;

    [Fact]
    public void Activates_every_validator_at_epoch_zero_with_whole_capped_effective_balances()
    {
        GenesisValidator[] vs =
        [
            new(TestStates.Pubkey(0), Coins(100) + 500_000_000UL),
            new(TestStates.Pubkey(1), Coins(3000)),
            new(TestStates.Pubkey(2), Coins(32)),
        ];
        var s = PosGenesis.Create(vs, T, 1_700_000_000_500UL, Accounts.Empty, 1, C);

        s.Validators.Should().Equal(
            new Validator(TestStates.Pubkey(0), Coins(100), false, 0, 0, Far, Far),
            new Validator(TestStates.Pubkey(1), Coins(2048), false, 0, 0, Far, Far),
            new Validator(TestStates.Pubkey(2), Coins(32), false, 0, 0, Far, Far));
        s.Balance(0).Should().Be(Coins(100) + 500_000_000UL);
        s.Balance(1).Should().Be(Coins(3000));
        Accessors.ActiveValidatorIndices(s, 0).Should().Equal(0, 1, 2);
        s.PreviousEpochParticipation[1].Should().Be(0);
        s.CurrentEpochParticipation[1].Should().Be(0);
        s.InactivityScores[1].Should().Be(0);
    }

    [Fact]
    public void Anchors_the_chain_on_the_terminal_block()
    {
        var accounts = Accounts.Of([new Account(TestStates.Pubkey(9).Address, 5, 0)]);
        var s = PosGenesis.Create([new GenesisValidator(TestStates.Pubkey(0), Coins(32))], T, 1_700_000_000_500UL,
            accounts, 7, C);

        s.Slot.Should().Be(0);
        s.GenesisRoot.Should().Be(T);
        s.LatestBlockHeader.Should().BeNull();
        s.LatestBlockRoot.Should().Be(T);
        s.RandaoMixes.Length.Should().Be(64);
        for (var i = 0; i < 64; i++)
        {
            s.RandaoMixAt(i).Should().Be(T);
            s.BlockRootAt(i).Should().Be(Hash32.Zero);
            s.SlashingsAt(i).Should().Be(0);
        }

        var anchor = new Checkpoint(0, T);
        s.PreviousJustified.Should().Be(anchor);
        s.CurrentJustified.Should().Be(anchor);
        s.Finalized.Should().Be(anchor);
        s.JustificationBits.Should().Be(0);
        s.Accounts.Should().Be(accounts);
        s.BaseFee.Should().Be(7);
    }

    [Fact]
    public void Defaults_the_genesis_delay_to_the_larger_of_six_block_times_and_two_slots()
    {
        // §4: max((MERGE_CONFIRMATIONS + 4) × BLOCK_TIME, 2 × SECONDS_PER_SLOT) with the defaults 2 and 2 s.
        PosGenesis.DefaultGenesisDelayMillis(C).Should().Be(12_000);
        PosGenesis.DefaultGenesisDelayMillis(ConsensusConfig.Mainnet).Should().Be(24_000);
        PosGenesis.DefaultGenesisDelayMillis(C, mergeConfirmations: 0, blockTimeMillis: 100).Should().Be(2_000);
    }

    [Fact]
    public void Starts_the_genesis_delay_after_the_terminal_block_rounded_up_to_a_whole_second()
    {
        PosGenesis.GenesisTime(1_700_000_000_500UL, 2_000).Should().Be(1_700_000_003UL);
        PosGenesis.GenesisTime(1_700_000_000_000UL, 2_000).Should().Be(1_700_000_002UL);
        PosGenesis.GenesisTime(1_700_000_000_001UL, 24_000).Should().Be(1_700_000_025UL);
        var s = PosGenesis.Create([new GenesisValidator(TestStates.Pubkey(0), Coins(32))], T, 1_700_000_000_500UL,
            Accounts.Empty, 1, C);
        s.GenesisTime.Should().Be(1_700_000_013UL, "the minimal default delay is 12 s");
        var explicitDelay = PosGenesis.Create([new GenesisValidator(TestStates.Pubkey(0), Coins(32))], T,
            1_700_000_000_500UL, Accounts.Empty, 1, C, genesisDelayMillis: 2_000);
        explicitDelay.GenesisTime.Should().Be(1_700_000_003UL);
    }

    [Fact]
    public void Rejects_a_repeated_pubkey_and_an_empty_registry()
    {
        GenesisValidator[] twice = [new(TestStates.Pubkey(0), Coins(32)), new(TestStates.Pubkey(0), Coins(32))];
        var repeat = () => PosGenesis.Create(twice, T, 0, Accounts.Empty, 1, C);
        repeat.Should().Throw<ArgumentException>().WithMessage("*repeats pubkey*");
        var empty = () => PosGenesis.Create([], T, 0, Accounts.Empty, 1, C);
        empty.Should().Throw<ArgumentException>().WithMessage("*at least one validator*");
    }
}
