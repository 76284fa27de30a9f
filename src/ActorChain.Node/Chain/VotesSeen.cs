using ActorChain.Core.Codec;
using ActorChain.Core.Pos.Epoch;
using ActorChain.Core.Pos.Model;

namespace ActorChain.Node.Chain;

/// <summary>
/// The votes this node saw, per validator, for the last <see cref="Epochs"/> target epochs: on gossip (its own
/// validators' included) and in the blocks it imported, with the clock's slot when first seen and the blocks that
/// included them. What <see cref="TargetTally"/> needs to explain a missing target vote at the epoch transition. A plain
/// helper the chain actor owns; bounded (per epoch, one array of the validator count of 24-byte entries, reused; a list
/// of the including blocks; a list for the rare second vote or second inclusion) and allocation-free for a validator's
/// first vote and its first inclusion.
/// </summary>
internal sealed class VotesSeen(int validatorCount)
{
    /// <summary>Target epochs remembered: the weighed one (E − 1), E and E + 1, and one spare.</summary>
    public const int Epochs = 4;

    private readonly EpochVotes[] _ring = CreateRing(Math.Max(1, validatorCount));

    /// <summary>Observations held in the lists of second votes and inclusions, over every epoch (for tests).</summary>
    public int ExtraCount => _ring.Sum(r => r.Extras.Count);

    /// <summary>A vote seen on gossip (validated, or refused for its source with a valid signature) at clock slot <paramref name="clockSlot"/>.</summary>
    public void Seen(Attestation a, ulong clockSlot) => Observe(a, clockSlot, default, 0, included: false);

    /// <summary>The votes of an applied block <paramref name="block"/>, seen at clock slot <paramref name="clockSlot"/>.</summary>
    public void Included(BeaconBlock block, ulong clockSlot)
    {
        foreach (var a in block.Body.Attestations)
        {
            Included(a, block.Root, block.Slot, clockSlot);
        }
    }

    /// <summary>Vote <paramref name="a"/>, included by the applied block <paramref name="block"/> of slot <paramref name="blockSlot"/>.</summary>
    public void Included(Attestation a, Hash32 block, ulong blockSlot, ulong clockSlot) =>
        Observe(a, clockSlot, block, blockSlot, included: true);

    /// <summary>
    /// Validator <paramref name="validator"/>'s votes for <paramref name="targetEpoch"/>; an inclusion counts as canonical
    /// when <paramref name="isCanonical"/> says so of the including block's root and slot. Empty when none was seen or
    /// the epoch is no longer remembered.
    /// </summary>
    public IReadOnlyList<SeenVote> VotesOf(int validator, ulong targetEpoch, Func<Hash32, ulong, bool> isCanonical)
    {
        var r = _ring[(int)(targetEpoch % Epochs)];
        if (r.Epoch != targetEpoch || validator < 0 || validator >= r.Entries.Length || r.Entries[validator].Data is null)
        {
            return [];
        }

        var e = r.Entries[validator];
        var votes = new List<SeenVote>(1) { new(e.Data!, e.FirstSeen, r.CanonicalSlot(e.Block, isCanonical)) };
        foreach (var x in r.Extras)
        {
            if (x.Validator == validator)
            {
                votes.Add(new SeenVote(x.Data, x.FirstSeen, r.CanonicalSlot(x.Block, isCanonical)));
            }
        }

        return votes;
    }

    private void Observe(Attestation a, ulong clockSlot, Hash32 block, ulong blockSlot, bool included)
    {
        var d = a.Data;
        if (a.ValidatorIndex >= int.MaxValue || EpochOf(d.Target.Epoch) is not { } r)
        {
            return;
        }

        var v = (int)a.ValidatorIndex;
        var b = included ? r.BlockNumber(block, blockSlot) : 0;
        if (v >= r.Entries.Length)
        {
            Array.Resize(ref r.Entries, Math.Max(v + 1, r.Entries.Length * 2));
        }

        ref var e = ref r.Entries[v];
        if (e.Data is null)
        {
            e = new Entry(d, clockSlot, b);
            return;
        }

        if (Same(e.Data, d))
        {
            e.FirstSeen = Math.Min(e.FirstSeen, clockSlot);
            if (b == 0 || e.Block == b)
            {
                return;
            }

            if (e.Block == 0)
            {
                e.Block = b;
                return;
            }
        }
        else if (!included)
        {
            for (var i = 0; i < r.Extras.Count; i++)
            {
                var x = r.Extras[i];
                if (x.Validator == v && Same(x.Data, d))
                {
                    r.Extras[i] = x with { FirstSeen = Math.Min(x.FirstSeen, clockSlot) };
                    return;
                }
            }
        }

        r.Extras.Add(new Extra(v, d, clockSlot, b)); // a second vote, or a second block including it
    }

    /// <summary>The ring's record of <paramref name="epoch"/>, taking over the slot of an older epoch; null for an epoch older than the slot's.</summary>
    private EpochVotes? EpochOf(ulong epoch)
    {
        var r = _ring[(int)(epoch % Epochs)];
        if (r.Epoch == epoch)
        {
            return r;
        }

        if (r.Epoch != EpochVotes.None && r.Epoch > epoch)
        {
            return null;
        }

        r.Reset(epoch);
        return r;
    }

    private static bool Same(AttestationData a, AttestationData b) => ReferenceEquals(a, b) || a.Root == b.Root;

    private static EpochVotes[] CreateRing(int validatorCount)
    {
        var ring = new EpochVotes[Epochs];
        for (var i = 0; i < Epochs; i++)
        {
            ring[i] = new EpochVotes(validatorCount);
        }

        return ring;
    }

    /// <summary>One validator's first vote for the epoch, its first sighting and its first inclusion (a block number, 0: none).</summary>
    private record struct Entry(AttestationData? Data, ulong FirstSeen, int Block);

    /// <summary>Another vote of <see cref="Validator"/>, or another block including one (a block number, 0: none).</summary>
    private readonly record struct Extra(int Validator, AttestationData Data, ulong FirstSeen, int Block);

    private sealed class EpochVotes(int validatorCount)
    {
        public const ulong None = ulong.MaxValue;

        public ulong Epoch = None;
        public Entry[] Entries = new Entry[validatorCount];
        public readonly List<Extra> Extras = [];
        public readonly List<(Hash32 Root, ulong Slot)> Blocks = []; // the blocks that included votes of the epoch, numbered from 1

        public void Reset(ulong epoch)
        {
            Epoch = epoch;
            Array.Clear(Entries);
            Extras.Clear();
            Blocks.Clear();
        }

        /// <summary>The number of block <paramref name="root"/> (a block's votes come together: the last one is checked first).</summary>
        public int BlockNumber(Hash32 root, ulong slot)
        {
            for (var i = Blocks.Count - 1; i >= 0; i--)
            {
                if (Blocks[i].Root == root)
                {
                    return i + 1;
                }
            }

            Blocks.Add((root, slot));
            return Blocks.Count;
        }

        /// <summary>The slot of block number <paramref name="block"/> if <paramref name="isCanonical"/> says it is canonical; null for 0 or not.</summary>
        public ulong? CanonicalSlot(int block, Func<Hash32, ulong, bool> isCanonical) =>
            block > 0 && Blocks[block - 1] is var (root, slot) && isCanonical(root, slot) ? slot : null;
    }
}
