using System.Collections.Immutable;
using ActorChain.Core.Codec;
using ActorChain.Core.Pos;
using ActorChain.Core.Pos.Misc;
using ActorChain.Core.Pos.Model;
using ActorChain.Core.Pos.State;

namespace ActorChain.Node.Validators;

/// <summary>
/// The attestation duties a PoS engine missed because it started late (a node that merged after PoS genesis, or one
/// that restarted), that a vote can still serve: slots before <c>currentSlot</c> of the current epoch and of the
/// previous one whose vote a block can still include (<c>slot + SLOTS_PER_EPOCH &gt; currentSlot</c>). Each vote is what
/// the honest validator would have signed on the current head's chain (CONSENSUS.md §5.7): the head is that chain's
/// latest block at or before the duty's slot, the target its block at the epoch's start, and the source the justified
/// checkpoint block processing checks it against (current for the current epoch, previous for the previous one).
/// Slashing protection still decides whether each is signed. Pure.
/// </summary>
internal static class DutyCatchUp
{
    /// <summary>One missed duty: validator <paramref name="ValidatorIndex"/> attests to <paramref name="Data"/>.</summary>
    public sealed record MissedVote(ulong ValidatorIndex, AttestationData Data);

    /// <summary>
    /// The missed votes of <paramref name="hosted"/> (registry indices, ascending) on <paramref name="state"/>, the
    /// head state advanced to <paramref name="currentSlot"/>; in slot order, then index order.
    /// </summary>
    public static ImmutableArray<MissedVote> Missed(BeaconState state, ulong currentSlot, IReadOnlyList<int> hosted, ConsensusConfig c)
    {
        var votes = ImmutableArray.CreateBuilder<MissedVote>();
        if (state.Slot != currentSlot || currentSlot == 0)
            return votes.ToImmutable();
        var current = c.EpochOf(currentSlot);
        var epochs = current == 0 ? new[] { current } : [current - 1, current];
        var byDuty = new SortedDictionary<(ulong Slot, ulong Committee), List<ulong>>();
        foreach (var epoch in epochs)
        {
            foreach (var index in hosted)
            {
                var duty = Committees.CommitteeOf(state, epoch, index, c);
                if (duty is not { } d || d.Slot >= currentSlot || d.Slot + c.SlotsPerEpoch <= currentSlot)
                    continue;
                if (!byDuty.TryGetValue((d.Slot, d.CommitteeIndex), out var list))
                    byDuty[(d.Slot, d.CommitteeIndex)] = list = [];
                list.Add((ulong)index);
            }
        }

        foreach (var ((slot, committee), indices) in byDuty)
        {
            var data = DataFor(state, slot, committee, current, c);
            if (data is null) continue;
            foreach (var index in indices)
                votes.Add(new MissedVote(index, data));
        }

        return votes.ToImmutable();
    }

    private static AttestationData? DataFor(BeaconState state, ulong slot, ulong committee, ulong currentEpoch, ConsensusConfig c)
    {
        var epoch = c.EpochOf(slot);
        var start = c.StartSlot(epoch);
        if (!Accessors.HoldsBlockRootAt(state, slot, c) || !Accessors.HoldsBlockRootAt(state, start, c))
            return null;
        Hash32 head = Accessors.BlockRootAtSlot(state, slot, c);
        var target = new Checkpoint(epoch, Accessors.BlockRootAtSlot(state, start, c));
        var source = epoch == currentEpoch ? state.CurrentJustified : state.PreviousJustified;
        return new AttestationData(slot, committee, head, source, target);
    }
}
