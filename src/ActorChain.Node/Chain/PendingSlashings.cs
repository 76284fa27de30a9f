using System.Collections.Immutable;
using ActorChain.Core.Pos;
using ActorChain.Core.Pos.Model;
using ActorChain.Core.Pos.Slashing;
using ActorChain.Core.Pos.State;

namespace ActorChain.Node.Chain;

/// <summary>
/// The slashing evidence a proposer may include (CONSENSUS.md §5.7), one piece per offender, by offender index. Pruned
/// against the state a proposer builds on: evidence whose offender that state has already slashed (a block included it)
/// or can no longer slash goes. A plain helper the mempool owns.
/// </summary>
internal sealed class PendingSlashings(ConsensusConfig config)
{
    /// <summary>The most evidence held of each kind; more only arrives when many validators misbehave at once.</summary>
    public const int Capacity = 256;

    private readonly SortedDictionary<ulong, ProposerSlashing> _proposer = [];
    private readonly SortedDictionary<ulong, AttesterSlashing> _attester = [];

    /// <summary>True when either kind is at <see cref="Capacity"/>.</summary>
    public bool IsFull => _proposer.Count >= Capacity || _attester.Count >= Capacity;

    /// <summary>Keeps <paramref name="e"/> unless evidence against its offender of the same kind is held or the pool is full.</summary>
    public bool Add(ISlashingEvidence e) => e switch
    {
        ProposerSlashing p => Put(_proposer, p),
        AttesterSlashing a => Put(_attester, a),
        _ => false,
    };

    /// <summary>Drops the evidence whose offender is not slashable on <paramref name="state"/> (already slashed, or withdrawable).</summary>
    public void Prune(BeaconState state)
    {
        Drop(_proposer, state);
        Drop(_attester, state);
    }

    /// <summary>Up to MAX_PROPOSER_SLASHINGS, by offender index.</summary>
    public ImmutableArray<ProposerSlashing> ProposerSlashings() => First(_proposer, config.MaxProposerSlashings);

    /// <summary>Up to MAX_ATTESTER_SLASHINGS, by offender index.</summary>
    public ImmutableArray<AttesterSlashing> AttesterSlashings() => First(_attester, config.MaxAttesterSlashings);

    private static bool Put<T>(SortedDictionary<ulong, T> pool, T e) where T : ISlashingEvidence =>
        pool.Count < Capacity && pool.TryAdd(e.Offender, e);

    private void Drop<T>(SortedDictionary<ulong, T> pool, BeaconState state)
    {
        foreach (var v in pool.Keys.Where(v => SlashingRules.CheckSlashable(state, v, config) is not null).ToList())
        {
            pool.Remove(v);
        }
    }

    private static ImmutableArray<T> First<T>(SortedDictionary<ulong, T> pool, ulong max) =>
        [.. pool.Values.Take((int)Math.Min(max, int.MaxValue))];
}
