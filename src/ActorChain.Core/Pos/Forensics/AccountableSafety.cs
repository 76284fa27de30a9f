using System.Collections.Immutable;
using ActorChain.Core.Codec;
using ActorChain.Core.Pos.Model;
using ActorChain.Core.Pos.Slashing;

namespace ActorChain.Core.Pos.Forensics;

/// <summary>A validator as the forensics weigh it: its index, name and stake (gwei).</summary>
public sealed record ValidatorStake(ulong Index, string Name, ulong Stake);

/// <summary>
/// Evidence a node's slasher reported (<c>evidence_found</c>): two votes of validator <paramref name="ValidatorIndex"/>
/// as the evidence orders them; <paramref name="OwnSlasher"/> false when the node got it by gossip or in a block.
/// </summary>
public sealed record EvidenceSighting(int Node, ulong ValidatorIndex, AttestationData First, AttestationData Second, bool OwnSlasher);

/// <summary>
/// One slashable pair of votes (CONSENSUS.md §5.2): a double vote or a surround vote, and the nodes whose own slasher
/// found it (ascending; empty when only the forensics' cross-check of the chains' votes found it).
/// </summary>
public sealed record SlashableEvidence(SlashingKind Kind, AttestationData First, AttestationData Second, ImmutableArray<int> FoundBy);

/// <summary>A validator with slashable evidence against it, its stake and that evidence.</summary>
public sealed record SlashableValidator(ulong Index, string Name, ulong Stake, ImmutableArray<SlashableEvidence> Evidence);

/// <summary>
/// The forensics of conflicting finality (summary.json <c>forensics</c>): the conflicting pairs, the validators with
/// slashable evidence, their stake against the total, and whether it reaches 1/3 (<c>slashable × 3 ≥ total</c>, exact).
/// <see cref="StakeShare"/> is <c>slashable / total</c> rounded half-even to 4 decimals.
/// </summary>
public sealed record ForensicsReport(ImmutableArray<FinalityConflict> Conflicts, ImmutableArray<SlashableValidator> Slashable,
    ulong SlashableStake, ulong TotalStake, decimal StakeShare, bool ReachesOneThird);

