using ActorChain.Core.Codec;
using ActorChain.Core.Ledger;
using ActorChain.Core.Pos;
using ActorChain.Core.Pos.Epoch;
using ActorChain.Core.Pos.Model;
using ActorChain.Core.Pos.State;
using ActorChain.Core.Tests.Pos.Misc;
using static ActorChain.Core.Units;

namespace ActorChain.Core.Tests.Pos.Epoch;

public sealed class SlotProcessingTests
{
    private static readonly ConsensusConfig C = ConsensusConfig.Minimal;
    private static readonly Hash32 Terminal = TestStates.Hash("terminal");

    private static BeaconState Genesis() =>
        PosGenesis.Create([new GenesisValidator(TestStates.Pubkey(0), Coins(32)), new GenesisValidator(TestStates.Pubkey(1), Coins(32))],
            Terminal, 1_000, Accounts.Empty, 1, C);

    [Fact]
    public void Records_the_anchor_as_the_block_root_of_empty_slots()
    {
        var s = Genesis();
        SlotProcessing.ProcessSlots(s, 3, C).Should().BeEmpty();
        s.Slot.Should().Be(3);
        for (var slot = 0; slot < 3; slot++)
        {
            s.BlockRootAt(slot).Should().Be(Terminal, $"slot {slot} is empty");
        }

        s.BlockRootAt(3).Should().Be(Hash32.Zero);
    }

    [Fact]
    public void Fills_the_latest_headers_state_root_once_and_records_its_root()
    {
        var s = Genesis();
        SlotProcessing.ProcessSlots(s, 3, C);
        var header = new BeaconBlockHeader(3, 1, Terminal, Hash32.Zero, TestStates.Hash("body"));
        s.LatestBlockHeader = header; // as block processing leaves it
        var postBlockStateRoot = s.Root();

        SlotProcessing.ProcessSlots(s, 5, C);

        var filled = header with { StateRoot = postBlockStateRoot };
        s.LatestBlockHeader.Should().Be(filled);
        s.LatestBlockRoot.Should().Be(filled.Root);
        s.BlockRootAt(3).Should().Be(filled.Root);
        s.BlockRootAt(4).Should().Be(filled.Root, "an empty slot repeats the latest block");
    }

    [Fact]
    public void Runs_epoch_processing_at_the_last_slot_of_each_epoch()
    {
        var s = Genesis();
        s.SetCurrentEpochParticipation(0, 0b111);
        SlotProcessing.ProcessSlots(s, 8, C).Select(t => t.Epoch).Should().Equal(0UL);
        s.Slot.Should().Be(8);
        s.PreviousEpochParticipation[0].Should().Be(0b111, "rotated at the boundary");

        SlotProcessing.ProcessSlots(s, 15, C).Should().BeEmpty();
        SlotProcessing.ProcessSlots(s, 16, C).Select(t => t.Epoch).Should().Equal(1UL);

        var other = Genesis();
        SlotProcessing.ProcessSlots(other, 17, C).Select(t => t.Epoch).Should().Equal(0UL, 1UL);
        other.Slot.Should().Be(17);
    }

    [Fact]
    public void Does_not_move_backwards_and_does_nothing_for_the_current_slot()
    {
        var s = Genesis();
        SlotProcessing.ProcessSlots(s, 4, C);
        var root = s.Root();
        SlotProcessing.ProcessSlots(s, 4, C).Should().BeEmpty();
        s.Root().Should().Be(root);
        var back = () => SlotProcessing.ProcessSlots(s, 3, C);
        back.Should().Throw<ArgumentOutOfRangeException>().WithMessage("*slot 4*");
    }
}
