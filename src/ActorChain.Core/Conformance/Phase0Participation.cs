using ActorChain.Core.Pos;
using ActorChain.Core.Pos.Misc;
using ActorChain.Core.Pos.State;

namespace ActorChain.Core.Conformance;

/// <summary>
/// Phase0's target balance of one epoch, from its pending attestations (the spec's
/// <c>get_attesting_balance(state, get_matching_target_attestations(state, epoch))</c>, CONSENSUS.md §8): keep the
/// attestations whose <c>data.target.root == blockRoot(epoch)</c>; their attesting indices are the members of
/// <c>committee(data.slot, data.index)</c> (§5.1) whose bit is set; sum the effective balances of the unslashed ones,
/// each counted once, and take at least one EFFECTIVE_BALANCE_INCREMENT.
/// </summary>
public static class Phase0Participation
{
    /// <summary>The target balance of <paramref name="epoch"/>, or null and an error when a bitfield does not fit its committee.</summary>
    public static ulong? TargetBalance(
        BeaconState state, IEnumerable<PendingAttestation> attestations, ulong epoch, ConsensusConfig config, out string? error)
    {
        var attesters = TargetAttesters(state, attestations, epoch, config, out error);
        if (attesters is null)
        {
            return null;
        }

        var sum = 0UL;
        foreach (var v in attesters)
        {
            var validator = state.Validators[v];
            if (!validator.Slashed)
            {
                sum = checked(sum + validator.EffectiveBalance);
            }
        }

        return Math.Max(config.EffectiveBalanceIncrement, sum);
    }

    /// <summary>The validator indices (slashed ones included) of the attestations with a matching target, ascending.</summary>
    public static SortedSet<int>? TargetAttesters(
        BeaconState state, IEnumerable<PendingAttestation> attestations, ulong epoch, ConsensusConfig config, out string? error)
    {
        var targetRoot = Accessors.BlockRoot(state, epoch, config);
        var attesters = new SortedSet<int>();
        foreach (var a in attestations)
        {
            if (a.Data.Target.Root != targetRoot)
            {
                continue;
            }

            var committees = Committees.CommitteesPerSlot(state, config.EpochOf(a.Data.Slot), config);
            if (a.Data.CommitteeIndex >= committees)
            {
                error = $"attestation at slot {a.Data.Slot} names committee {a.Data.CommitteeIndex} of {committees}";
                return null;
            }

            var committee = Committees.BeaconCommittee(state, a.Data.Slot, a.Data.CommitteeIndex, config);
            if (committee.Length != a.AggregationBits.Length)
            {
                error = $"attestation at slot {a.Data.Slot}, committee {a.Data.CommitteeIndex} has "
                    + $"{a.AggregationBits.Length} aggregation bits for a committee of {committee.Length}";
                return null;
            }

            for (var i = 0; i < committee.Length; i++)
            {
                if (a.AggregationBits[i])
                {
                    attesters.Add(committee[i]);
                }
            }
        }

        error = null;
        return attesters;
    }
}
