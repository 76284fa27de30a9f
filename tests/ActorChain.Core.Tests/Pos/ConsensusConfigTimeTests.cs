using ActorChain.Core.Pos;

namespace ActorChain.Core.Tests.Pos;

/// <summary>CONSENSUS.md §4: slot 0 starts at genesisTime, and each slot lasts SECONDS_PER_SLOT (12 s in mainnet).</summary>
public sealed class ConsensusConfigTimeTests
{
    private static readonly ConsensusConfig Mainnet = ConsensusConfig.Mainnet;
    private const ulong Genesis = 60_000;

    [Fact]
    public void Is_in_slot_zero_until_genesis_and_changes_slot_at_each_slot_start()
    {
        Mainnet.MillisPerSlot.Should().Be(12_000);
        Mainnet.SlotAt(Genesis, 0).Should().Be(0);
        Mainnet.SlotAt(Genesis, Genesis - 1).Should().Be(0);
        Mainnet.SlotAt(Genesis, Genesis).Should().Be(0);
        Mainnet.SlotAt(Genesis, Genesis + 11_999).Should().Be(0);
        Mainnet.SlotAt(Genesis, Genesis + 12_000).Should().Be(1);
        Mainnet.SlotAt(Genesis, Genesis + 36_001).Should().Be(3);
    }

    [Fact]
    public void Counts_millis_into_the_slot_from_its_start_and_none_before_genesis()
    {
        Mainnet.MillisIntoSlot(Genesis, Genesis - 5_000).Should().Be(0);
        Mainnet.MillisIntoSlot(Genesis, Genesis).Should().Be(0);
        Mainnet.MillisIntoSlot(Genesis, Genesis + 11_999).Should().Be(11_999);
        Mainnet.MillisIntoSlot(Genesis, Genesis + 36_001).Should().Be(1);
    }

    [Fact]
    public void Starts_each_slot_one_slot_after_the_previous_and_finds_the_next_start()
    {
        Mainnet.SlotStartMillis(Genesis, 0).Should().Be(Genesis);
        Mainnet.SlotStartMillis(Genesis, 3).Should().Be(Genesis + 36_000);
        Mainnet.FirstSlotStartingFrom(Genesis, 0).Should().Be(0, "before genesis");
        Mainnet.FirstSlotStartingFrom(Genesis, Genesis).Should().Be(0);
        Mainnet.FirstSlotStartingFrom(Genesis, Genesis + 1).Should().Be(1);
        Mainnet.FirstSlotStartingFrom(Genesis, Genesis + 36_000).Should().Be(3, "exactly at a start");
        Mainnet.FirstSlotStartingFrom(Genesis, Genesis + 36_001).Should().Be(4);
    }
}
