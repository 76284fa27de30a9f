using ActorChain.Core.Codec;

namespace ActorChain.Core.Pos.Misc;

/// <summary>
/// One epoch's committees (CONSENSUS.md §5.1), computed once: the active indices <c>A</c>, shuffled with the epoch's
/// ATTESTER seed and cut into <c>committeesPerSlot × SLOTS_PER_EPOCH</c> committees. Immutable: safe to share between
/// threads and nodes.
/// </summary>
public sealed class EpochShuffling
{
    private readonly ulong _slotsPerEpoch;
    private readonly int[] _active;
    private readonly int[] _shuffled; // _shuffled[i] = A[shuffledIndex(i, |A|, seed)]
    private readonly int[] _positionOf; // validator index → position in _shuffled, or −1

    internal EpochShuffling(ulong epoch, Hash32 seed, int[] active, ulong shuffleRounds, ulong slotsPerEpoch, ulong committeesPerSlot)
    {
        Epoch = epoch;
        Seed = seed;
        _slotsPerEpoch = slotsPerEpoch;
        CommitteesPerSlot = committeesPerSlot;
        _active = active;
        _shuffled = Shuffling.ShuffleList(active, seed, shuffleRounds);
        _positionOf = new int[active.Length == 0 ? 0 : active[^1] + 1];
        Array.Fill(_positionOf, -1);
        for (var p = 0; p < _shuffled.Length; p++)
        {
            _positionOf[_shuffled[p]] = p;
        }
    }

    /// <summary>The epoch.</summary>
    public ulong Epoch { get; }

    /// <summary><c>seed(state, epoch, ATTESTER)</c>.</summary>
    public Hash32 Seed { get; }

    /// <summary><c>committeesPerSlot(state, epoch)</c>.</summary>
    public ulong CommitteesPerSlot { get; }

    /// <summary><c>active(state, epoch)</c>, ascending.</summary>
    public ReadOnlySpan<int> ActiveIndices => _active;

    /// <summary>
    /// <c>committee(state, slot, committeeIndex)</c>, in committee order; <see cref="ArgumentOutOfRangeException"/> if
    /// <paramref name="slot"/> is not in this epoch or <c>committeeIndex ≥ committeesPerSlot</c>.
    /// </summary>
    public ReadOnlySpan<int> Committee(ulong slot, ulong committeeIndex)
    {
        if (slot / _slotsPerEpoch != Epoch)
        {
            throw new ArgumentOutOfRangeException(nameof(slot), slot, $"slot is not in epoch {Epoch}");
        }

        if (committeeIndex >= CommitteesPerSlot)
        {
            throw new ArgumentOutOfRangeException(nameof(committeeIndex), committeeIndex,
                $"committee index out of range: {CommitteesPerSlot} committees per slot");
        }

        var k = (slot % _slotsPerEpoch * CommitteesPerSlot) + committeeIndex;
        var start = Start(k);
        return _shuffled.AsSpan(start, Start(k + 1) - start);
    }

    /// <summary>
    /// <see cref="Committee"/> for untrusted coordinates (an attestation's): false, with an empty span, when
    /// <paramref name="slot"/> is not in this epoch or <paramref name="committeeIndex"/> is not below committeesPerSlot.
    /// </summary>
    public bool TryGetCommittee(ulong slot, ulong committeeIndex, out ReadOnlySpan<int> committee)
    {
        if (slot / _slotsPerEpoch != Epoch || committeeIndex >= CommitteesPerSlot)
        {
            committee = [];
            return false;
        }

        committee = Committee(slot, committeeIndex);
        return true;
    }

    /// <summary>The committee <paramref name="validatorIndex"/> sits in this epoch, or null if it is not active.</summary>
    public CommitteeAssignment? AssignmentOf(int validatorIndex)
    {
        if (validatorIndex < 0 || validatorIndex >= _positionOf.Length || _positionOf[validatorIndex] < 0)
        {
            return null;
        }

        var p = _positionOf[validatorIndex];
        var count = CommitteesPerSlot * _slotsPerEpoch;
        var k = Math.Min(count - 1, (ulong)p * count / (ulong)_shuffled.Length);
        while (Start(k) > p)
        {
            k--;
        }

        while (Start(k + 1) <= p)
        {
            k++;
        }

        var slot = (Epoch * _slotsPerEpoch) + (k / CommitteesPerSlot);
        return new CommitteeAssignment(slot, k % CommitteesPerSlot, p - Start(k));
    }

    /// <summary><c>|A| × k // count</c>, the first position of committee <paramref name="k"/> of the epoch.</summary>
    private int Start(ulong k) => (int)((ulong)_shuffled.Length * k / (CommitteesPerSlot * _slotsPerEpoch));
}
