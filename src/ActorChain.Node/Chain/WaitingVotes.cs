using ActorChain.Core.Codec;
using ActorChain.Core.Pos.Model;

namespace ActorChain.Node.Chain;

/// <summary>
/// Votes that arrived before a block they name (head or target), held until it comes, as Ethereum clients queue them;
/// at most <c>capacity</c> at once. Owned by the chain actor.
/// </summary>
internal sealed class WaitingVotes(int capacity)
{
    private readonly SortedDictionary<Hash32, List<Vote>> _byMissingBlock = [];

    /// <summary>A held vote and the node it came from.</summary>
    public sealed record Vote(Attestation Attestation, int FromNode);

    /// <summary>The number of votes held now.</summary>
    public int Count { get; private set; }

    /// <summary>Holds <paramref name="a"/> until block <paramref name="missing"/> comes; false (nothing held) when full.</summary>
    public bool Hold(Hash32 missing, Attestation a, int fromNode)
    {
        if (Count >= capacity)
        {
            return false;
        }

        if (!_byMissingBlock.TryGetValue(missing, out var votes))
        {
            votes = [];
            _byMissingBlock[missing] = votes;
        }

        votes.Add(new Vote(a, fromNode));
        Count++;
        return true;
    }

    /// <summary>The votes that waited for block <paramref name="root"/>, which has come, in arrival order; they wait no longer.</summary>
    public IReadOnlyList<Vote> Release(Hash32 root)
    {
        if (!_byMissingBlock.Remove(root, out var votes))
        {
            return [];
        }

        Count -= votes.Count;
        return votes;
    }

    /// <summary>Lets go of the votes for slots before <paramref name="oldestSlot"/>: their block never came in time to count.</summary>
    public void DropOlderThan(ulong oldestSlot)
    {
        var emptied = new List<Hash32>();
        foreach (var (root, votes) in _byMissingBlock)
        {
            Count -= votes.RemoveAll(v => v.Attestation.Data.Slot < oldestSlot);
            if (votes.Count == 0)
            {
                emptied.Add(root);
            }
        }

        foreach (var root in emptied)
        {
            _byMissingBlock.Remove(root);
        }
    }
}
