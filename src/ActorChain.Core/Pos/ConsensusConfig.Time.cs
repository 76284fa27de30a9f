namespace ActorChain.Core.Pos;

/// <summary>Slot time arithmetic (CONSENSUS.md §4: slot 0 starts at genesis; a slot lasts SECONDS_PER_SLOT).</summary>
public sealed partial record ConsensusConfig
{
    /// <summary>SECONDS_PER_SLOT in milliseconds.</summary>
    public ulong MillisPerSlot => checked(SecondsPerSlot * 1000);

    /// <summary>The slot at <paramref name="nowMillis"/> of a chain whose slot 0 starts at <paramref name="genesisMillis"/>; 0 before genesis.</summary>
    public ulong SlotAt(ulong genesisMillis, ulong nowMillis) =>
        nowMillis < genesisMillis ? 0 : (nowMillis - genesisMillis) / MillisPerSlot;

    /// <summary>How far <paramref name="nowMillis"/> is into its slot, in milliseconds; 0 before genesis.</summary>
    public ulong MillisIntoSlot(ulong genesisMillis, ulong nowMillis) =>
        nowMillis < genesisMillis ? 0 : (nowMillis - genesisMillis) % MillisPerSlot;

    /// <summary>When <paramref name="slot"/> starts, on the clock <paramref name="genesisMillis"/> is read on.</summary>
    public ulong SlotStartMillis(ulong genesisMillis, ulong slot) => checked(genesisMillis + (slot * MillisPerSlot));

    /// <summary>The first slot that starts at or after <paramref name="nowMillis"/>: slot 0 up to genesis.</summary>
    public ulong FirstSlotStartingFrom(ulong genesisMillis, ulong nowMillis) =>
        SlotAt(genesisMillis, nowMillis) + (MillisIntoSlot(genesisMillis, nowMillis) == 0 ? 0UL : 1UL);
}
