using ActorChain.Core.Pos.Model;

namespace ActorChain.Core.Pos.Slashing;

/// <summary>
/// The slasher (CONSENSUS.md §6): it sees every verified header and attestation and turns a double proposal, a double
/// vote or a surround vote (in either order) into evidence, at most once per validator. Pure, mutable, single owner.
/// </summary>
/// <remarks>
/// Votes are held by target epoch in a ring as long as the window, each epoch's in one array indexed by validator.
/// A new vote is checked against earlier targets only when an earlier vote has a greater source (never so for an
/// honest validator), then against later targets. It checks no signature: feed it only verified items whose epoch is
/// not ahead of the clock, since the newest epoch seen moves the window.
/// </remarks>
public sealed class Slasher
{
    /// <summary>SLASHER_HISTORY_EPOCHS by default.</summary>
    public const ulong DefaultHistoryEpochs = 256;

    /// <summary>The longest history a slasher may keep, in epochs.</summary>
    public const ulong MaxHistoryEpochs = 1 << 16;

    /// <summary>Votes of validator indices at or above this are ignored (§6).</summary>
    public const ulong MaxValidators = 1 << 24;

    private const ulong MaxEpoch = 1UL << 63;

    private readonly ConsensusConfig _config;
    private readonly ulong _historyEpochs;
    private readonly SortedDictionary<ulong, Dictionary<ulong, SignedBeaconBlockHeader>> _headersBySlot = [];
    private readonly EpochVotes?[] _votesByEpoch;
    private readonly SortedSet<ulong> _offenders = [];
    private ulong[] _maxSource = [];
    private ulong _newestEpoch;

