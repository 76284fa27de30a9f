using System.Text;
using ActorChain.Core.Codec;
using ActorChain.Core.Pos.Model;
using ActorChain.Core.Pos.Protection;

namespace ActorChain.Node.Faults;

/// <summary>
/// The slashable votes a faulty validator signs (CONSENSUS.md §5.2, <c>isSlashable</c>), made from its honest duty and
/// what it signed before. Plain functions; the fault behaviours of the validators sign what these return.
/// </summary>
public static class ConflictingVotes
{
    private static readonly byte[] DoubleVoteLabel = Encoding.ASCII.GetBytes("double-vote");

    /// <summary>
    /// A second vote for the same target epoch as <paramref name="honest"/>, with another head (a double vote). It stays
    /// valid where it can, so every node's fork choice takes it in: the head becomes the target block (target
    /// unchanged), or, when the head is the target block, the source block (the target then is the source block too,
    /// its ancestor at the target epoch's start). With nothing else to vote for (head, target and source are one
    /// block), the head is a made-up root: no node can count that vote, but it is as slashable.
    /// </summary>
    public static AttestationData DoubleVote(AttestationData honest)
    {
        var target = honest.Target;
        if (honest.HeadRoot != target.Root)
            return honest with { HeadRoot = target.Root };
        var source = honest.Source.Root;
        if (source != target.Root)
            return honest with { HeadRoot = source, Target = new Checkpoint(target.Epoch, source) };
        var input = new byte[DoubleVoteLabel.Length + Hash32.Width];
        DoubleVoteLabel.CopyTo(input, 0);
        honest.HeadRoot.AsSpan().CopyTo(input.AsSpan(DoubleVoteLabel.Length));
        return honest with { HeadRoot = Sha256.Hash(input) };
    }

    /// <summary>
    /// A vote that surrounds one already signed, or is surrounded by one, given the signing record
    /// <paramref name="signed"/> (its highest source and target epochs, each from a vote actually signed) and the
    /// honest duty; null when there is no signed vote wide enough yet:
    /// <list type="bullet">
    /// <item>if some vote had source <c>S ≥ 1</c>: <c>(S − 1, honest target)</c> surrounds it (its target ≤ the highest
    /// target &lt; the honest target);</item>
    /// <item>else if the highest target <c>T ≥ S + 2</c>: <c>(S + 1, T − 1)</c> is surrounded by the vote for <c>T</c>
    /// (whose source is ≤ <c>S</c>); its slot is the honest slot moved back to epoch <c>T − 1</c>.</item>
    /// </list>
    /// Its source is not the justified checkpoint, so every node refuses it (WRONG_SOURCE): only a slasher counts it.
    /// </summary>
    public static AttestationData? SurroundVote(AttestationData honest, SlashingProtectionRecord signed, ulong slotsPerEpoch)
    {
        // The record's None (2^64 − 1) reads as −1, as the Java record's −1 did.
        var s = unchecked((long)signed.LastSourceEpoch);
        var t = unchecked((long)signed.LastTargetEpoch);
        var target = (long)honest.Target.Epoch;
        if (s >= 1 && target > t)
        {
            return honest with { Source = new Checkpoint((ulong)(s - 1), honest.Source.Root) };
        }

        if (s >= 0 && t - s >= 2 && target > t - 1)
        {
            var inner = (ulong)(t - 1);
            var slot = honest.Slot - (((ulong)target - inner) * slotsPerEpoch);
            return new AttestationData(slot, honest.CommitteeIndex, honest.HeadRoot,
                new Checkpoint((ulong)(s + 1), honest.Source.Root), new Checkpoint(inner, honest.Target.Root));
        }

        return null;
    }
}
