using System.Collections.Immutable;
using System.Numerics;
using ActorChain.Core.Pos.Forensics;
using ActorChain.Core.Pos.Model;
using ActorChain.Node;

namespace ActorChain.Simulation.Live;

/// <summary>
/// What the live view of <c>run</c> shows at one instant, immutable: the render loop reads it, the run's monitor
/// actor replaces it a few times a second. <paramref name="ElapsedMillis"/> counts from the start of the run.
/// </summary>
public sealed record LiveSnapshot(
    long ElapsedMillis,
    LiveInfo Info,
    PowView? Pow,
    MergeView? Merge,
    PosClock? Clock,
    ImmutableArray<NodeStatus> Nodes,
    ImmutableArray<int> DownNodes,
    EpochParticipation? LastEpoch,
    ValidatorTable? Validators,
    ImmutableArray<LiveEvent> Events,
    BlockCounts Blocks,
    FirstFinality? FirstFinalized,
    bool Done)
{
    /// <summary>The snapshot before the monitor has heard from any node.</summary>
    public static LiveSnapshot Empty(LiveInfo info) =>
        new(0, info, null, null, null, [], [], null, null, [], BlockCounts.None, null, false);

    /// <summary>True once the chain runs proof of stake (the merge happened, or it started in PoS).</summary>
    public bool InPos => Merge is not null;

    /// <summary>The conflicting finality seen so far (the <c>conflicting_finality</c> pairs, each side with the nodes that finalized it); empty in a safe run.</summary>
    public ImmutableArray<FinalityConflict> Conflicts { get; init; } = [];
}

/// <summary>
/// What does not change during a run: its title, consensus, PoS constants as slot and epoch lengths, the merge height,
/// the confirmations the merge waits for, the mining mode, the genesis validators' names and hosting nodes in registry order.
/// </summary>
public sealed record LiveInfo(string Title, string Consensus, ulong SecondsPerSlot, ulong SlotsPerEpoch, ulong? MergeAtHeight,
    int MergeConfirmations, string MiningMode, int Miners, ImmutableArray<string> ValidatorNames, ImmutableArray<int> ValidatorNodes)
{
    /// <summary>The name of registry index <paramref name="i"/>; a validator that joined later shows as <c>#i</c>.</summary>
    public string NameOf(int i) => i < ValidatorNames.Length ? ValidatorNames[i] : "#" + i;

    /// <summary>The node hosting registry index <paramref name="i"/>, or −1 when unknown.</summary>
    public int NodeOf(int i) => i < ValidatorNodes.Length ? ValidatorNodes[i] : -1;
}

/// <summary>Proof of work before the merge, from node 0's head: height, difficulty (expected hashes per block) and the network hashrate measured over the last blocks.</summary>
public sealed record PowView(ulong Height, BigInteger Difficulty, double HashesPerSecond, ulong BlockTimeMillis)
{
    /// <summary>Blocks still to mine before the merge: the terminal height plus its confirmations, minus the head; null without a merge.</summary>
    public ulong? BlocksToMerge(LiveInfo info) =>
        info?.MergeAtHeight is { } at ? (ulong)Math.Max(0, (long)at + info.MergeConfirmations - (long)Height) : null;
}

/// <summary>The merge: the terminal PoW block's height, when it happened (ms into the run) and how many PoW blocks each node dropped past it.</summary>
public sealed record MergeView(ulong TerminalHeight, long AtElapsedMillis, long PosGenesisMillis, ImmutableSortedDictionary<int, ulong> OrphanedByNode)
{
    /// <summary>PoW blocks orphaned at the merge: the most any node dropped (each node counts the blocks on its own chain past the terminal block).</summary>
    public ulong Orphaned => OrphanedByNode.IsEmpty ? 0 : OrphanedByNode.Values.Max();
}

/// <summary>The PoS clock now: the current slot and epoch (CONSENSUS.md §5.1).</summary>
public sealed record PosClock(ulong Slot, ulong Epoch, ulong SlotInEpoch);

/// <summary>
/// Target participation of <paramref name="Epoch"/>: the stake whose votes for that epoch's target made it on chain,
/// out of the active stake, as node 0's canonical chain counted it one epoch later.
/// </summary>
public sealed record EpochParticipation(ulong Epoch, ulong TargetStake, ulong ActiveStake, bool InLeak)
{
    /// <summary>The share in percent (0 when nothing is active).</summary>
    public double Percent => ActiveStake == 0 ? 0 : 100.0 * TargetStake / ActiveStake;
}

/// <summary>Every validator as node <paramref name="FromNode"/>'s head state at <paramref name="HeadSlot"/> has it.</summary>
public sealed record ValidatorTable(int FromNode, ulong HeadSlot, ImmutableArray<ValidatorRow> Rows)
{
    /// <summary>How many are active.</summary>
    public int Active => Rows.Count(r => r.Status == ValidatorStatus.Active);

    /// <summary>The sum of their balances, gwei.</summary>
    public ulong TotalBalance => Rows.Aggregate(0UL, (sum, r) => sum + r.Balance);
}

/// <summary>One validator: name, hosting node (−1 unknown), balance and effective balance in gwei, status.</summary>
public sealed record ValidatorRow(string Name, int Node, ulong Balance, ulong Effective, ValidatorStatus Status);

/// <summary>
/// One line of the recent-events pane: when (ms into the run), what, a short text, and the nodes that reported it
/// (the same justification seen by four nodes is one line).
/// </summary>
public sealed record LiveEvent(long AtElapsedMillis, string Type, string Text, ImmutableSortedSet<int> Nodes);

/// <summary>Block production, summarised rather than listed: PoW blocks mined (by miner), beacon blocks proposed, transfers nodes accepted from clients.</summary>
public sealed record BlockCounts(long PowMined, long Proposed, ImmutableSortedDictionary<string, long> ByMiner, long TxAccepted = 0)
{
    /// <summary>Nothing produced yet.</summary>
    public static BlockCounts None { get; } = new(0, 0, ImmutableSortedDictionary<string, long>.Empty.WithComparers(StringComparer.Ordinal));
}

/// <summary>The first checkpoint past genesis that some node finalized: its epoch, the slot of the block that did it, ms after PoS genesis.</summary>
public sealed record FirstFinality(ulong Epoch, ulong Slot, int Node, long MillisAfterGenesis);
