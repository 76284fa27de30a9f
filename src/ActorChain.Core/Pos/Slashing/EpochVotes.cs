using ActorChain.Core.Pos.Model;

namespace ActorChain.Core.Pos.Slashing;

/// <summary>The slasher's votes with one target epoch, indexed by validator. Slasher-private.</summary>
internal sealed class EpochVotes(ulong epoch)
{
    private Attestation?[] _votes = [];

    /// <summary>The target epoch of these votes.</summary>
    public ulong Epoch { get; } = epoch;

    /// <summary>The number of votes held.</summary>
    public int Count { get; private set; }

    /// <summary>The vote of validator <paramref name="v"/>, or null.</summary>
    public Attestation? Get(int v) => v < _votes.Length ? _votes[v] : null;

    /// <summary>Holds <paramref name="a"/> as the vote of <paramref name="v"/>, which has none here yet.</summary>
    public void Put(int v, Attestation a)
    {
        if (v >= _votes.Length)
        {
            Array.Resize(ref _votes, Math.Max(v + 1, _votes.Length * 2));
        }

        _votes[v] = a;
        Count++;
    }

    /// <summary><see cref="Count"/> by a scan.</summary>
    public int CountHeld() => _votes.Count(a => a is not null);
}
