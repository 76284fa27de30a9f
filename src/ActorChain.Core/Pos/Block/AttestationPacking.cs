using ActorChain.Core.Codec;
using ActorChain.Core.Pos.Model;

namespace ActorChain.Core.Pos.Block;

/// <summary>
/// Chooses a block's attestations (CONSENSUS.md §5.7): valid ones that still set a flag, best first, up to
/// MAX_ATTESTATIONS. "Best" is the proposer reward numerator of the flags it would newly set; ties go to the lower
/// validator index, then the lower data root, then the lower signature, so the choice is deterministic. A lazy greedy
/// pass: a candidate whose value dropped because an earlier pick set some of its flags is re-queued at its new value.
/// </summary>
internal static class AttestationPacking
{
    private sealed record Scored(Attestation Attestation, UInt128 Value);

    private sealed class BestFirst : IComparer<Scored>
    {
        public static readonly BestFirst Instance = new();

        public int Compare(Scored? x, Scored? y)
        {
            ArgumentNullException.ThrowIfNull(x);
            ArgumentNullException.ThrowIfNull(y);
            var byValue = y.Value.CompareTo(x.Value);
            if (byValue != 0)
            {
                return byValue;
            }

            var byIndex = x.Attestation.ValidatorIndex.CompareTo(y.Attestation.ValidatorIndex);
            if (byIndex != 0)
            {
                return byIndex;
            }

            var byRoot = x.Attestation.Data.Root.AsSpan().SequenceCompareTo(y.Attestation.Data.Root.AsSpan());
            return byRoot != 0 ? byRoot : x.Attestation.Sig.AsSpan().SequenceCompareTo(y.Attestation.Sig.AsSpan());
        }
    }

    /// <summary>Applies the chosen attestations to <paramref name="t"/>'s state and returns them in the order applied.</summary>
    public static List<Attestation> Pack(BlockTransition t, IEnumerable<Attestation> candidates)
    {
        var queue = new PriorityQueue<Scored, Scored>(BestFirst.Instance);
        var seen = new HashSet<Hash32>(); // membership only
        var slot = t.State.Slot;
        var current = t.Config.EpochOf(slot);
        foreach (var a in candidates)
        {
            var inWindow = AttestationRules.CheckTargetEpoch(a.Data, current, t.Config) is null
                && AttestationRules.CheckInclusionWindow(a.Data, slot, t.Config) is null
                && a.ValidatorIndex < (ulong)t.State.ValidatorCount;
            if (!inWindow)
            {
                continue;
            }

            var newFlags = t.NewFlags(a); // most candidates set nothing new: dropped before the dedupe below
            if (newFlags == 0 || !seen.Add(a.Root)
                || AttestationRules.ValidateForBlock(t.State, a, t.Config, t.Sigs) is not null)
            {
                continue;
            }

            var scored = new Scored(a, t.ProposerRewardNumerator((int)a.ValidatorIndex, newFlags));
            queue.Enqueue(scored, scored);
        }

        var chosen = new List<Attestation>();
        while (queue.Count > 0 && (ulong)chosen.Count < t.Config.MaxAttestations)
        {
            var top = queue.Dequeue();
            var newFlags = t.NewFlags(top.Attestation);
            if (newFlags == 0)
            {
                continue;
            }

            var value = t.ProposerRewardNumerator((int)top.Attestation.ValidatorIndex, newFlags);
            if (value < top.Value)
            {
                var requeued = top with { Value = value };
                queue.Enqueue(requeued, requeued);
                continue;
            }

            t.ApplyAttestation(top.Attestation);
            chosen.Add(top.Attestation);
        }

        return chosen;
    }
}
