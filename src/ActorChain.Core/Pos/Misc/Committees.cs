using ActorChain.Core.Crypto;
using ActorChain.Core.Pos.State;

namespace ActorChain.Core.Pos.Misc;

/// <summary>
/// Beacon committees (CONSENSUS.md §5.1). Each epoch's shuffling is computed once, remembered on the state and kept
/// in a small process-wide LRU cache keyed by everything it depends on, so that thousands of attestation checks per
/// epoch do not reshuffle, and states of different nodes or forks share it safely.
/// </summary>
public static class Committees
{
    /// <summary>Enough for a few epochs of several nodes on several forks; an entry is O(validators) ints.</summary>
    internal const int CacheCapacity = 64;

    private static readonly ShufflingCache _cache = new(CacheCapacity);

    /// <summary>Entries currently cached (for tests and metrics).</summary>
    internal static int CachedShufflings => _cache.Count;

    /// <summary><c>max(1, min(MAX_COMMITTEES_PER_SLOT, |active(e)| // SLOTS_PER_EPOCH // TARGET_COMMITTEE_SIZE))</c>.</summary>
    public static ulong CommitteesPerSlot(BeaconState s, ulong epoch, ConsensusConfig c) =>
        CommitteesPerSlot((ulong)Accessors.ActiveValidatorCount(s, epoch), c);

    /// <summary><see cref="CommitteesPerSlot(BeaconState, ulong, ConsensusConfig)"/> for a known number of active validators.</summary>
    public static ulong CommitteesPerSlot(ulong activeCount, ConsensusConfig c)
    {
        ArgumentNullException.ThrowIfNull(c);
        return Math.Max(1, Math.Min(c.MaxCommitteesPerSlot, activeCount / c.SlotsPerEpoch / c.TargetCommitteeSize));
    }

    /// <summary>
    /// The whole committee layout of <paramref name="epoch"/>. Like Ethereum's <c>get_beacon_committee</c>, it trusts
    /// the caller that the state still holds (and has already fixed) the epoch's seed mix.
    /// </summary>
    public static EpochShuffling Shuffling(BeaconState s, ulong epoch, ConsensusConfig c)
    {
        ArgumentNullException.ThrowIfNull(s);
        var key = new ShufflingOf(epoch);
        if (s.DerivedFor(key) is Memo m && m.Config == c)
        {
            return m.Shuffling;
        }

        var computed = ComputeShuffling(s, epoch, c);
        s.RememberDerived(key, new Memo(c, computed));
        return computed;
    }

    /// <summary>
    /// <c>committee(state, slot, committeeIndex)</c>: the validator indices of that committee, in committee order;
    /// <see cref="ArgumentOutOfRangeException"/> if <c>committeeIndex ≥ committeesPerSlot(epoch(slot))</c>.
    /// </summary>
    public static ReadOnlySpan<int> BeaconCommittee(BeaconState s, ulong slot, ulong committeeIndex, ConsensusConfig c)
    {
        ArgumentNullException.ThrowIfNull(c);
        return Shuffling(s, c.EpochOf(slot), c).Committee(slot, committeeIndex);
    }

    /// <summary>
    /// Where <paramref name="validatorIndex"/> attests in <paramref name="epoch"/>, or null if it is not active then.
    /// As Ethereum's <c>get_committee_assignment</c>, <paramref name="epoch"/> may be at most the next epoch
    /// (<see cref="ArgumentOutOfRangeException"/> otherwise): later seeds are not fixed yet.
    /// </summary>
    public static CommitteeAssignment? CommitteeOf(BeaconState s, ulong epoch, int validatorIndex, ConsensusConfig c)
    {
        var next = Accessors.CurrentEpoch(s, c) + 1;
        if (epoch > next)
        {
            throw new ArgumentOutOfRangeException(nameof(epoch), epoch,
                $"committees are not known before the epoch before; the state is at epoch {next - 1}");
        }

        return Shuffling(s, epoch, c).AssignmentOf(validatorIndex);
    }

    private static EpochShuffling ComputeShuffling(BeaconState s, ulong epoch, ConsensusConfig c)
    {
        var active = Accessors.ActiveValidatorIndices(s, epoch);
        var seed = Seeds.Seed(s, epoch, Domain.Attester, c);
        var perSlot = CommitteesPerSlot((ulong)active.Length, c);
        var key = new ShufflingCache.Key(seed, epoch, c.ShuffleRoundCount, c.SlotsPerEpoch, perSlot, active);
        return _cache.Get(key, () => new EpochShuffling(epoch, seed, active, c.ShuffleRoundCount, c.SlotsPerEpoch, perSlot));
    }

    /// <summary>The key of an epoch's shuffling among a state's derived values.</summary>
    private sealed record ShufflingOf(ulong Epoch);

    /// <summary>A shuffling remembered on the state it was computed from, with the constants it was computed with.</summary>
    private sealed record Memo(ConsensusConfig Config, EpochShuffling Shuffling);
}