/// <summary>
/// Accountable safety as a product (CONSENSUS.md §7): given conflicting finality, who is provably guilty and how much
/// stake that is. Pure; the same inputs give the same report, whatever order the sightings come in.
/// </summary>
public static class AccountableSafety
{
    /// <summary>
    /// The report for <paramref name="conflicts"/> (null when there are none). Evidence is every slashable pair of
    /// votes among <paramref name="sightings"/> (what the nodes' slashers reported; pairs that are not slashable by
    /// <see cref="SlashingRules.IsSlashableEitherOrder"/> are dropped) plus what core's <see cref="Slasher"/> finds in
    /// <paramref name="chainVotes"/> (e.g. the votes included in both conflicting chains), merged by the pair of votes.
    /// Stakes and the total come from <paramref name="validators"/>; evidence against an index not among them is ignored.
    /// </summary>
    public static ForensicsReport? Analyze(IReadOnlyList<FinalityConflict> conflicts, IReadOnlyList<ValidatorStake> validators,
        IEnumerable<EvidenceSighting> sightings, IEnumerable<Attestation> chainVotes, ConsensusConfig config)
    {
        ArgumentNullException.ThrowIfNull(conflicts);
        ArgumentNullException.ThrowIfNull(validators);
        ArgumentNullException.ThrowIfNull(sightings);
        ArgumentNullException.ThrowIfNull(chainVotes);
        if (conflicts.Count == 0) return null;

        var byIndex = new SortedDictionary<ulong, ValidatorStake>();
        foreach (var v in validators) byIndex[v.Index] = v;
        var pieces = new SortedDictionary<ulong, SortedDictionary<(Hash32, Hash32), Piece>>();

        foreach (var s in sightings)
        {
            if (!SlashingRules.IsSlashableEitherOrder(s.First, s.Second)) continue;
            var piece = PieceOf(pieces, s.ValidatorIndex, s.First, s.Second);
            piece.Reporters.Add(s.Node);
            if (s.OwnSlasher) piece.FoundBy.Add(s.Node);
        }

        var slasher = new Slasher(config, Slasher.MaxHistoryEpochs);
        foreach (var vote in chainVotes)
        {
            if (slasher.OnAttestation(vote) is { } e)
                PieceOf(pieces, e.Offender, e.A1.Data, e.A2.Data);
        }

        var slashable = ImmutableArray.CreateBuilder<SlashableValidator>();
        ulong slashableStake = 0;
        foreach (var (index, byPair) in pieces)
        {
            if (!byIndex.TryGetValue(index, out var v)) continue;
            ImmutableArray<SlashableEvidence> evidence =
            [
                .. byPair.Values
                    .Select(p => new SlashableEvidence(KindOf(p.First, p.Second), p.First, p.Second,
                        [.. p.FoundBy.Count > 0 ? p.FoundBy : p.Reporters]))
                    .OrderBy(e => e.Kind).ThenBy(e => e.First.Target.Epoch).ThenBy(e => e.Second.Target.Epoch)
                    .ThenBy(e => e.First.Root).ThenBy(e => e.Second.Root),
            ];
            slashable.Add(new SlashableValidator(index, v.Name, v.Stake, evidence));
            slashableStake += v.Stake;
        }

        var total = validators.Aggregate(0UL, (sum, v) => sum + v.Stake);
        return new ForensicsReport([.. conflicts], slashable.ToImmutable(), slashableStake, total, Share(slashableStake, total),
            ReachesOneThird(slashableStake, total));
    }

    /// <summary><paramref name="part"/> / <paramref name="total"/> rounded half-even to 4 decimals (0 when the total is 0).</summary>
    public static decimal Share(ulong part, ulong total) =>
        total == 0 ? 0m : Math.Round((decimal)part / total, 4, MidpointRounding.ToEven);

    /// <summary>Whether <paramref name="part"/> is at least a third of <paramref name="total"/>: <c>part × 3 ≥ total</c>, in integers.</summary>
    public static bool ReachesOneThird(ulong part, ulong total) => (UInt128)part * 3 >= total;

    /// <summary>A double vote when both targets are one epoch, else a surround vote (as <see cref="SlashingRules.KindOf(AttesterSlashing)"/>).</summary>
    public static SlashingKind KindOf(AttestationData first, AttestationData second)
    {
        ArgumentNullException.ThrowIfNull(first);
        ArgumentNullException.ThrowIfNull(second);
        return first.Target.Epoch == second.Target.Epoch ? SlashingKind.DoubleVote : SlashingKind.SurroundVote;
    }

    private static Piece PieceOf(SortedDictionary<ulong, SortedDictionary<(Hash32, Hash32), Piece>> pieces, ulong index,
        AttestationData first, AttestationData second)
    {
        if (!pieces.TryGetValue(index, out var byPair)) pieces[index] = byPair = [];
        var (r1, r2) = (first.Root, second.Root);
        var key = r1.CompareTo(r2) <= 0 ? (r1, r2) : (r2, r1);
        if (!byPair.TryGetValue(key, out var piece))
        {
            // The pair in a fixed order (earlier target, then smaller root first), whoever reported it first.
            var swap = second.Target.Epoch < first.Target.Epoch || (second.Target.Epoch == first.Target.Epoch && r2.CompareTo(r1) < 0);
            byPair[key] = piece = swap ? new Piece(second, first) : new Piece(first, second);
        }

        return piece;
    }

    private sealed record Piece(AttestationData First, AttestationData Second)
    {
        public SortedSet<int> FoundBy { get; } = [];

        public SortedSet<int> Reporters { get; } = [];
    }
}