    /// <summary>A slasher keeping <paramref name="historyEpochs"/> epochs before the newest one seen (1 to 2^16).</summary>
    public Slasher(ConsensusConfig config, ulong historyEpochs = DefaultHistoryEpochs)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(historyEpochs, 1UL);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(historyEpochs, MaxHistoryEpochs);
        _config = config;
        _historyEpochs = historyEpochs;
        _votesByEpoch = new EpochVotes?[historyEpochs + 1];
    }

    /// <summary>The attestations held now (for metrics and the memory bound).</summary>
    public int StoredVotes => _votesByEpoch.Sum(votes => votes?.Count ?? 0);

    /// <summary>The headers held now.</summary>
    public int StoredHeaders => _headersBySlot.Values.Sum(m => m.Count);

    /// <summary>The validators evidence was produced against, ascending.</summary>
    public IReadOnlyList<ulong> Offenders => [.. _offenders];

    /// <summary>The newest epoch seen: the window is it and the history before it.</summary>
    public ulong NewestEpoch => _newestEpoch;

    private ulong OldestKeptEpoch => _newestEpoch < _historyEpochs ? 0 : _newestEpoch - _historyEpochs;

    /// <summary>Evidence if <paramref name="h"/> is a second header by its proposer at its slot with another root.</summary>
    public ProposerSlashing? OnHeader(SignedBeaconBlockHeader h)
    {
        var slot = h.Header.Slot;
        var epoch = _config.EpochOf(slot);
        AdvanceTo(epoch);
        if (!InWindow(epoch))
        {
            return null;
        }

        var proposer = h.Header.ProposerIndex;
        if (!_headersBySlot.TryGetValue(slot, out var atSlot))
        {
            atSlot = [];
            _headersBySlot[slot] = atSlot;
        }

        if (!atSlot.TryGetValue(proposer, out var first))
        {
            atSlot[proposer] = h;
            return null;
        }

        if (first.Header.Root == h.Header.Root)
        {
            return null;
        }

        return _offenders.Add(proposer) ? new ProposerSlashing(first, h) : null;
    }

    /// <summary>
    /// Evidence if <paramref name="a"/> and a held vote of its validator are a double vote or a surround vote, the
    /// surrounding vote first (the order of §6 and the golden <c>slasher</c> family); null otherwise.
    /// </summary>
    public AttesterSlashing? OnAttestation(Attestation a)
    {
        var d = a.Data;
        var target = d.Target.Epoch;
        AdvanceTo(target);
        if (a.ValidatorIndex >= MaxValidators || !InWindow(target))
        {
            return null;
        }

        var v = (int)a.ValidatorIndex;
        var votes = VotesOf(target);
        if (votes.Get(v) is { } held)
        {
            return ReferenceEquals(held, a) || held.Data.Root == d.Root ? null : Evidence(a.ValidatorIndex, held, a);
        }

        votes.Put(v, a);
        var source = d.Source.Epoch;
        if (v >= _maxSource.Length)
        {
            Array.Resize(ref _maxSource, Math.Max(v + 1, _maxSource.Length * 2));
        }

        if (_maxSource[v] > source)
        {
            for (var e = OldestKeptEpoch; e < target; e++)
            {
                if (VoteOf(v, e) is { } earlier && SlashingRules.IsSlashableAttestationData(d, earlier.Data))
                {
                    return Evidence(a.ValidatorIndex, a, earlier);
                }
            }

            _maxSource[v] = GreatestSourceOf(v);
        }
        else
        {
            _maxSource[v] = source;
        }

        for (var e = target + 1; e <= _newestEpoch; e++)
        {
            if (VoteOf(v, e) is { } later && SlashingRules.IsSlashableAttestationData(later.Data, d))
            {
                return Evidence(a.ValidatorIndex, later, a);
            }
        }

        return null;
    }

    /// <summary>Moves the window up to <paramref name="currentEpoch"/> if it is newer, forgetting what leaves it.</summary>
    public void OnEpoch(ulong currentEpoch) => AdvanceTo(currentEpoch);

    /// <summary><see cref="StoredVotes"/> counted afresh over the window, to test that the ring holds nothing older.</summary>
    internal int CountStoredVotes()
    {
        var n = 0;
        for (var e = OldestKeptEpoch; e <= _newestEpoch; e++)
        {
            n += VotesAt(e)?.CountHeld() ?? 0;
        }

        return n;
    }

    private AttesterSlashing? Evidence(ulong validator, Attestation first, Attestation second) =>
        _offenders.Add(validator) ? new AttesterSlashing(first, second) : null;

    private EpochVotes VotesOf(ulong epoch)
    {
        if (VotesAt(epoch) is { } votes)
        {
            return votes;
        }

        votes = new EpochVotes(epoch);
        _votesByEpoch[RingIndex(epoch)] = votes; // a free place: the epoch before it there left the window
        return votes;
    }

    private EpochVotes? VotesAt(ulong epoch) =>
        _votesByEpoch[RingIndex(epoch)] is { } votes && votes.Epoch == epoch ? votes : null;

    private int RingIndex(ulong epoch) => (int)(epoch % (ulong)_votesByEpoch.Length);

    private Attestation? VoteOf(int v, ulong epoch) => VotesAt(epoch)?.Get(v);

    private ulong GreatestSourceOf(int v)
    {
        ulong max = 0;
        for (var e = OldestKeptEpoch; e <= _newestEpoch; e++)
        {
            if (VoteOf(v, e) is { } a && a.Data.Source.Epoch > max)
            {
                max = a.Data.Source.Epoch;
            }
        }

        return max;
    }

    /// <summary><c>oldest ≤ epoch ≤ newest</c>: after <see cref="AdvanceTo"/> only a too old epoch or one ≥ 2^63 fails.</summary>
    private bool InWindow(ulong epoch) => epoch >= OldestKeptEpoch && epoch <= _newestEpoch;

    /// <summary>Moves the window up to <paramref name="epoch"/>; each epoch's votes are forgotten at most once.</summary>
    private void AdvanceTo(ulong epoch)
    {
        if (epoch >= MaxEpoch || epoch <= _newestEpoch)
        {
            return;
        }

        var oldest = OldestKeptEpoch;
        _newestEpoch = epoch;
        var leaving = Math.Min(OldestKeptEpoch - oldest, (ulong)_votesByEpoch.Length);
        for (var e = oldest; e < oldest + leaving; e++)
        {
            ForgetVotesOf(e);
        }

        var oldestKept = OldestKeptEpoch;
        var firstKeptSlot = oldestKept > ulong.MaxValue / _config.SlotsPerEpoch ? ulong.MaxValue : oldestKept * _config.SlotsPerEpoch;
        while (_headersBySlot.Count > 0 && _headersBySlot.Keys.First() < firstKeptSlot)
        {
            _headersBySlot.Remove(_headersBySlot.Keys.First());
        }
    }

    private void ForgetVotesOf(ulong epoch)
    {
        if (VotesAt(epoch) is not null)
        {
            _votesByEpoch[RingIndex(epoch)] = null;
        }
    }
}
